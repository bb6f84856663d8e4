"""Cross-checks with the C# trainer (issue 18, item 5), run through its CLI:

* the same weights and the same masked batch give the same loss and gradient norm in fp32: the C#
  trainer's update 1 (``--init-from`` our weights, ``--steps 1``, metrics.jsonl) against the recipe's
  model and loss on the batch rebuilt from its generator (records from EpochOrder, masks from
  (seed, update, micro-batch));
* a tiny run from the README's bytes shards ends within 5% of the C# trainer's loss with the same
  settings and starting weights (the mean of the last 10 updates, since one update's Eq. 1 loss
  swings with its random masking ratios);
* ``--rope-scaling`` bases equal ``ultrallada-train rope``'s.

The C# CLIs come from ULTRALLADA_TRAIN_CLI / ULTRALLADA_DATA_CLI (.ci/run sets them to what its
dotnet test built); without them the tests skip, saying why."""
import json
import os
import subprocess

import pytest

torch = pytest.importorskip("torch")

import recipe_runs as rr  # noqa: E402
import ultrallada_data as u  # noqa: E402
from conftest import REPO, SAMPLE  # noqa: E402
from ultrallada_data.recipe import config as cfg  # noqa: E402
from ultrallada_data.recipe import crosscheck, hf_checkpoint, metrics, rope  # noqa: E402
from ultrallada_data.recipe.model import LladaModel  # noqa: E402

SEED, BATCH = 1234, 4


def cli(variable, name):
    path = os.environ.get(variable)
    if not path or not os.path.isfile(path):
        pytest.skip(f"{variable} does not name the built {name} (.ci/run sets it after dotnet test): the C# cross-checks need it")
    return ["dotnet", path]


def run(cmd, timeout=600):
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}\nexit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def bytes_shards(tmp_path_factory):
    """The README's bytes shards (samples/pg19-mini, --tokenizer bytes, adaptive, seq_len 256)."""
    data = cli("ULTRALLADA_DATA_CLI", "ultrallada-data.dll")
    out = tmp_path_factory.mktemp("bytes") / "bytes"
    run(data + ["pack", "--input", SAMPLE, "--split", "all", "--tokenizer", "bytes", "--layout", "adaptive",
                "--seq-len", "256", "--out", str(out), "--no-progress"])
    return str(out / "train")


@pytest.fixture(scope="module")
def start_weights(bytes_shards, tmp_path_factory):
    """tiny's fresh weights from the recipe, as a Hugging Face safetensors file in fp32."""
    reader = u.open(bytes_shards)
    torch.manual_seed(3)
    model = LladaModel(cfg.TINY.for_data(reader.header.vocab_size))
    model.initialize_weights()
    path = str(tmp_path_factory.mktemp("init") / "init.safetensors")
    hf_checkpoint.export(model, path, dtype=torch.float32)
    return path


def test_same_weights_and_masked_batch_give_the_same_loss_and_gradient_norm(bytes_shards, start_weights, tmp_path):
    train = cli("ULTRALLADA_TRAIN_CLI", "ultrallada-train.dll")
    run(train + ["train", "--data", bytes_shards, "--out", str(tmp_path / "cs"), "--model", "tiny", "--init-from", start_weights,
                 "--steps", "1", "--batch-size", str(BATCH), "--seed", str(SEED), "--threads", "1", "--no-plot", "--dtype", "fp32"])
    expected = metrics.read(str(tmp_path / "cs" / "metrics.jsonl"))[0]
    reader = u.open(bytes_shards)
    model = LladaModel(cfg.TINY.for_data(reader.header.vocab_size))
    hf_checkpoint.import_weights(model, start_weights)
    torch.set_num_threads(1)
    loss, grad_norm = crosscheck.csharp_loss(reader, SEED, BATCH, model)
    _, masked = crosscheck.csharp_first_batch(reader, SEED, BATCH, model.config.mask)
    assert masked.masked_count == expected["masked_tokens"], "the same masks"
    print(f"C# loss {expected['loss']!r} grad_norm {expected['grad_norm']!r}; recipe loss {loss!r} grad_norm {grad_norm!r}")
    assert abs(loss - expected["loss"]) / expected["loss"] < 1e-5, (loss, expected["loss"])
    assert abs(grad_norm - expected["grad_norm"]) / expected["grad_norm"] < 1e-5, (grad_norm, expected["grad_norm"])


def test_tiny_run_ends_within_five_percent_of_the_csharp_trainer(bytes_shards, start_weights, tmp_path):
    train = cli("ULTRALLADA_TRAIN_CLI", "ultrallada-train.dll")
    settings = ["--model", "tiny", "--init-from", start_weights, "--steps", "120", "--batch-size", "8", "--lr", "3e-3",
                "--min-lr", "3e-4", "--seed", str(SEED), "--threads", "1", "--checkpoint-every", "0", "--log-every", "40", "--no-plot"]
    run(train + ["train", "--data", bytes_shards, "--out", str(tmp_path / "cs")] + settings)
    rr.checked(rr.torchrun(1, ["--data", bytes_shards, "--out", tmp_path / "py"] + settings, timeout=600))
    cs, py = (metrics.read(str(tmp_path / name / "metrics.jsonl")) for name in ("cs", "py"))
    assert len(cs) == len(py) == 120
    first = sum(m["loss"] for m in py[:10]) / 10
    mean_cs, mean_py = (sum(m["loss"] for m in h[-10:]) / 10 for h in (cs, py))
    assert mean_py < 0.8 * first, "the recipe learned"
    print(f"last-10 mean loss: C# {mean_cs:.4f}, recipe {mean_py:.4f} ({(mean_py - mean_cs) / mean_cs:+.2%}); first-10 {first:.4f}")
    assert abs(mean_py - mean_cs) / mean_cs < 0.05, (mean_py, mean_cs)


def test_rope_scaling_bases_equal_the_csharp_rope_command():
    train = cli("ULTRALLADA_TRAIN_CLI", "ultrallada-train.dll")
    for head_dim, base, train_len, target in ((128, 500000, 4096, 131072), (64, 10000, 1024, 65536)):
        done = run(train + ["rope", "--head-dim", str(head_dim), "--base", str(base), "--train-len", str(train_len),
                            "--target-len", str(target), "--json"])
        report = json.loads(done.stdout)
        ntk, baseline, diffusion = rope.report(head_dim, base, train_len, target)
        for ours, key in ((ntk, "ntk_aware"), (baseline, "baseline"), (diffusion, "diffusion_aware")):
            assert ours.scaled_base == report[key]["scaled_base"] and ours.critical_dimension == report[key]["critical_dimension"]
