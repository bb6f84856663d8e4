"""The recipe on torchrun, for real (gloo, CPU, one thread per rank): 2 ranks x 2 DataLoader
workers update the weights as 1 rank with the same global batch does; a 2-rank run killed after a
checkpoint and resumed gives the losses and the weights of the uninterrupted run, bit for bit."""
import os
import signal
import time

import pytest

torch = pytest.importorskip("torch")

import recipe_runs as rr  # noqa: E402
from ultrallada_data.recipe import metrics, safetensors  # noqa: E402

STEPS = 6
COMMON = ["--steps", STEPS, "--lr", "1e-3", "--min-lr", "1e-4", "--warmup", "0.2", "--seed", "7", "--threads", "1",
          "--log-every", "1", "--no-plot", "--attention", "chunked"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("recipe")
    return root, rr.make_shard(root / "data.ulds"), rr.write_config(root / "tiny.json")


@pytest.fixture(scope="module")
def two_ranks(setup):
    """2 ranks x 2 workers, 2 records per rank per micro-batch, 2 micro-batches (256 tokens) per update."""
    root, shard, config = setup
    out = root / "two"
    rr.checked(rr.torchrun(2, ["--data", shard, "--out", out, "--model", config, "--batch-size", 2, "--workers", 2,
                               "--tokens-per-step", 4 * 2 * rr.SEQ_LEN, "--checkpoint-every", 2] + COMMON))
    return out


def final_weights(run):
    tensors, _ = safetensors.read(os.path.join(run, "checkpoints", f"step-{STEPS:08d}", "model.safetensors"))
    return tensors


def test_two_ranks_two_workers_equal_one_rank(setup, two_ranks):
    root, shard, config = setup
    one = root / "one"
    rr.checked(rr.torchrun(1, ["--data", shard, "--out", one, "--model", config, "--batch-size", 4,
                               "--tokens-per-step", 4 * 2 * rr.SEQ_LEN, "--checkpoint-every", 0] + COMMON))
    a, b = metrics.read(two_ranks / "metrics.jsonl"), metrics.read(one / "metrics.jsonl")
    assert [m["step"] for m in a] == [m["step"] for m in b] == list(range(1, STEPS + 1))
    for x, y in zip(a, b):
        assert x["tokens"] == y["tokens"] and x["masked_tokens"] == y["masked_tokens"], "same records, same masks"
        assert abs(x["loss"] - y["loss"]) <= 1e-6 * max(1.0, abs(y["loss"]))
        assert abs(x["grad_norm"] - y["grad_norm"]) <= 1e-6 * max(1.0, abs(y["grad_norm"]))
    wa, wb = final_weights(two_ranks), final_weights(one)
    assert wa.keys() == wb.keys() and len(wa) == 2 + 9 * 2 + 1
    worst = max(float((wa[k] - wb[k]).abs().max()) for k in wa)
    assert worst <= 1e-6, f"weights differ by {worst}"
    assert any(float((wa[k] - safetensors.read(os.path.join(two_ranks, "checkpoints", "step-00000002", "model.safetensors"))[0][k]).abs().max()) > 0
               for k in wa), "the run trained"


def test_killed_two_rank_run_resumes_exactly(setup, two_ranks):
    root, shard, config = setup
    out = root / "killed"
    args = ["--data", shard, "--out", out, "--model", config, "--batch-size", 2, "--workers", 2,
            "--tokens-per-step", 4 * 2 * rr.SEQ_LEN, "--checkpoint-every", 2] + COMMON
    process = rr.popen(2, args)
    second = out / "checkpoints" / "step-00000002" / "state.json"
    deadline = time.monotonic() + 240
    try:
        while not second.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.exists(), f"no checkpoint at update 2:\n{process.communicate()[0] if process.poll() is not None else ''}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the whole torchrun group: agent and both ranks
        process.wait(timeout=60)
    # Wherever the kill landed (after update 2, possibly after a later checkpoint or even the end),
    # continuing from update 2's checkpoint must replay the rest exactly.
    done = rr.checked(rr.torchrun(2, ["--resume", out / "checkpoints" / "step-00000002"]))
    assert "resume:" in done.stdout
    a, b = metrics.read(two_ranks / "metrics.jsonl"), metrics.read(out / "metrics.jsonl")
    assert [m["step"] for m in b] == list(range(1, STEPS + 1))
    assert [(m["loss"], m["grad_norm"], m["tokens"], m["masked_tokens"], m["lr"]) for m in a] == \
        [(m["loss"], m["grad_norm"], m["tokens"], m["masked_tokens"], m["lr"]) for m in b]
    wa, wb = final_weights(two_ranks), final_weights(out)
    assert all(torch.equal(wa[k], wb[k]) for k in wa), "final weights bit-identical"


def test_resume_with_another_rank_count_is_refused(setup, two_ranks):
    done = rr.torchrun(1, ["--resume", two_ranks])
    assert done.returncode != 0 and "--nproc-per-node 2" in done.stderr + done.stdout


def test_existing_run_is_not_overwritten(setup, two_ranks):
    root, shard, config = setup
    done = rr.torchrun(1, ["--data", shard, "--out", two_ranks, "--model", config])
    assert done.returncode != 0 and "already holds a run" in done.stderr + done.stdout
