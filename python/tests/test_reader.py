"""The ULDS reader: reads what the spec says, refuses every violation naming the file and the record."""
import json
import os
import struct

import numpy as np
import pytest
import zstandard

import ulds_writer as w
import ultrallada_data as u
from ultrallada_data import UldsFormatError


def sample_records():
    # 3 records of 8: doc 0 (5 tokens), doc 1 cut across records, doc 2, then a padded tail.
    docs = [[1, 2, 3, 4, 5], list(range(10, 20)), [7, 7, 7]]
    return w.pack_documents(docs, seq_len=8)


@pytest.fixture
def good(tmp_path):
    return w.write(str(tmp_path / "good.ulds"), w.header(8), sample_records())


def test_reads_every_field(good):
    r = u.open(good)
    assert len(r) == 3 and r.layout == "adaptive" and r.seq_len == 8
    a, b, c = r[0], r[1], r[-1]
    assert a.tokens.tolist() == [1, 2, 3, 4, 5, 10, 11, 12]
    assert a.segment_ids.tolist() == [1] * 5 + [2] * 3
    assert a.segment_tuples() == [(0, 0, 5), (1, 0, 3)]
    assert a.cu_seqlens.dtype == np.int32 and a.cu_seqlens.tolist() == [0, 5, 8]
    assert b.segment_tuples() == [(1, 3, 7), (2, 0, 1)] and not b.padded
    assert c.segment_tuples() == [(2, 1, 2)] and c.padded and c.num_padding == 6
    assert c.tokens.tolist() == [7, 7] + [998] * 6 and c.segment_ids.tolist() == [1, 1] + [0] * 6
    assert [rec.position for rec in r] == [0, 1, 2]
    with pytest.raises(IndexError):
        r[3]


def test_padding_on_any_record_is_accepted(tmp_path):
    # best-fit packing: any record may hold trailing padding (flag bit 0), not only the last.
    recs = [w.payload([1, 2, 3], [(0, 0, 3)], 5), w.payload([4] * 8, [(1, 0, 8)]), w.payload([5] * 6, [(2, 0, 6)], 2)]
    r = u.open(w.write(str(tmp_path / "bf.ulds"), w.header(8), recs))
    assert [x.padded for x in r] == [True, False, True]
    assert r[0].cu_seqlens.tolist() == [0, 3]


def test_zero_copy_views(good):
    rec = u.open(good)[0]
    assert rec.tokens.base is not None and not rec.tokens.flags.writeable
    assert rec.tokens.base is rec.segment_ids.base


def _damaged(tmp_path, name, **kwargs):
    recs = kwargs.pop("records", None) or sample_records()
    return w.write(str(tmp_path / name), kwargs.pop("hdr", w.header(8)), recs, **kwargs)


def patch_entry(record, field, value):
    names = ["offset", "clen", "n", "s", "flags", "hash"]

    def patch(i, entry):
        if i != record:
            return entry
        entry = list(entry)
        entry[names.index(field)] = value
        return tuple(entry)

    return patch


def refuse(path, record, words):
    r_or_error = None
    with pytest.raises(UldsFormatError) as caught:
        r = u.open(path)
        for rec in r:
            pass
    e = caught.value
    assert e.path == path and path in str(e), str(e)
    assert e.record == record, str(e)
    if record is not None:
        assert f"record {record}" in str(e)
    assert words in str(e), str(e)
    return r_or_error


def test_bad_magic(tmp_path):
    refuse(_damaged(tmp_path, "m.ulds", magic=b"NOTULDS!"), None, "bad magic")


def test_unknown_version(tmp_path):
    refuse(_damaged(tmp_path, "v.ulds", version=2), None, "unknown format version 2")


def test_bad_end_magic(tmp_path):
    refuse(_damaged(tmp_path, "e.ulds", footer_patch=lambda f: f[:3] + [b"ULDSEND2"]), None, "bad end magic")


def test_truncated_file(tmp_path, good):
    data = open(good, "rb").read()
    path = str(tmp_path / "t.ulds")
    open(path, "wb").write(data[:-5])
    refuse(path, None, "bad end magic")


def test_index_hash(tmp_path):
    refuse(_damaged(tmp_path, "h.ulds", footer_patch=lambda f: [f[0], f[1], f[2] ^ 1, f[3]]), None, "index hash does not match")


def test_header_not_json(tmp_path):
    refuse(_damaged(tmp_path, "j.ulds", header_bytes=b"{not json"), None, "header is not valid JSON")


def test_header_wrong_dtype(tmp_path):
    refuse(_damaged(tmp_path, "d.ulds", hdr=w.header(8, token_dtype="uint16")), None, "v1 stores uint32 tokens")


