"""A small Megatron-core IndexedDataset writer for the tests, following indexed_dataset.py's
_IndexWriter byte for byte (independent of the C# writer): each document one sequence."""
import struct

import numpy as np

CODES = {np.dtype(np.uint8): 1, np.dtype(np.int8): 2, np.dtype(np.int16): 3, np.dtype(np.int32): 4,
         np.dtype(np.int64): 5, np.dtype(np.float64): 6, np.dtype(np.float32): 7, np.dtype(np.uint16): 8}


def write(prefix, documents, dtype=np.uint16):
    dtype = np.dtype(dtype)
    lengths = [len(d) for d in documents]
    with open(prefix + ".bin", "wb") as f:
        for d in documents:
            f.write(np.asarray(d, dtype).tobytes())
    pointers, p = [], 0
    for n in lengths:
        pointers.append(p)
        p += n * dtype.itemsize
    document_indices = list(range(len(documents) + 1))  # [0, 1, ..., S]: one sequence per document
    with open(prefix + ".idx", "wb") as f:
        f.write(b"MMIDIDX\x00\x00")
        f.write(struct.pack("<Q", 1))
        f.write(struct.pack("<B", CODES[dtype]))
        f.write(struct.pack("<Q", len(lengths)))
        f.write(struct.pack("<Q", len(document_indices)))
        f.write(np.array(lengths, np.int32).tobytes())
        f.write(np.array(pointers, np.int64).tobytes())
        f.write(np.array(document_indices, np.int64).tobytes())
    return prefix
