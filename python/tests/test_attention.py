"""The per-segment attention the example step uses (the recipe's) equals attention with a dense block mask; the step runs."""
import importlib.util
import math
import os

import pytest

torch = pytest.importorskip("torch")

import ulds_writer as w  # noqa: E402

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "examples", "llada_step.py")


def load_example():
    spec = importlib.util.spec_from_file_location("llada_step", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("use_sdpa", [False, True])
def test_block_attention_equals_dense_block_mask(use_sdpa):
    from ultrallada_data.recipe import attention

    if use_sdpa and not attention.HAS_SDPA:
        pytest.skip(f"torch {torch.__version__} has no scaled_dot_product_attention (torch >= 2 does)")
    g = torch.Generator().manual_seed(3)
    cu = torch.tensor([0, 5, 6, 40, 41, 64, 100], dtype=torch.int32)
    q, k, v = (torch.randn(100, 4, 16, generator=g) for _ in range(3))
    ours = attention.block_attention(q, k, v, cu, backend="sdpa" if use_sdpa else "chunked", query_chunk=7)  # chunking exercised
    dense = attention.dense_reference(q, k, v, cu)
    assert torch.allclose(ours, dense, atol=1e-5, rtol=0), (ours - dense).abs().max()
    # and it is not trivially equal to unmasked attention
    full = torch.softmax(torch.einsum("qhd,khd->hqk", q, k) / math.sqrt(16), -1)
    assert not torch.allclose(ours, torch.einsum("hqk,khd->qhd", full, v), atol=1e-3)


def test_one_training_step_runs(tmp_path, capsys):
    step = load_example()
    docs = [list(range(1, 40)), list(range(100, 130)), [7] * 50]
    path = w.write(str(tmp_path / "s.ulds"), w.header(32, vocab_size=256, eod_id=255, pad_id=254), w.pack_documents(docs, 32, eod_id=255, pad_id=254))
    loss = step.main([path, "--device", "cpu", "--batch", "2", "--dim", "32", "--heads", "2", "--layers", "1"])
    assert math.isfinite(loss) and loss > 0
    out = capsys.readouterr().out
    assert "tokens/s" in out and "loss" in out