def test_header_missing_tokenizer(tmp_path):
    hdr = w.header(8)
    del hdr["tokenizer"]
    refuse(_damaged(tmp_path, "tk.ulds", hdr=hdr), None, "no 'tokenizer' object")


def test_two_frames_in_one_record(tmp_path):
    recs = sample_records()
    c = zstandard.ZstdCompressor(level=3)
    body = recs[1][0]
    frames = {1: c.compress(body) + c.compress(b"x")}
    refuse(_damaged(tmp_path, "f.ulds", frames=frames), 1, "not exactly one zstd frame")


def test_frame_is_not_zstd(tmp_path):
    refuse(_damaged(tmp_path, "z.ulds", frames={0: b"\x00" * 40}), 0, "not a valid zstd frame")


def test_payload_of_the_wrong_size(tmp_path):
    recs = sample_records()
    frames = {2: zstandard.ZstdCompressor().compress(recs[2][0] + b"\x00" * 16)}
    refuse(_damaged(tmp_path, "p.ulds", frames=frames), 2, "payload size is")


def test_payload_hash(tmp_path):
    refuse(_damaged(tmp_path, "ph.ulds", index_patch=patch_entry(1, "hash", 12345)), 1, "payload hash does not match")


def test_short_record_not_last(tmp_path):
    recs = [w.payload([1, 2, 3], [(0, 0, 3)]), w.payload([4] * 8, [(1, 0, 8)])]
    refuse(_damaged(tmp_path, "s.ulds", records=recs), 0, "only the last record of a shard may be shorter")


def test_short_last_record_is_fine(tmp_path):
    recs = [w.payload([4] * 8, [(1, 0, 8)]), w.payload([1, 2, 3], [(0, 0, 3)])]
    r = u.open(_damaged(tmp_path, "k.ulds", records=recs))
    assert len(r[1]) == 3


def test_padding_without_flag(tmp_path):
    body, n, s, _ = w.payload([1, 2, 3], [(0, 0, 3)], 5)
    refuse(_damaged(tmp_path, "pf.ulds", records=[(body, n, s, 0)]), 0, "not flagged as holding padding")


def test_flag_without_padding(tmp_path):
    body, n, s, _ = w.payload([1] * 8, [(0, 0, 8)])
    refuse(_damaged(tmp_path, "fp.ulds", records=[(body, n, s, 1)]), 0, "flagged as holding padding but holds none")


def test_unknown_flag_bits(tmp_path):
    refuse(_damaged(tmp_path, "uf.ulds", index_patch=patch_entry(0, "flags", 2)), 0, "only bit 0")


def test_segment_ids_not_contiguous(tmp_path):
    body, n, s, f = w.payload([1] * 8, [(0, 0, 4), (1, 0, 4)])
    ids = np.frombuffer(body, "<u4", n, 4 * n).copy()
    ids[2] = 2  # a 2 inside segment 1's run
    body = body[:4 * n] + ids.tobytes() + body[8 * n:]
    refuse(_damaged(tmp_path, "c.ulds", records=[(body, n, s, f)]), 0, "token 2 has segment id 2 where the segment table puts segment 1")


def test_table_disagrees_with_runs(tmp_path):
    body, n, s, f = w.payload([1] * 8, [(0, 0, 4), (1, 0, 4)])
    table = struct.pack("<QII", 0, 0, 5) + struct.pack("<QII", 1, 0, 3)  # runs are 4+4
    refuse(_damaged(tmp_path, "tr.ulds", records=[(body[:8 * n] + table, n, s, f)]), 0, "segment table puts segment")


def test_segment_of_length_zero(tmp_path):
    body, n, s, f = w.payload([1] * 8, [(0, 0, 8)])
    table = struct.pack("<QII", 0, 0, 0)
    refuse(_damaged(tmp_path, "zl.ulds", records=[(body[:8 * n] + table, n, s, f)]), 0, "segment 1 has length 0")


def test_token_outside_vocabulary(tmp_path):
    recs = [w.payload([1, 2, 3000, 4, 5, 6, 7, 8], [(0, 0, 8)])]
    refuse(_damaged(tmp_path, "tv.ulds", records=recs), 0, "token 2 has id 3000, not below the vocabulary size 1000")


def test_gap_between_records(tmp_path):
    refuse(_damaged(tmp_path, "g.ulds", index_patch=patch_entry(1, "offset", 10)), 1, "previous record ends at")


def test_missing_file_is_named(tmp_path):
    path = str(tmp_path / "nope.ulds")
    with pytest.raises(UldsFormatError) as caught:
        u.open(path)
    assert path in str(caught.value)


