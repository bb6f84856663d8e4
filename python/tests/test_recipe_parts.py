"""The recipe's pieces against references: safetensors round trips and errors, chunked attention
and loss against dense ones, activation checkpointing, AdamW against torch's, the schedule, RoPE
bases, masks, config keys and the memory plan's arithmetic."""
import json
import math
import os
import struct

import pytest

torch = pytest.importorskip("torch")

from ultrallada_data.recipe import config as cfg  # noqa: E402
from ultrallada_data.recipe import hf_checkpoint, masking, memory_plan, rope, safetensors  # noqa: E402
from ultrallada_data.recipe.attention import block_attention, dense_reference  # noqa: E402
from ultrallada_data.recipe.deterministic_random import DeterministicRandom, derive  # noqa: E402
from ultrallada_data.recipe.loss import masked_diffusion_loss  # noqa: E402
from ultrallada_data.recipe.model import AttentionPlan, LladaModel  # noqa: E402
from ultrallada_data.recipe.optim import AdamW  # noqa: E402
from ultrallada_data.recipe.schedule import CosineSchedule  # noqa: E402

SMALL = cfg.ModelConfig(name="t", layers=2, d_model=32, heads=4, kv_heads=2, mlp_hidden=48, vocab_size=50, mask_id=49)


def test_safetensors_round_trip_file_and_sharded_folder(tmp_path):
    g = torch.Generator().manual_seed(0)
    tensors = {"a.f32": torch.randn(3, 4, generator=g), "b.bf16": torch.randn(5, generator=g).to(torch.bfloat16),
               "c.i64": torch.arange(6).reshape(2, 3), "d.empty": torch.zeros(0, 4)}
    safetensors.write_file(str(tmp_path / "one.safetensors"), tensors, {"k": "v"})
    back, meta = safetensors.read(str(tmp_path / "one.safetensors"))
    assert meta == {"k": "v"} and back.keys() == tensors.keys()
    assert all(torch.equal(back[k], tensors[k]) and back[k].dtype == tensors[k].dtype for k in tensors)
    raw = open(tmp_path / "one.safetensors", "rb").read()
    header_len = struct.unpack("<Q", raw[:8])[0]
    assert header_len % 8 == 0 and json.loads(raw[8:8 + header_len])["a.f32"]["dtype"] == "F32"
    safetensors.write_folder(str(tmp_path / "hf"), tensors, {"k": "v"}, max_shard_bytes=40)
    index = json.load(open(tmp_path / "hf" / safetensors.INDEX_FILE))
    assert len(set(index["weight_map"].values())) > 1, "split into shards"
    back, _ = safetensors.read(str(tmp_path / "hf"))
    assert all(torch.equal(back[k], tensors[k]) for k in tensors)
    assert not [n for n in os.listdir(tmp_path / "hf") if n.endswith(".partial")]


def test_safetensors_errors_name_file_and_tensor(tmp_path):
    path = tmp_path / "x.safetensors"
    safetensors.write_file(str(path), {"w": torch.ones(4, 4)})
    raw = open(path, "rb").read()
    open(path, "wb").write(raw[:-8])
    with pytest.raises(safetensors.SafetensorsError, match=r"x\.safetensors: tensor 'w': bytes \[0, 64\) lie outside"):
        safetensors.SafetensorsFile(str(path))
    open(path, "wb").write(struct.pack("<Q", 10 ** 9) + b"{}")
    with pytest.raises(safetensors.SafetensorsError, match="does not fit a file"):
        safetensors.SafetensorsFile(str(path))
    os.makedirs(tmp_path / "hf")
    json.dump({"weight_map": {"w": "gone.safetensors"}}, open(tmp_path / "hf" / safetensors.INDEX_FILE, "w"))
    with pytest.raises(safetensors.SafetensorsError, match="gone.safetensors"):
        safetensors.files_of(str(tmp_path / "hf"))


