"""One decoded record: numpy views on its decompressed payload, no copies."""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class UldsRecord:
    """A packed training sequence.

    ``tokens`` and ``segment_ids`` are uint32 views of the payload (read-only), ``segments`` a
    structured view with fields ``doc`` (u8), ``offset`` (u4), ``length`` (u4), and ``cu_seqlens``
    the int32 segment boundaries ``[0, l1, l1+l2, ...]`` (padding lies after the last one).
    ``shard`` is the file and ``index`` the record's position in it; ``padded`` is index flag bit 0
    (the record holds padding); ``layout`` is the shard's; ``position`` the record's index in the split
    it was read through (``-1`` when read from a lone ShardReader).
    """

    shard: str
    index: int
    tokens: np.ndarray
    segment_ids: np.ndarray
    segments: np.ndarray
    cu_seqlens: np.ndarray
    padded: bool
    layout: str = "adaptive"
    position: int = -1

    def __len__(self) -> int:
        return int(self.tokens.shape[0])

    @property
    def num_segments(self) -> int:
        return int(self.segments.shape[0])

    @property
    def num_padding(self) -> int:
        return len(self) - int(self.cu_seqlens[-1])

    def segment_tuples(self):
        """The segment table as a list of ``(doc, offset, length)`` Python ints."""
        return [(int(d), int(o), int(n)) for d, o, n in self.segments.tolist()]