def test_split_folder_in_manifest_order(tmp_path):
    folder = tmp_path / "train"
    folder.mkdir()
    # Names sort b < a... the manifest order wins over name order.
    w.write(str(folder / "z-0.ulds"), w.header(8, shard_index=0), w.pack_documents([[1] * 8], 8))
    w.write(str(folder / "a-1.ulds"), w.header(8, shard_index=1), w.pack_documents([[2] * 16], 8))
    manifest = {"format": "ulds-manifest", "version": 1, "shards": [{"file": "z-0.ulds", "records": 1}, {"file": "a-1.ulds", "records": 2}]}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    r = u.open(str(folder))
    assert len(r) == 3 and [rec.tokens[0] for rec in r] == [1, 2, 2]
    assert r.locate(2) == (1, 1)
    manifest["shards"][1]["records"] = 5
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UldsFormatError, match="the manifest .* says 5"):
        u.open(str(folder))


def test_part_manifests_in_part_order(tmp_path):
    folder = tmp_path / "train"
    folder.mkdir()
    w.write(str(folder / "train-part001of002-00000.ulds"), w.header(8), w.pack_documents([[2] * 8], 8))
    w.write(str(folder / "train-part000of002-00000.ulds"), w.header(8), w.pack_documents([[1] * 8], 8))
    for part in (0, 1):
        m = {"shards": [{"file": f"train-part{part:03d}of002-00000.ulds", "records": 1}]}
        (folder / f"manifest.part{part:03d}of002.json").write_text(json.dumps(m))
    assert [int(rec.tokens[0]) for rec in u.open(str(folder))] == [1, 2]


def test_folder_of_shards_without_manifest(tmp_path):
    w.write(str(tmp_path / "b.ulds"), w.header(8), w.pack_documents([[2] * 8], 8))
    w.write(str(tmp_path / "a.ulds"), w.header(8), w.pack_documents([[1] * 8], 8))
    assert [int(rec.tokens[0]) for rec in u.open(str(tmp_path))] == [1, 2]


def test_shards_of_different_jobs_refused(tmp_path):
    w.write(str(tmp_path / "a.ulds"), w.header(8), w.pack_documents([[1] * 8], 8))
    w.write(str(tmp_path / "b.ulds"), w.header(8, layout="eod"), w.pack_documents([[1] * 7], 8, layout="eod"))
    with pytest.raises(UldsFormatError, match="header disagrees"):
        u.open(str(tmp_path))


def test_empty_folder_refused(tmp_path):
    with pytest.raises(UldsFormatError, match="holds no manifest.json"):
        u.open(str(tmp_path))


def test_reader_pickles(good):
    import pickle

    r = pickle.loads(pickle.dumps(u.open(good)))
    assert r[1].segment_tuples() == [(1, 3, 7), (2, 0, 1)]


@pytest.mark.parametrize("strategy", ["concat", "best-fit"])
@pytest.mark.parametrize("layout", ["adaptive", "eod", "direct"])
def test_cli_shards_follow_the_spec(cli_strategy_shards, strategy, layout):
    """Shards from the C# CLI: every record checks, and each document's pieces tile its stream exactly
    (in stream order for concat; best-fit may place them in any record order)."""
    folder = cli_strategy_shards(strategy, layout)
    r = u.open(folder)
    assert r.layout == layout and len(r) > 3
    docs = [json.loads(line) for line in open(os.path.join(folder, "documents.jsonl"))]
    # documents.jsonl's "tokens" is the stream length (EOD included in layout eod).
    stream_length = {d["doc"]: d["tokens"] for d in docs if d.get("tokens")}
    pieces = {}
    for rec in r:
        for (doc, offset, length), end in zip(rec.segment_tuples(), rec.cu_seqlens[1:] - 1):
            pieces.setdefault(doc, []).append((offset, length))
            is_eod = int(rec.tokens[end]) == r.header.eod_id
            assert is_eod == (layout == "eod" and offset + length == stream_length[doc]), (rec.position, doc)
    assert set(pieces) == set(stream_length)
    for doc, parts in pieces.items():
        if strategy == "concat":
            assert parts == sorted(parts), f"doc {doc}: concat keeps stream order"
        position = 0
        for offset, length in sorted(parts):
            assert offset == position, f"doc {doc}: piece at {offset}, expected {position}"
            position += length
        assert position == stream_length[doc], doc


def test_bench_counts_what_it_reads(good, capsys):
    from ultrallada_data import bench

    m = bench.measure(good, passes=1)
    assert (m["records"], m["tokens"]) == (3, 24)
    assert m["payload_bytes"] == 8 * 24 + 16 * 5 and m["mb_per_s"] > 0  # a speed, not a target: targets live in bench
    bench.main([good, "--passes", "1"])
    assert "records/s" in capsys.readouterr().out
