"""Bidirectional attention confined to the blocks of ``cu_seqlens`` (the varlen form), three ways.

* ``flash``: FlashAttention's ``flash_attn_varlen_func`` (non-causal), where ``flash_attn`` imports,
  on CUDA in bf16/fp16. Untested here (no GPU, no flash_attn package).
* ``sdpa``: ``torch.nn.functional.scaled_dot_product_attention`` once per block, on torch >= 2.
  Untested here (Debian's torch is 1.13).
* ``chunked``: exact softmax attention in query chunks with a memory-bounded backward
  (:class:`ChunkedAttention`): what torch 1.13 runs, and what the CPU tests check.

A padding block (the padded tail of a record) attends to nothing and its outputs are zeros, as in
the C# trainer: nothing reads them, so a record's padded tail costs no attention at all.
"""
import math

import torch
import torch.nn.functional as F

try:  # pragma: no cover - flash_attn is not installed on the CPU machines this is tested on
    from flash_attn import flash_attn_varlen_func
except Exception:  # noqa: BLE001 - any import failure (missing, built for another torch) means "not here"
    flash_attn_varlen_func = None

HAS_SDPA = hasattr(F, "scaled_dot_product_attention")
BACKENDS = ("auto", "flash", "sdpa", "chunked")
QUERY_CHUNK = 1024


def pick_backend(requested, device, dtype):
    """The backend ``auto`` means on this device/dtype, or the requested one if it can run."""
    flash_ok = flash_attn_varlen_func is not None and device.type == "cuda" and dtype in (torch.float16, torch.bfloat16)
    if requested == "auto":
        return "flash" if flash_ok else "sdpa" if HAS_SDPA else "chunked"
    if requested == "flash" and not flash_ok:
        raise ValueError("--attention flash needs the flash_attn package, a CUDA device and bf16/fp16")
    if requested == "sdpa" and not HAS_SDPA:
        raise ValueError(f"--attention sdpa needs torch >= 2 (this is {torch.__version__})")
    if requested not in BACKENDS:
        raise ValueError(f"unknown attention backend '{requested}': use {', '.join(BACKENDS)}")
    return requested


class ChunkedAttention(torch.autograd.Function):
    """Softmax attention of one block, (heads, n, d) each, in query chunks, keeping only q, k, v,
    the output and the row log-sum-exp for backward (FlashAttention's recompute, in plain torch):
    memory is one chunk x n scores at a time in both passes, never n x n."""

    @staticmethod
    def forward(ctx, q, k, v, chunk):
        scale = 1.0 / math.sqrt(q.shape[-1])
        wide = torch.promote_types(q.dtype, torch.float32)  # softmax in at least fp32
        out = torch.empty_like(q)
        lse = q.new_empty(q.shape[:-1], dtype=wide)
        for c in range(0, q.shape[1], chunk):
            scores = torch.matmul(q[:, c:c + chunk], k.transpose(-1, -2)).to(wide) * scale
            lse[:, c:c + chunk] = torch.logsumexp(scores, dim=-1)
            probs = torch.exp(scores - lse[:, c:c + chunk, None]).to(v.dtype)
            out[:, c:c + chunk] = torch.matmul(probs, v)
        ctx.save_for_backward(q, k, v, out, lse)
        ctx.chunk, ctx.scale = chunk, scale
        return out

    @staticmethod
    def backward(ctx, grad_out):
        q, k, v, out, lse = ctx.saved_tensors
        chunk, scale = ctx.chunk, ctx.scale
        dq, dk, dv = torch.empty_like(q), torch.zeros_like(k), torch.zeros_like(v)
        wide = lse.dtype
        delta = (grad_out.to(wide) * out.to(wide)).sum(-1)  # rowsum(dO * O) = rowsum(P * dP)
        for c in range(0, q.shape[1], chunk):
            qc, go = q[:, c:c + chunk], grad_out[:, c:c + chunk]
            scores = torch.matmul(qc, k.transpose(-1, -2)).to(wide) * scale
            probs = torch.exp(scores - lse[:, c:c + chunk, None])
            dv += torch.matmul(probs.to(v.dtype).transpose(-1, -2), go)
            dp = torch.matmul(go, v.transpose(-1, -2)).to(wide)
            ds = (probs * (dp - delta[:, c:c + chunk, None]) * scale).to(q.dtype)
            dq[:, c:c + chunk] = torch.matmul(ds, k)
            dk += torch.matmul(ds.transpose(-1, -2), qc)
        return dq, dk, dv, None


def block_attention(q, k, v, cu_seqlens, padding_blocks=None, backend="chunked", max_seqlen=None, query_chunk=QUERY_CHUNK):
    """q, k, v: (T, heads, head_dim), k/v already expanded to all heads. ``cu_seqlens``: a list of
    block bounds (or an int tensor), ``padding_blocks``: one bool per block. Returns (T, heads, head_dim)."""
    bounds = cu_seqlens.tolist() if torch.is_tensor(cu_seqlens) else list(cu_seqlens)
    padding_blocks = padding_blocks or [False] * (len(bounds) - 1)
    if backend == "flash":  # pragma: no cover - needs CUDA and flash_attn
        cu = torch.tensor(bounds, dtype=torch.int32, device=q.device)
        longest = max_seqlen or max(b - a for a, b in zip(bounds[:-1], bounds[1:]))
        out = flash_attn_varlen_func(q, k, v, cu, cu, longest, longest, causal=False)
        return _zero_padding(out, bounds, padding_blocks)
    parts = []
    for (a, b), padding in zip(zip(bounds[:-1], bounds[1:]), padding_blocks):
        if padding:
            parts.append(q.new_zeros((b - a,) + q.shape[1:]))
            continue
        qb, kb, vb = (x[a:b].transpose(0, 1) for x in (q, k, v))  # (heads, n, d)
        if backend == "sdpa":  # pragma: no cover - torch >= 2 only
            ob = F.scaled_dot_product_attention(qb[None], kb[None], vb[None], is_causal=False)[0]
        else:
            ob = ChunkedAttention.apply(qb, kb, vb, query_chunk)
        parts.append(ob.transpose(0, 1))
    return torch.cat(parts, dim=0)


def _zero_padding(out, bounds, padding_blocks):  # pragma: no cover - flash path only
    keep = torch.ones(out.shape[0], 1, 1, dtype=out.dtype, device=out.device)
    for (a, b), padding in zip(zip(bounds[:-1], bounds[1:]), padding_blocks):
        if padding:
            keep[a:b] = 0
    return out * keep


def dense_reference(q, k, v, cu_seqlens):
    """The check: full T x T attention with a dense same-block mask (small inputs only)."""
    cu = torch.as_tensor(cu_seqlens).long()
    block = torch.repeat_interleave(torch.arange(len(cu) - 1), torch.diff(cu))
    allowed = block[:, None] == block[None, :]
    scores = torch.einsum("qhd,khd->hqk", q, k) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.einsum("hqk,khd->qhd", torch.softmax(scores, dim=-1), v)