def test_hf_names_and_import_export(tmp_path):
    torch.manual_seed(0)
    model = LladaModel(SMALL)
    model.initialize_weights()
    names = [n for n, _ in model.named_parameters()]
    assert names[:2] == ["wte.weight", "blocks.0.attn_norm.weight"] and names[-2:] == ["ln_f.weight", "ff_out.weight"]
    assert "blocks.1.ff_proj.weight" in names and "blocks.1.up_proj.weight" in names
    hf_checkpoint.export(model, str(tmp_path / "hf"), dtype=torch.float32, max_shard_bytes=20_000)
    tensors, meta = safetensors.read(str(tmp_path / "hf"))
    assert sorted(tensors) == sorted("model.transformer." + n for n in names)
    assert cfg.ModelConfig.from_dict(json.loads(meta["ultrallada_model_config"])) == SMALL
    other = LladaModel(SMALL)
    assert hf_checkpoint.import_weights(other, str(tmp_path / "hf")) == len(names)
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), other.parameters()))
    wrong = LladaModel(cfg.ModelConfig(name="w", layers=2, d_model=32, heads=4, kv_heads=2, mlp_hidden=40, vocab_size=50, mask_id=49))
    with pytest.raises(cfg.ConfigError, match="ff_proj.weight' is \\[48, 32\\], the model's"):
        hf_checkpoint.import_weights(wrong, str(tmp_path / "hf"))


def test_config_keys_presets_and_errors(tmp_path):
    assert cfg.resolve("llada-8b").parameter_count() == 8_015_581_184
    assert cfg.resolve("tiny").for_data(256).vocab_size == 257 and cfg.resolve("tiny").for_data(256).mask == 256
    path = tmp_path / "m.json"
    path.write_text(cfg.SMALL.to_json())
    assert cfg.resolve(str(path)) == cfg.SMALL
    path.write_text(json.dumps({"layers": 2, "d_model": 32, "heads": 4, "mlp_hidden": 8, "n_layers": 3}))
    with pytest.raises(cfg.ConfigError, match=r"m\.json: unknown model config keys \['n_layers'\]"):
        cfg.resolve(str(path))
    with pytest.raises(cfg.ConfigError, match="unknown model 'huge'"):
        cfg.resolve("huge")


@pytest.mark.parametrize("chunk", [3, 64])
def test_chunked_attention_equals_dense_forward_and_backward(chunk):
    g = torch.Generator().manual_seed(3)
    cu = [0, 5, 6, 40, 41, 64, 100]
    q, k, v = (torch.randn(100, 4, 16, generator=g, dtype=torch.float64, requires_grad=True) for _ in range(3))
    ours = block_attention(q, k, v, cu, backend="chunked", query_chunk=chunk)
    reference = dense_reference(q, k, v, cu)
    assert torch.allclose(ours, reference, atol=1e-12)
    weight = torch.randn(100, 4, 16, generator=g, dtype=torch.float64)
    grads = torch.autograd.grad((ours * weight).sum(), (q, k, v))
    expected = torch.autograd.grad((reference * weight).sum(), (q, k, v))
    assert all(torch.allclose(a, b, atol=1e-10) for a, b in zip(grads, expected))
    padded = block_attention(q, k, v, cu, padding_blocks=[False] * 5 + [True], backend="chunked")
    assert torch.equal(padded[64:], torch.zeros_like(padded[64:])) and torch.allclose(padded[:64], reference[:64], atol=1e-12)


def _batch(g, rows=3, seq_len=20):
    ids = torch.randint(0, 49, (rows * seq_len,), generator=g)
    padding = torch.zeros(rows * seq_len, dtype=torch.bool)
    padding[-4:] = True
    return {"input_ids": ids, "padding_mask": padding,
            "record_cu_seqlens": torch.arange(0, rows * seq_len + 1, seq_len, dtype=torch.int32),
            "cu_seqlens": torch.tensor([0, 7, 20, 33, 40, 56, 60], dtype=torch.int32),
            "position_ids": torch.cat([torch.arange(7), torch.arange(13), torch.arange(13), torch.arange(7), torch.arange(16), torch.arange(4)])}


