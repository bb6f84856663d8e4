"""Megatron-core IndexedDataset files (``<prefix>.bin`` + ``<prefix>.idx``), read as Megatron reads them.

The ``.idx`` layout follows ``megatron/core/datasets/indexed_dataset.py`` (_IndexWriter/_IndexReader):

    9 bytes  b"MMIDIDX\\x00\\x00"
    u64      version, 1
    u8       dtype code (DType: 1 uint8, 2 int8, 3 int16, 4 int32, 5 int64, 6 float64, 7 float32, 8 uint16)
    u64      sequence count S
    u64      document count D (the length of document_indices: one more than the documents)
    S x i32  sequence lengths (elements)
    S x i64  sequence byte pointers into .bin
    D x i64  document indices: sequence index where each document starts, then S

Megatron does no checking beyond the magic and version; this reader also checks everything a damaged
pair would break, and raises :class:`MegatronFormatError` naming the file.
"""
import builtins
import mmap
import os
import struct

import numpy as np

from .errors import MegatronFormatError

INDEX_HEADER = b"MMIDIDX\x00\x00"
# Megatron's DType enum: code -> numpy dtype (the .bin is a little-endian memory image).
DTYPES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32, 8: np.uint16}
CODES = {np.dtype(v): k for k, v in DTYPES.items()}
_PREFIX_SIZE = 9 + 8 + 1 + 8 + 8  # 34, Megatron's fixed offset


def optimal_dtype(vocab_size: int):
    """Megatron's DType.optimal_dtype: uint16 when the vocabulary is below 65,500 ids, else int32."""
    return np.uint16 if vocab_size is not None and vocab_size < 65500 else np.int32


class MegatronReader:
    """``len(r)`` documents; ``r[i]`` document ``i``'s tokens (its sequences joined; in this project's
    output one document is one sequence). ``sequence(j)`` is sequence ``j`` as a view on the mapping."""

    def __init__(self, prefix):
        prefix = os.fspath(prefix)
        for ext in (".bin", ".idx"):
            if prefix.endswith(ext):
                prefix = prefix[: -len(ext)]
        self.prefix = prefix
        self.idx_path = prefix + ".idx"
        self.bin_path = prefix + ".bin"
        self._open()

    def _open(self):
        idx = _map(self.idx_path)
        path = self.idx_path
        if len(idx) < _PREFIX_SIZE:
            raise MegatronFormatError(path, None, f"file is {len(idx)} bytes, shorter than the {_PREFIX_SIZE}-byte index header (truncated?)")
        if idx[:9] != INDEX_HEADER:
            raise MegatronFormatError(path, None, "bad magic: not a Megatron index (expected b'MMIDIDX\\x00\\x00')")
        (version,) = struct.unpack_from("<Q", idx, 9)
        if version != 1:
            raise MegatronFormatError(path, None, f"unknown index version {version}; Megatron writes version 1")
        code = idx[17]
        if code not in DTYPES:
            raise MegatronFormatError(path, None, f"unknown dtype code {code}; Megatron's DType has codes 1..8")
        self.dtype = np.dtype(DTYPES[code])
        sequences, documents = struct.unpack_from("<QQ", idx, 18)
        expected = _PREFIX_SIZE + 4 * sequences + 8 * sequences + 8 * documents
        if expected != len(idx):
            raise MegatronFormatError(path, None, f"index of {sequences} sequences and {documents} document indices should be {expected} bytes, the file is {len(idx)}")
        self.sequence_lengths = np.frombuffer(idx, np.int32, sequences, _PREFIX_SIZE)
        self.sequence_pointers = np.frombuffer(idx, np.int64, sequences, _PREFIX_SIZE + 4 * sequences)
        self.document_indices = np.frombuffer(idx, np.int64, documents, _PREFIX_SIZE + 12 * sequences)
        self._idx_map = idx

        lengths, pointers, docs = self.sequence_lengths.astype(np.int64), self.sequence_pointers, self.document_indices
        if sequences and lengths.min() < 0:
            j = int(np.flatnonzero(lengths < 0)[0])
            raise MegatronFormatError(path, j, f"sequence {j} has negative length {int(lengths[j])}")
        expected_pointers = np.concatenate(([0], np.cumsum(lengths * self.dtype.itemsize)[:-1])) if sequences else lengths
        if not np.array_equal(pointers, expected_pointers):
            j = int(np.flatnonzero(pointers != expected_pointers)[0])
            raise MegatronFormatError(path, j, f"sequence {j} points at byte {int(pointers[j])}, but the sizes before it put it at {int(expected_pointers[j])}")
        if documents == 0 or docs[0] != 0:
            raise MegatronFormatError(path, None, "document indices do not start at 0")
        if np.any(np.diff(docs) < 0):
            j = int(np.flatnonzero(np.diff(docs) < 0)[0])
            raise MegatronFormatError(path, None, f"document indices are not monotonic (entry {j + 1}: {int(docs[j + 1])} after {int(docs[j])})")
        if docs[-1] != sequences:
            raise MegatronFormatError(path, None, f"document indices end at {int(docs[-1])}, not at the sequence count {sequences}")

        data = _map(self.bin_path)
        total = int(lengths.sum()) * self.dtype.itemsize
        if total != len(data):
            raise MegatronFormatError(self.bin_path, None, f"is {len(data)} bytes, but {self.idx_path} describes {total} bytes ({int(lengths.sum())} tokens of {self.dtype.name})")
        self._bin_map = data
        self._tokens = np.frombuffer(data, self.dtype) if len(data) else np.zeros(0, self.dtype)

    def __getstate__(self):
        return {"prefix": self.prefix}

    def __setstate__(self, state):
        self.__init__(state["prefix"])

    @property
    def sequence_count(self) -> int:
        return int(self.sequence_lengths.shape[0])

    def __len__(self) -> int:
        return int(self.document_indices.shape[0]) - 1

    def sequence(self, j: int) -> np.ndarray:
        start = int(self.sequence_pointers[j]) // self.dtype.itemsize
        return self._tokens[start:start + int(self.sequence_lengths[j])]

    def __getitem__(self, i) -> np.ndarray:
        if isinstance(i, np.integer):
            i = int(i)
        if not isinstance(i, int):
            raise TypeError(f"document index must be an int, not {type(i).__name__}")
        count = len(self)
        if i < 0:
            i += count
        if not 0 <= i < count:
            raise IndexError(f"{self.prefix} holds {count} documents; document {i} does not exist")
        first, last = int(self.document_indices[i]), int(self.document_indices[i + 1])
        if last - first == 1:
            return self.sequence(first)
        if first == last:
            return self._tokens[:0]
        # Sequences of a document are back to back in .bin (pointers were checked), so this is a view too.
        start = int(self.sequence_pointers[first]) // self.dtype.itemsize
        return self._tokens[start:start + int(self.sequence_lengths[first:last].astype(np.int64).sum())]

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


def _map(path):
    try:
        with builtins.open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as e:
        raise MegatronFormatError(path, None, f"cannot open: {e.strerror or e}") from e


def open(prefix) -> MegatronReader:  # noqa: A001 - mirrors ultrallada_data.open
    """Opens ``<prefix>.bin``/``<prefix>.idx`` (the prefix may also be given with either extension)."""
    return MegatronReader(prefix)
