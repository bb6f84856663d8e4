#!/usr/bin/env python3
"""One LLaDA masked-diffusion training step (Eq. 1 of the LLaDA paper) on ULDS shards, with the
recipe's own pieces (``ultrallada_data.recipe``): its model, attention by the blocks of
``cu_seqlens`` and chunked loss.

    python python/examples/llada_step.py SHARD_OR_SPLIT_FOLDER [--device cuda] [--batch 1]

What a PyTorch trainer adds to use these shards: a DataLoader over UldsIterableDataset with the
varlen collate, masks drawn per record (t ~ U(eps, 1), each real token masked with probability t),
and attention confined to the blocks of ``cu_seqlens`` (one per segment in layout ``adaptive``, one
per record in ``eod``/``direct``). For whole runs across ranks use ``ultrallada_data.recipe.train``
(docs/distributed.md); this is the smallest self-contained step.
"""
import argparse
import time

import torch
from torch.utils.data import DataLoader

from ultrallada_data.recipe import masking
from ultrallada_data.recipe.attention import pick_backend
from ultrallada_data.recipe.config import ModelConfig
from ultrallada_data.recipe.model import AttentionPlan, LladaModel
from ultrallada_data.recipe.optim import AdamW, param_groups
from ultrallada_data.torch import UldsIterableDataset, pack_collate


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", help="a .ulds shard, a manifest or a split folder")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--batch", type=int, default=1, help="records per step")
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    torch.manual_seed(args.seed)
    dataset = UldsIterableDataset(args.path, seed=args.seed, batch_size=args.batch)
    batch = next(iter(DataLoader(dataset, batch_size=args.batch, collate_fn=pack_collate)))
    device, dtype = torch.device(args.device), getattr(torch, args.dtype)
    config = ModelConfig(name="example", layers=args.layers, d_model=args.dim, heads=args.heads,
                         mlp_hidden=4 * args.dim).for_data(dataset.reader.header.vocab_size)
    model = LladaModel(config).to(device)
    model.initialize_weights()
    model.to(dtype)
    optimizer = AdamW(param_groups(model, 0.1), lr=1e-3)
    backend = pick_backend("auto", device, dtype)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    seq_len = dataset.reader.seq_len
    masked = masking.sample(batch, config.mask, seq_len, masking.record_streams(args.seed, 0, range(len(batch["records"]))))
    plan = AttentionPlan(batch["cu_seqlens"], batch["padding_mask"], backend)
    loss = model(masked.noisy.to(device), batch["position_ids"].to(device), plan, masked, len(batch["records"]) * seq_len)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elapsed = time.perf_counter() - start
    tokens = batch["input_ids"].numel()
    print(f"layout {batch['layout']}: {len(batch['records'])} records, {tokens} tokens, {len(batch['cu_seqlens']) - 1} attention blocks "
          f"(max {batch['max_seqlen']}); attention {backend}, {masked.masked_count} masked")
    print(f"loss {loss.item():.4f}  step {elapsed:.3f} s  {tokens / elapsed:,.0f} tokens/s  torch {torch.__version__} on {device}")
    if device.type == "cuda":
        print(f"peak GPU memory {torch.cuda.max_memory_allocated(device) / 2**30:.2f} GiB")
    return loss.item()


if __name__ == "__main__":
    main()
