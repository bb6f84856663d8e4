"""Reads a Megatron-core IndexedDataset the way Megatron does, for the C# tests to compare with.

A reproduction, with numpy only, of _IndexReader, _MMapBinReader and the checks of IndexedDataset's
constructor from megatron/core/datasets/indexed_dataset.py (no torch, no Megatron import).

usage: megatron_reader.py PREFIX   -> JSON {"dtype", "sequence_count", "document_count",
                                           "document_indices", "sequences": [[tokens...], ...]}
"""
import json
import struct
import sys

import numpy

_INDEX_HEADER = b"MMIDIDX\x00\x00"
_DTYPES = {1: numpy.uint8, 2: numpy.int8, 3: numpy.int16, 4: numpy.int32, 5: numpy.int64, 6: numpy.float64, 7: numpy.float32, 8: numpy.uint16}


def main(prefix):
    idx_path = prefix + ".idx"
    with open(idx_path, "rb") as stream:
        header = stream.read(9)
        assert header == _INDEX_HEADER, f"bad header, cannot read: {idx_path}"
        version = struct.unpack("<Q", stream.read(8))[0]
        assert version == 1, f"bad version, cannot read: {idx_path}"
        code = struct.unpack("<B", stream.read(1))[0]
        dtype = _DTYPES[code]
        sequence_count = struct.unpack("<Q", stream.read(8))[0]
        document_count = struct.unpack("<Q", stream.read(8))[0]
        offset = stream.tell()

    bin_buffer = memoryview(numpy.memmap(idx_path, mode="r", order="C"))
    sequence_lengths = numpy.frombuffer(bin_buffer, dtype=numpy.int32, count=sequence_count, offset=offset)
    sequence_pointers = numpy.frombuffer(bin_buffer, dtype=numpy.int64, count=sequence_count, offset=offset + sequence_lengths.nbytes)
    document_indices = numpy.frombuffer(
        bin_buffer, dtype=numpy.int64, count=document_count, offset=offset + sequence_lengths.nbytes + sequence_pointers.nbytes)

    # IndexedDataset.__init__
    assert sequence_lengths.shape[0] == document_indices[-1]
    assert sequence_lengths.shape[0] == sequence_count

    data = memoryview(numpy.memmap(prefix + ".bin", mode="r", order="C").data)
    sequences = [
        numpy.frombuffer(data, dtype=dtype, count=int(length), offset=int(pointer)).tolist()
        for pointer, length in zip(sequence_pointers, sequence_lengths)
    ]
    json.dump({
        "dtype": numpy.dtype(dtype).name,
        "sequence_count": int(sequence_count),
        "document_count": int(document_count),
        "document_indices": document_indices.tolist(),
        "sequences": sequences,
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
