"""ULDS v1 constants and the numpy views of its binary structures (FORMAT.md, byte for byte)."""
import numpy as np

MAGIC = b"ULDSHRD1"
END_MAGIC = b"ULDSEND1"
VERSION = 1
PREAMBLE_SIZE = 16
FOOTER_SIZE = 32
INDEX_ENTRY_SIZE = 32
# The C# reader refuses headers above this size; so does this one (a damaged length must not allocate gigabytes).
MAX_HEADER_LENGTH = 1 << 20
PADDED_FLAG = 1
LAYOUTS = ("adaptive", "eod", "direct")
SHARD_EXTENSION = ".ulds"

INDEX_DTYPE = np.dtype(
    [("offset", "<u8"), ("clen", "<u4"), ("n", "<u4"), ("s", "<u4"), ("flags", "<u4"), ("hash", "<u8")]
)
SEGMENT_DTYPE = np.dtype([("doc", "<u8"), ("offset", "<u4"), ("length", "<u4")])
assert INDEX_DTYPE.itemsize == INDEX_ENTRY_SIZE and SEGMENT_DTYPE.itemsize == 16
