"""The Megatron reader on files from the test writer, and damaged files refused naming the file."""
import struct

import numpy as np
import pytest

import megatron_writer as mw
from ultrallada_data import MegatronFormatError
from ultrallada_data import megatron

DOCS = [[1, 2, 3], [4], list(range(100, 150)), [9, 9]]


@pytest.mark.parametrize("dtype", [np.uint16, np.int32])
def test_reads_documents(tmp_path, dtype):
    prefix = mw.write(str(tmp_path / "x_text_document"), DOCS, dtype)
    r = megatron.open(prefix)
    assert len(r) == 4 and r.sequence_count == 4 and r.dtype == np.dtype(dtype)
    assert [r[i].tolist() for i in range(4)] == DOCS
    assert r[-1].tolist() == [9, 9]
    assert megatron.open(prefix + ".idx")[2].tolist() == DOCS[2]
    with pytest.raises(IndexError):
        r[4]


def test_optimal_dtype_is_megatrons_rule():
    assert megatron.optimal_dtype(65499) is np.uint16 and megatron.optimal_dtype(65500) is np.int32


def test_document_of_several_sequences(tmp_path):
    prefix = mw.write(str(tmp_path / "m"), DOCS)
    # Rewrite document_indices to [0, 2, 4]: documents of two sequences each.
    idx = bytearray(open(prefix + ".idx", "rb").read())
    head = 34 + 12 * 4
    idx[26:34] = struct.pack("<Q", 3)
    idx = idx[:head] + np.array([0, 2, 4], np.int64).tobytes()
    open(prefix + ".idx", "wb").write(bytes(idx))
    r = megatron.open(prefix)
    assert len(r) == 2 and r[0].tolist() == [1, 2, 3, 4] and r[1].tolist() == DOCS[2] + [9, 9]


def damage(tmp_path, edit, which=".idx"):
    prefix = mw.write(str(tmp_path / "d"), DOCS)
    data = bytearray(open(prefix + which, "rb").read())
    data = edit(data)
    open(prefix + which, "wb").write(bytes(data))
    with pytest.raises(MegatronFormatError) as caught:
        megatron.open(prefix)
    return prefix, caught.value


def test_bad_magic(tmp_path):
    prefix, e = damage(tmp_path, lambda d: b"XXIDIDX\x00\x00" + d[9:])
    assert e.path == prefix + ".idx" and prefix + ".idx" in str(e) and "bad magic" in str(e)


def test_bad_version(tmp_path):
    _, e = damage(tmp_path, lambda d: d[:9] + struct.pack("<Q", 2) + d[17:])
    assert "version 2" in str(e)


def test_bad_dtype(tmp_path):
    _, e = damage(tmp_path, lambda d: d[:17] + bytes([9]) + d[18:])
    assert "dtype code 9" in str(e)


def test_truncated_index(tmp_path):
    prefix, e = damage(tmp_path, lambda d: d[:-8])
    assert e.path == prefix + ".idx" and "should be" in str(e)


def test_pointer_disagrees_with_sizes(tmp_path):
    def edit(d):
        d[34 + 16 + 8 * 2:34 + 16 + 8 * 3] = struct.pack("<q", 4)  # sequence 2's pointer
        return d

    _, e = damage(tmp_path, edit)
    assert e.record == 2 and "points at byte 4" in str(e)


def test_size_disagrees_with_bin(tmp_path):
    prefix, e = damage(tmp_path, lambda d: d[:-2], which=".bin")
    assert e.path == prefix + ".bin" and "describes" in str(e)


def test_document_index_not_monotonic(tmp_path):
    def edit(d):
        end = len(d)
        d[end - 24:end - 16] = struct.pack("<q", 4)  # [0, 1, 4, 3, 4]: entry 2 passes entry 3
        return d

    _, e = damage(tmp_path, edit)
    assert "not monotonic" in str(e)


def test_document_index_not_ending_at_sequence_count(tmp_path):
    def edit(d):
        d[-8:] = struct.pack("<q", 3)
        return d

    _, e = damage(tmp_path, edit)
    assert "not at the sequence count 4" in str(e)


def test_missing_bin_named(tmp_path):
    prefix = mw.write(str(tmp_path / "g"), DOCS)
    import os

    os.remove(prefix + ".bin")
    with pytest.raises(MegatronFormatError) as caught:
        megatron.open(prefix)
    assert caught.value.path == prefix + ".bin"
