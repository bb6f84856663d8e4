#!/usr/bin/env python3
"""One LLaDA masked-diffusion training step (Eq. 1 of the LLaDA paper) on ULDS shards, in plain PyTorch.

    python python/examples/llada_step.py SHARD_OR_SPLIT_FOLDER [--device cuda] [--batch 1]

The few lines a PyTorch trainer adds to use these shards: a DataLoader over UldsIterableDataset with
the varlen collate, and attention confined to the blocks of ``cu_seqlens`` (one per segment in
layout ``adaptive``, one per record in ``eod``/``direct``). The model is a tiny LLaDA-shaped one: a
bidirectional (non-causal) transformer with rotary positions from ``position_ids`` and an extra
[MASK] id; the loss is cross-entropy on the masked positions, each divided by its masking ratio t,
averaged over the real (non-padding) tokens.

Attention per block uses ``F.scaled_dot_product_attention`` where torch has it (>= 2.0; on CUDA
that picks the flash / memory-efficient kernels), else plain softmax attention in query chunks
(torch 1.13), which is exact and keeps memory to one chunk x block at a time.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from ultrallada_data.torch import UldsIterableDataset, pack_collate

HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


def block_attention(q, k, v, cu_seqlens, use_sdpa=HAS_SDPA, query_chunk=1024):
    """Bidirectional attention inside each block ``cu_seqlens[i]:cu_seqlens[i+1]``.

    q, k, v: (T, heads, head_dim). Returns (T, heads, head_dim). Tokens never see another block.
    """
    out = torch.empty_like(q)
    bounds = cu_seqlens.tolist()
    scale = 1.0 / math.sqrt(q.shape[-1])
    for a, b in zip(bounds[:-1], bounds[1:]):
        qb, kb, vb = (x[a:b].transpose(0, 1) for x in (q, k, v))  # (heads, len, dim)
        if use_sdpa:
            out[a:b] = F.scaled_dot_product_attention(qb.unsqueeze(0), kb.unsqueeze(0), vb.unsqueeze(0)).squeeze(0).transpose(0, 1)
            continue
        for c in range(0, b - a, query_chunk):
            e = min(c + query_chunk, b - a)
            scores = torch.matmul(qb[:, c:e], kb.transpose(-1, -2)) * scale
            out[a + c:a + e] = torch.matmul(torch.softmax(scores, dim=-1), vb).transpose(0, 1)
    return out


def dense_block_mask_attention(q, k, v, cu_seqlens):
    """The reference: full T x T attention with a dense mask allowing only same-block pairs."""
    T = q.shape[0]
    block = torch.repeat_interleave(torch.arange(len(cu_seqlens) - 1, device=q.device), torch.diff(cu_seqlens.long()).to(q.device))
    allowed = block[:, None] == block[None, :]
    scores = torch.einsum("qhd,khd->hqk", q, k) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.einsum("hqk,khd->qhd", torch.softmax(scores, dim=-1), v)


def rotary(x, position_ids, base=10000.0):
    """Rotary position embedding of x (T, heads, dim) at the given positions (restarting per segment)."""
    half = x.shape[-1] // 2
    freqs = base ** (-torch.arange(half, device=x.device, dtype=torch.float32) / half)
    angles = position_ids.to(x.device, torch.float32)[:, None] * freqs[None, :]
    cos, sin = angles.cos()[:, None, :].to(x.dtype), angles.sin()[:, None, :].to(x.dtype)
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim, bias=False), nn.Linear(dim, dim, bias=False)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim, bias=False), nn.GELU(), nn.Linear(4 * dim, dim, bias=False))

    def forward(self, x, position_ids, cu_seqlens):
        T, dim = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(T, 3, self.heads, dim // self.heads).unbind(1)
        q, k = rotary(q, position_ids), rotary(k, position_ids)
        x = x + self.proj(block_attention(q, k, v, cu_seqlens).reshape(T, dim))
        return x + self.mlp(self.norm2(x))


class TinyLLaDA(nn.Module):
    """Bidirectional transformer over vocab_size ids plus one [MASK] id (= vocab_size)."""

    def __init__(self, vocab_size, dim=64, heads=4, layers=2):
        super().__init__()
        self.mask_id = vocab_size
        self.embed = nn.Embedding(vocab_size + 1, dim)
        self.blocks = nn.ModuleList(Block(dim, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        # Small embeddings: the tied head then starts near uniform (loss about ln(vocab)).
        nn.init.normal_(self.embed.weight, std=0.02)

    def forward(self, input_ids, position_ids, cu_seqlens):
        """Hidden states (T, dim); :meth:`logits` turns chosen rows into vocabulary scores."""
        x = self.embed(input_ids)
        for block in self.blocks:
            x = block(x, position_ids, cu_seqlens)
        return self.norm(x)

    def logits(self, hidden):
        return hidden @ self.embed.weight.t()  # tied output head


def _chunk_ce(model, hidden, targets):
    return F.cross_entropy(model.logits(hidden).float(), targets, reduction="none")


def masked_cross_entropy(model, hidden, targets, chunk=2048):
    """CE of the rows in chunks, each recomputed in backward: with a 128K-200K vocabulary the full
    logits of a 64K record would not fit, and the loss only needs the masked rows anyway."""
    from torch.utils.checkpoint import checkpoint

    parts = []
    for c in range(0, hidden.shape[0], chunk):
        h, t = hidden[c:c + chunk], targets[c:c + chunk]
        parts.append(checkpoint(_chunk_ce, model, h, t, use_reentrant=False) if h.requires_grad else _chunk_ce(model, h, t))
    return torch.cat(parts) if parts else hidden.new_zeros(0)


def llada_loss(model, batch, generator, eps=1e-3):
    """Eq. 1: t ~ U(eps, 1) per record, mask each real token with probability t, CE on masked / t."""
    device = next(model.parameters()).device
    input_ids = batch["input_ids"].to(device)
    real = ~batch["padding_mask"].to(device)
    record_of = torch.repeat_interleave(torch.arange(len(batch["records"]), device=device), torch.diff(batch["record_cu_seqlens"].long()).to(device))
    t = (1 - eps) * torch.rand(len(batch["records"]), generator=generator).to(device) + eps
    p_mask = t[record_of]
    masked = (torch.rand(input_ids.shape, generator=generator).to(device) < p_mask) & real
    noisy = torch.where(masked, torch.full_like(input_ids, model.mask_id), input_ids)
    hidden = model(noisy, batch["position_ids"].to(device), batch["cu_seqlens"].to(device))
    ce = masked_cross_entropy(model, hidden[masked], input_ids[masked]) / p_mask[masked]
    return ce.sum() / real.sum().clamp(min=1)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", help="a .ulds shard, a manifest or a split folder")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--batch", type=int, default=1, help="records per step")
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dtype", default="float32", choices=["float32", "bfloat16", "float16"])
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    torch.manual_seed(args.seed)
    dataset = UldsIterableDataset(args.path, seed=args.seed, batch_size=args.batch)
    batch = next(iter(DataLoader(dataset, batch_size=args.batch, collate_fn=pack_collate)))
    device = torch.device(args.device)
    model = TinyLLaDA(dataset.reader.header.vocab_size, args.dim, args.heads, args.layers).to(device, getattr(torch, args.dtype))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(args.seed)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    loss = llada_loss(model, batch, generator)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elapsed = time.perf_counter() - start
    tokens = batch["input_ids"].numel()
    kernel = "scaled_dot_product_attention per block" if HAS_SDPA else "softmax attention per block (torch < 2)"
    print(f"layout {batch['layout']}: {len(batch['records'])} records, {tokens} tokens, {len(batch['cu_seqlens']) - 1} attention blocks (max {batch['max_seqlen']}); {kernel}")
    print(f"loss {loss.item():.4f}  step {elapsed:.3f} s  {tokens / elapsed:,.0f} tokens/s  torch {torch.__version__} on {device}")
    if device.type == "cuda":
        print(f"peak GPU memory {torch.cuda.max_memory_allocated(device) / 2**30:.2f} GiB")
    return loss.item()


if __name__ == "__main__":
    main()
