"""LLaDA's forward process (Eq. 1) on a collated batch, with the C# trainer's generator.

Per record t ~ U(0, 1) and p = (1 - eps) t + eps (eps = 1e-3); every real token is replaced by the
mask id with probability p, independently; padding never is. A record's draws are t first, then one
per position of its ``seq_len`` row in order (padding included, as the C# MaskSampler draws them).

Which stream a record draws from is the caller's choice:

* the recipe: one stream per record, derived from (seed, step, the record's slot in the update's
  global batch), so 1 rank x B records and N ranks x B/N records draw identical masks;
* the C# trainer: one stream per micro-batch, (seed, step, micro), rows in turn
  (:func:`csharp_streams`), which the cross-check tests use to rebuild its exact masks.
"""
from dataclasses import dataclass

import numpy as np
import torch

from .deterministic_random import MASK_STREAM, DeterministicRandom, derive

EPSILON = 1e-3


@dataclass
class MaskedBatch:
    """``noisy`` (T,) ids; per masked position: its flat index, original id and its row's p."""

    noisy: torch.Tensor
    positions: torch.Tensor
    targets: torch.Tensor
    probabilities: torch.Tensor
    rows: int
    seq_len: int

    @property
    def masked_count(self) -> int:
        return int(self.positions.numel())


def record_streams(seed, step, slots):
    """The recipe's streams: one generator per record, from (seed, step, global slot)."""
    return [DeterministicRandom(derive(seed, MASK_STREAM, step, int(s))) for s in slots]


def csharp_streams(seed, step, micro, rows):
    """The C# trainer's streams: one generator shared by the rows of micro-batch ``micro``."""
    shared = DeterministicRandom(derive(seed, MASK_STREAM, step, micro))
    return [shared] * rows


def sample(batch, mask_id, seq_len, streams):
    """Masks the collated ``batch`` (``input_ids``, ``padding_mask``, ``record_cu_seqlens``)."""
    ids = batch["input_ids"]
    padding = batch["padding_mask"].numpy()
    bounds = batch["record_cu_seqlens"].tolist()
    rows = len(bounds) - 1
    if len(streams) != rows:
        raise ValueError(f"{len(streams)} mask streams for {rows} records")
    masked = np.zeros(ids.numel(), bool)
    p_of = np.zeros(ids.numel(), np.float32)
    for b, rng in enumerate(streams):
        start, end = bounds[b], bounds[b + 1]
        if end - start > seq_len:
            raise ValueError(f"record {b} of the batch has {end - start} tokens, more than seq_len {seq_len}")
        p = (1 - EPSILON) * rng.next_double() + EPSILON
        draws = np.asarray(rng.doubles(seq_len)[:end - start])
        masked[start:end] = (draws < p) & ~padding[start:end]
        p_of[start:end] = np.float32(p)
    positions = torch.from_numpy(np.flatnonzero(masked).astype(np.int64))
    noisy = ids.clone()
    noisy[positions] = mask_id
    return MaskedBatch(noisy, positions, ids[positions], torch.from_numpy(p_of[masked.nonzero()[0]]), rows, seq_len)