def test_loss_in_chunks_and_activation_checkpointing_change_nothing():
    g = torch.Generator().manual_seed(1)
    batch = _batch(g)
    masked = masking.sample(batch, SMALL.mask, 20, masking.record_streams(5, 0, [0, 1, 2]))
    assert masked.masked_count > 0 and not batch["padding_mask"][masked.positions].any()
    plan = AttentionPlan(batch["cu_seqlens"], batch["padding_mask"])
    assert plan.padding_blocks == [False] * 5 + [True]
    torch.manual_seed(0)
    model = LladaModel(SMALL).double()
    model.initialize_weights()

    def run(chunk, checkpointing):
        model.zero_grad(set_to_none=True)
        model.loss_chunk, model.activation_checkpointing = chunk, checkpointing
        loss = model(masked.noisy, batch["position_ids"], plan, masked, 60)
        loss.backward()
        return float(loss), [p.grad.clone() for p in model.parameters()]

    loss, grads = run(10 ** 6, False)
    for chunk, checkpointing in ((3, False), (5, True)):
        other, other_grads = run(chunk, checkpointing)
        assert abs(other - loss) <= 1e-12 * abs(loss)
        assert all(torch.allclose(a, b, rtol=1e-10, atol=1e-14) for a, b in zip(grads, other_grads))
    # Eq. 1 itself, written out: sum of CE / p over masked positions, over rows x seq_len.
    hidden = model.hidden(masked.noisy, batch["position_ids"], plan)
    logits = model.ff_out(hidden[masked.positions])
    direct = (torch.nn.functional.cross_entropy(logits, masked.targets, reduction="none") / masked.probabilities).sum() / 60
    assert abs(float(direct) - loss) <= 1e-12 * abs(loss)
    assert abs(float(masked_diffusion_loss(hidden, model.ff_out, masked.positions[:0], masked.targets[:0],
                                           masked.probabilities[:0], 60))) == 0.0


def test_masks_follow_the_record_slot_not_the_batch():
    g = torch.Generator().manual_seed(2)
    batch = _batch(g, rows=2, seq_len=30)
    together = masking.sample(batch, 49, 30, masking.record_streams(9, 4, [0, 1]))
    second = {"input_ids": batch["input_ids"][30:], "padding_mask": batch["padding_mask"][30:],
              "record_cu_seqlens": torch.tensor([0, 30], dtype=torch.int32)}
    alone = masking.sample(second, 49, 30, masking.record_streams(9, 4, [1]))
    assert torch.equal(alone.noisy, together.noisy[30:])
    assert not torch.equal(masking.sample(second, 49, 30, masking.record_streams(9, 5, [1])).noisy, alone.noisy), "another step, another mask"


def test_deterministic_random_is_xoshiro256starstar():
    # splitmix64(0) seeds and the first outputs of xoshiro256** (reference C implementation by Vigna & Blackman).
    rng = DeterministicRandom(0)
    assert rng._s[0] == 0xE220A8397B1DCDAF
    first = rng.next_uint64()
    again = DeterministicRandom(0)
    assert again.doubles(3)[0] == (first >> 11) / 2 ** 53
    assert derive(1, 2) != derive(1, 3) and derive(1, 2) == derive(1, 2)
    counts = [0] * 5
    for _ in range(5000):
        counts[DeterministicRandom(derive(3, _)).next_int64(5)] += 1
    assert all(800 < c < 1200 for c in counts)


