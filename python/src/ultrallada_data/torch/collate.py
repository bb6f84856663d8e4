"""The varlen collate: a batch of records as the flat, FlashAttention-style inputs of one step.

A batch of B records becomes one flat sequence of T tokens (the records back to back):

``input_ids`` (T,) int64 · ``segment_ids`` (T,) int32, as stored (1..s per record, 0 for padding) ·
``position_ids`` (T,) int64 · ``cu_seqlens`` (K+1,) int32, the attention blocks, cu_seqlens[-1] == T ·
``max_seqlen`` int · ``padding_mask`` (T,) bool, True on padding (exclude it from the loss) ·
``record_cu_seqlens`` (B+1,) int32, where each record starts · ``records`` (B,) int64, each record's
position in its split · ``documents`` (S, 5) int64, one row per real segment: record-in-batch, doc,
offset, length, start in the flat batch (the provenance) · ``layout`` str.

Attention blocks (``cu_seqlens``):

* ``adaptive``: one block per segment, so a token attends only within its own document piece, and
  ``position_ids`` restart at 0 in every segment.
* ``eod`` / ``direct``: one block per record (full attention over the record, EOD tokens included),
  ``position_ids`` 0..n-1 over the record.
* padding, in any layout: the padded tail is a block of its own (FlashAttention's varlen kernels
  need every token inside some block; a block of its own keeps real tokens from attending to it),
  its ``position_ids`` restart at 0 in ``adaptive`` and continue the record's count in ``eod``/
  ``direct``; ``padding_mask`` marks it so the loss skips it.
"""
import numpy as np
import torch


def _flat(records, layout):
    lengths = np.array([len(r) for r in records], np.int64)
    record_cu = np.zeros(len(records) + 1, np.int64)
    np.cumsum(lengths, out=record_cu[1:])
    total = int(record_cu[-1])
    input_ids = np.empty(total, np.int64)
    segment_ids = np.empty(total, np.int32)
    position_ids = np.empty(total, np.int64)
    padding = np.zeros(total, bool)
    blocks, documents = [0], []
    for b, r in enumerate(records):
        start, n = int(record_cu[b]), len(r)
        covered = int(r.cu_seqlens[-1])
        input_ids[start:start + n] = r.tokens
        segment_ids[start:start + n] = r.segment_ids
        padding[start + covered:start + n] = True
        if layout == "adaptive":
            # Positions restart at every block start: arange minus the start of the token's block.
            bounds = r.cu_seqlens.astype(np.int64)
            if covered < n:
                bounds = np.append(bounds, n)
            local = np.arange(n, dtype=np.int64)
            block_of = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
            position_ids[start:start + n] = local - bounds[:-1][block_of]
            blocks.extend((start + bounds[1:]).tolist())
        else:
            position_ids[start:start + n] = np.arange(n, dtype=np.int64)
            if 0 < covered < n:
                blocks.append(start + covered)
            blocks.append(start + n)
        seg_starts = r.cu_seqlens[:-1].astype(np.int64) + start
        for k, (doc, offset, length) in enumerate(r.segment_tuples()):
            documents.append((b, doc, offset, length, int(seg_starts[k])))
    cu = np.array(blocks, np.int64)
    return input_ids, segment_ids, position_ids, padding, cu, record_cu, documents


def pack_collate(records, layout=None):
    """Collates a list of :class:`ultrallada_data.UldsRecord` (see the module docstring)."""
    if not records:
        raise ValueError("cannot collate an empty batch")
    layouts = {r.layout for r in records}
    if layout is None:
        if len(layouts) != 1:
            raise ValueError(f"records of several layouts in one batch: {sorted(layouts)}")
        layout = layouts.pop()
    if layout not in ("adaptive", "eod", "direct"):
        raise ValueError(f"unknown layout {layout!r}")
    input_ids, segment_ids, position_ids, padding, cu, record_cu, documents = _flat(records, layout)
    if cu[-1] > np.iinfo(np.int32).max:
        raise ValueError(f"a batch of {int(cu[-1])} tokens does not fit int32 cu_seqlens")
    return {
        "input_ids": torch.from_numpy(input_ids),
        "segment_ids": torch.from_numpy(segment_ids),
        "position_ids": torch.from_numpy(position_ids),
        "cu_seqlens": torch.from_numpy(cu.astype(np.int32)),
        "max_seqlen": int(np.diff(cu).max()),
        "padding_mask": torch.from_numpy(padding),
        "record_cu_seqlens": torch.from_numpy(record_cu.astype(np.int32)),
        "records": torch.tensor([r.position for r in records], dtype=torch.int64),
        "documents": torch.tensor(documents, dtype=torch.int64).reshape(-1, 5),
        "layout": layout,
    }


collate = pack_collate


class PackCollate:
    """``collate_fn`` that forces one layout (picklable, for DataLoader workers under spawn)."""

    def __init__(self, layout=None):
        self.layout = layout

    def __call__(self, records):
        return pack_collate(records, self.layout)
