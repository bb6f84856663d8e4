"""Random access to one ULDS v1 shard, memory-mapped, with every check of the C# ShardReader."""
import mmap
import os
import struct
import sys

import numpy as np
import xxhash
import zstandard

from .errors import UldsFormatError
from .format import (
    END_MAGIC,
    FOOTER_SIZE,
    INDEX_DTYPE,
    INDEX_ENTRY_SIZE,
    MAGIC,
    MAX_HEADER_LENGTH,
    PADDED_FLAG,
    PREAMBLE_SIZE,
    SEGMENT_DTYPE,
    VERSION,
)
from .header import ShardHeader, parse_header
from .record import UldsRecord
from .validate import check_payload

if sys.byteorder != "little":  # the payload is read as a little-endian memory image, like the C# reader
    raise ImportError("ultrallada_data reads ULDS payloads as little-endian memory images; this CPU is big-endian")


class ShardReader:
    """One shard file. ``len(r)`` records; ``r[i]`` decompresses and checks record ``i``.

    The file is memory-mapped once; a record costs one zstd decompression (straight from the mapping)
    and numpy views on the result. Picklable (a DataLoader worker reopens the file), so it can live
    inside a Dataset. Every problem raises :class:`UldsFormatError` naming the file and the record.
    """

    def __init__(self, path, check_index_hash: bool = True):
        self.path = os.fspath(path)
        self._check_index_hash = check_index_hash
        self._open()

    # --- opening -------------------------------------------------------------------------------

    def _open(self):
        path = self.path
        try:
            with open(path, "rb") as f:
                length = os.fstat(f.fileno()).st_size
                if length < PREAMBLE_SIZE + FOOTER_SIZE:
                    raise UldsFormatError(path, None, f"file is {length} bytes, too short to be a shard (truncated?)")
                self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError as e:
            raise UldsFormatError(path, None, f"cannot open: {e.strerror or e}") from e
        m = self._map
        self.length = length
        if m[:8] != MAGIC:
            raise UldsFormatError(path, None, 'bad magic: not a ULDS shard (expected "ULDSHRD1" at offset 0)')
        version, hlen = struct.unpack_from("<II", m, 8)
        if version != VERSION:
            raise UldsFormatError(path, None, f"unknown format version {version}; this reader knows version {VERSION}")
        data_start = PREAMBLE_SIZE + hlen
        if hlen > MAX_HEADER_LENGTH or data_start + FOOTER_SIZE > length:
            raise UldsFormatError(path, None, f"header length {hlen} does not fit in a file of {length} bytes")
        self.header: ShardHeader = parse_header(m[PREAMBLE_SIZE:data_start], path)
        self.data_start = data_start

        footer = m[length - FOOTER_SIZE:]
        if footer[24:] != END_MAGIC:
            raise UldsFormatError(path, None, "bad end magic: the footer is missing or damaged (truncated or incompletely written file?)")
        index_offset, count, index_hash = struct.unpack_from("<QQQ", footer, 0)
        index_end = length - FOOTER_SIZE
        if (
            index_offset < data_start
            or index_offset > index_end
            or (index_end - index_offset) % INDEX_ENTRY_SIZE != 0
            or count != (index_end - index_offset) // INDEX_ENTRY_SIZE
        ):
            raise UldsFormatError(
                path, None, f"footer is inconsistent: index at {index_offset} with {count} entries does not end where the footer begins ({index_end})"
            )
        index_bytes = m[index_offset:index_end]
        if self._check_index_hash and xxhash.xxh64_intdigest(index_bytes) != index_hash:
            raise UldsFormatError(path, None, "index hash does not match the footer (xxh64): the index is corrupt")
        # A copy: the index is small, and a private array keeps working if the mapping is closed.
        self.index = np.frombuffer(index_bytes, INDEX_DTYPE).copy()
        self.index_offset = index_offset
        self._check_index()
        self._dctx = zstandard.ZstdDecompressor()

    def _check_index(self):
        idx, seq_len, count, path = self.index, self.header.seq_len, len(self.index), self.path
        # Vectorised first, then the first offending entry is described the way the C# reader words it.
        offsets = idx["offset"].astype(np.int64)
        ends = offsets + idx["clen"].astype(np.int64)
        expected = np.concatenate(([self.data_start], ends[:-1])) if count else np.zeros(0, np.int64)
        n, s, flags = idx["n"], idx["s"], idx["flags"]
        last = np.arange(count) == count - 1
        bad = (
            (offsets != expected)
            | (idx["clen"] == 0)
            | (ends > self.index_offset)
            | (n == 0)
            | (n > seq_len)
            | (~last & (n != seq_len))
            | (s > n)
            | ((flags & ~np.uint32(PADDED_FLAG)) != 0)
            | (((flags & PADDED_FLAG) != 0) & (n != seq_len))
        )
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            e = idx[i]
            off, clen, ni, si, fl = int(e["offset"]), int(e["clen"]), int(e["n"]), int(e["s"]), int(e["flags"])
            if off != int(expected[i]):
                problem = f"index says the frame starts at {off}, but the previous record ends at {int(expected[i])}"
            elif clen == 0 or off + clen > self.index_offset:
                problem = f"index says the frame is {clen} bytes at {off}, which does not fit before the index at {self.index_offset}"
            elif ni == 0 or ni > seq_len:
                problem = f"index says {ni} tokens; a record holds 1..{seq_len} (seq_len)"
            elif i < count - 1 and ni != seq_len:
                problem = f"index says {ni} tokens, but only the last record of a shard may be shorter than seq_len {seq_len}"
            elif si > ni:
                problem = f"index says {si} segments in {ni} tokens"
            elif fl & ~PADDED_FLAG:
                problem = f"index flags are 0x{fl:x}; only bit 0 (record holds padding) is defined"
            else:
                problem = f"a padded record must hold seq_len {seq_len} tokens, the index says {ni}"
            raise UldsFormatError(path, i, problem)
        last_end = int(ends[-1]) if count else self.data_start
        if last_end != self.index_offset:
            raise UldsFormatError(path, None, f"{self.index_offset - last_end} bytes lie between the last record and the index")

    # --- pickling (DataLoader workers under spawn) -------------------------------------------------

    def __getstate__(self):
        return {"path": self.path, "check_index_hash": self._check_index_hash}

    def __setstate__(self, state):
        self.path = state["path"]
        self._check_index_hash = state["check_index_hash"]
        self._open()

    def close(self):
        m = getattr(self, "_map", None)
        if m is not None:
            try:
                m.close()
            except BufferError:
                # Records still hold views on the mapping; it is unmapped when the last one goes.
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- records -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.index)

    @property
    def token_counts(self) -> np.ndarray:
        return self.index["n"]

    def payload_bytes(self, i: int) -> int:
        e = self.index[i]
        return 8 * int(e["n"]) + 16 * int(e["s"])

    def __getitem__(self, i: int) -> UldsRecord:
        count = len(self.index)
        if isinstance(i, (np.integer,)):
            i = int(i)
        if not isinstance(i, int):
            raise TypeError(f"record index must be an int, not {type(i).__name__}")
        if i < 0:
            i += count
        if not 0 <= i < count:
            raise IndexError(f"{self.path} holds {count} records; record {i} does not exist")
        return self.read(i)

    def __iter__(self):
        for i in range(len(self.index)):
            yield self.read(i)

    def _decompress(self, i, frame, size, n, s):
        path = self.path
        try:
            declared = zstandard.frame_content_size(frame)
        except zstandard.ZstdError:
            raise UldsFormatError(path, i, "the record's bytes are not a valid zstd frame") from None
        if declared != size:
            what = "unknown (the frame has no content size)" if declared == -1 else f"{declared} bytes"
            raise UldsFormatError(path, i, f"payload size is {what}, the index implies {size} bytes (8 x {n} tokens + 16 x {s} segments)")
        try:
            return self._dctx.decompress(frame, max_output_size=size, allow_extra_data=False)
        except zstandard.ZstdError as ex:
            message = str(ex)
            if "unused data" in message:
                raise UldsFormatError(path, i, f"the record's bytes are not exactly one zstd frame ({message})") from None
            raise UldsFormatError(path, i, f"zstd frame does not decompress: {message}") from None

    def read(self, i: int) -> UldsRecord:
        path = self.path
        e = self.index[i]
        off, clen, n, s, flags = int(e["offset"]), int(e["clen"]), int(e["n"]), int(e["s"]), int(e["flags"])
        size = 8 * n + 16 * s
        frame = memoryview(self._map)[off:off + clen]
        try:
            payload = self._decompress(i, frame, size, n, s)
        finally:
            frame.release()  # the payload is a new buffer: records never pin the mapping
        if len(payload) != size:
            raise UldsFormatError(path, i, f"payload is {len(payload)} bytes, the index implies {size}")
        if xxhash.xxh64_intdigest(payload) != int(e["hash"]):
            raise UldsFormatError(path, i, "payload hash does not match the index (xxh64): the record is corrupt")
        tokens = np.frombuffer(payload, "<u4", n, 0)
        segment_ids = np.frombuffer(payload, "<u4", n, 4 * n)
        segments = np.frombuffer(payload, SEGMENT_DTYPE, s, 8 * n)
        padded = bool(flags & PADDED_FLAG)
        cu_seqlens, problem = check_payload(tokens, segment_ids, segments, padded, self.header.vocab_size)
        if problem is not None:
            raise UldsFormatError(path, i, problem)
        return UldsRecord(path, i, tokens, segment_ids, segments, cu_seqlens, padded, self.header.layout)