def test_adamw_matches_torch_on_fp32_and_keeps_fp32_master_for_bf16():
    g = torch.Generator().manual_seed(4)
    a = torch.nn.Parameter(torch.randn(6, 5, generator=g))
    b = torch.nn.Parameter(a.detach().clone())
    ours = AdamW([{"params": [a], "weight_decay": 0.1}], lr=1e-2, betas=(0.9, 0.95))
    theirs = torch.optim.AdamW([b], lr=1e-2, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    for _ in range(5):
        grad = torch.randn(6, 5, generator=g)
        a.grad, b.grad = grad.clone(), grad.clone()
        ours.step()
        theirs.step()
    assert torch.allclose(a, b, rtol=1e-6, atol=1e-7)
    low = torch.nn.Parameter(torch.ones(4, 4, dtype=torch.bfloat16))
    opt = AdamW([{"params": [low], "weight_decay": 0.0}], lr=1e-4)
    for _ in range(3):
        low.grad = torch.ones(4, 4, dtype=torch.bfloat16)
        opt.step()
    master = opt.state[low]["master"]
    assert master.dtype == torch.float32 and float(master[0, 0]) < 1.0 and torch.equal(low, master.to(torch.bfloat16))


def test_schedule_warmup_cosine_floor():
    s = CosineSchedule(2e-5, 2e-6, 600)
    assert s.warmup_steps == 18 and s.at(0) == 2e-5 / 18 and s.at(17) == 2e-5
    assert s.at(599) == 2e-6 and s.at(18) == 2e-5
    assert CosineSchedule(1.0, 0.1, 1).at(0) == 1.0


def test_rope_bases_of_the_paper():
    _, baseline, diffusion = rope.report(128, 500000, 4096, 131072)
    assert baseline.critical_dimension == 64 and diffusion.critical_dimension == 70
    assert abs(diffusion.critical_pair_index - 34.98) < 0.01
    assert rope.base_for("none", 128, 500000, 4096, 131072) == 500000
    assert rope.base_for("baseline", 128, 500000, 4096, 131072) == pytest.approx((131072 / (2 * math.pi)) ** 2, rel=1e-12)
    with pytest.raises(ValueError, match="unknown RoPE scaling"):
        rope.base_for("yarn", 128, 500000, 4096, 8192)


def test_memory_plan_is_the_issue_arithmetic():
    result = memory_plan.plan(cfg.LLADA_8B, 8, 1, 65536, "bf16", True, 1024, 80.0)
    zero, replicated = result["options"]
    items = zero["items"]
    assert items["weights"] == items["gradients"] == pytest.approx(16.03, abs=0.01)
    assert items["optimizer_state"] == pytest.approx(96.19 / 8, abs=0.01)
    assert items["checkpointed activations"] == pytest.approx(33 * 65536 * 4096 * 2 / 1e9, abs=0.01)
    assert zero["fits"] is True and zero["total_gb"] < 80
    assert replicated["items"]["optimizer_state"] == pytest.approx(96.19, abs=0.01) and replicated["fits"] is False
    assert "zero-1 over 8 ranks" in memory_plan.format_plan(result)


def test_plan_flag_prints_the_json_plan_and_exits(tmp_path, capsys):
    import recipe_runs as rr
    from ultrallada_data.recipe import train

    shard = rr.make_shard(tmp_path / "d.ulds")
    config = rr.write_config(tmp_path / "c.json")
    assert train.main(["--data", shard, "--out", str(tmp_path / "run"), "--model", config, "--batch-size", "2", "--plan"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert [o["optimizer_state"] for o in plan["options"]] == ["zero-1 over 1 ranks", "replicated"]
    assert set(plan["options"][0]["items"]) == {"weights", "gradients", "optimizer_state", "checkpointed activations",
                                                "block recompute", "loss chunk"}
    assert plan["tokens_per_micro_batch"] == 2 * rr.SEQ_LEN and not os.path.exists(tmp_path / "run" / "metrics.jsonl")


def test_bad_flags_and_configs_exit_2_with_the_reason(tmp_path, capsys):
    import recipe_runs as rr
    from ultrallada_data.recipe import train

    shard = rr.make_shard(tmp_path / "d.ulds")
    assert train.main(["--data", shard]) == 2 and "--data and --out are required" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"layers": 2, "d_model": 30, "heads": 4, "mlp_hidden": 8}')
    assert train.main(["--data", shard, "--out", str(tmp_path / "r"), "--model", str(bad)]) == 2
    assert "d_model 30 must split into 4 heads" in capsys.readouterr().err
    assert train.main(["--data", shard, "--out", str(tmp_path / "r"), "--attention", "sdpa" if not hasattr(torch.nn.functional, "scaled_dot_product_attention") else "flash"]) == 2
    assert "--attention" in capsys.readouterr().err


def test_metrics_log_drops_a_torn_last_line_on_resume(tmp_path):
    from ultrallada_data.recipe import metrics

    path = tmp_path / "metrics.jsonl"
    log = metrics.MetricsLog(str(path), 0)
    for step in (1, 2, 3):
        log.write(step=step, loss=1.0, lr=0.1, grad_norm=float("nan"), tokens=8, masked_tokens=2, tokens_per_second=1.0,
                  step_seconds=1.0, elapsed_seconds=float(step), epoch=0)
    log.close()
    with open(path, "a") as f:
        f.write('{"step": 4, "lo')  # a kill in the middle of a write
    with pytest.raises(ValueError, match=r"metrics\.jsonl: line 4"):
        metrics.read(str(path))
    metrics.MetricsLog(str(path), 2).close()
    assert [m["step"] for m in metrics.read(str(path))] == [1, 2]
