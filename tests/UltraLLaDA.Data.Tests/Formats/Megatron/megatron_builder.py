"""Writes a Megatron-core IndexedDataset the way Megatron does, for the C# tests to read back.

A line-for-line reproduction, with numpy only, of IndexedDatasetBuilder.add_document / finalize and
_IndexWriter from megatron/core/datasets/indexed_dataset.py (no torch, no Megatron import).

usage: megatron_builder.py SPEC.json
SPEC: {"prefix": PATH, "dtype": "uint16"|"int32", "documents": [[TOKENS, LENGTHS], ...]}
"""
import json
import struct
import sys

import numpy

_INDEX_HEADER = b"MMIDIDX\x00\x00"
_DTYPE_CODES = {"uint8": 1, "int8": 2, "int16": 3, "int32": 4, "int64": 5, "float64": 6, "float32": 7, "uint16": 8}


def main(spec_path):
    with open(spec_path) as f:
        spec = json.load(f)
    dtype = getattr(numpy, spec["dtype"])
    sequence_lengths = []
    document_indices = [0]
    with open(spec["prefix"] + ".bin", "wb") as data_file:
        for tokens, lengths in spec["documents"]:  # add_document
            np_array = numpy.array(tokens, dtype=dtype)
            data_file.write(np_array.tobytes(order="C"))
            sequence_lengths.extend(lengths)
            document_indices.append(len(sequence_lengths))

    itemsize = numpy.int64(numpy.dtype(dtype).itemsize)  # _sequence_pointers
    curr_ptr = numpy.int64(0)
    sequence_pointers = []
    for length in sequence_lengths:
        sequence_pointers.append(curr_ptr.item())
        curr_ptr += length * itemsize

    with open(spec["prefix"] + ".idx", "wb") as idx_writer:  # _IndexWriter
        idx_writer.write(_INDEX_HEADER)
        idx_writer.write(struct.pack("<Q", 1))
        idx_writer.write(struct.pack("<B", _DTYPE_CODES[spec["dtype"]]))
        idx_writer.write(struct.pack("<Q", len(sequence_lengths)))
        idx_writer.write(struct.pack("<Q", len(document_indices)))
        idx_writer.write(numpy.array(sequence_lengths, dtype=numpy.int32).tobytes(order="C"))
        idx_writer.write(numpy.array(sequence_pointers, dtype=numpy.int64).tobytes(order="C"))
        idx_writer.write(numpy.array(document_indices, dtype=numpy.int64).tobytes(order="C"))


if __name__ == "__main__":
    main(sys.argv[1])
