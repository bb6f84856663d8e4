#!/usr/bin/env python3
"""Read a ULDS v1 shard (written from the format spec alone) and print its records.

Usage: ulds_read.py SHARD [--json]   (needs numpy, zstandard, xxhash)
Every invariant of the spec is checked; a violation exits 1 naming the file and the record.
"""
import json, struct, sys
import numpy as np, xxhash, zstandard


def fail(path, record, problem):
    sys.exit(f"{path}: record {record}: {problem}" if record is not None else f"{path}: {problem}")


def read_shard(path):
    data = open(path, "rb").read()
    if data[:8] != b"ULDSHRD1": fail(path, None, "bad magic")
    version, hlen = struct.unpack_from("<II", data, 8)
    if version != 1: fail(path, None, f"unknown version {version}")
    header = json.loads(data[16:16 + hlen].decode("utf-8"))
    if header.get("format") != "ulds" or header.get("version") != 1: fail(path, None, "bad header")
    index_offset, count, index_hash = struct.unpack_from("<QQQ", data, len(data) - 32)
    if data[-8:] != b"ULDSEND1": fail(path, None, "bad end magic")
    index = data[index_offset:len(data) - 32]
    if len(index) != 32 * count or xxhash.xxh64_intdigest(index) != index_hash: fail(path, None, "index hash mismatch")
    seq_len, records, expected_offset = header["seq_len"], [], 16 + hlen
    for i in range(count):
        offset, clen, n, s, flags, digest = struct.unpack_from("<QIIIIQ", index, 32 * i)
        if offset != expected_offset: fail(path, i, f"frame at {offset}, expected {expected_offset}")
        expected_offset = offset + clen
        payload = zstandard.ZstdDecompressor().decompress(data[offset:offset + clen])
        if len(payload) != 8 * n + 16 * s: fail(path, i, "payload of the wrong size")
        if xxhash.xxh64_intdigest(payload) != digest: fail(path, i, "payload hash mismatch")
        tokens = np.frombuffer(payload, "<u4", n, 0)
        seg_ids = np.frombuffer(payload, "<u4", n, 4 * n)
        segs = np.frombuffer(payload, np.dtype([("doc", "<u8"), ("offset", "<u4"), ("length", "<u4")]), s, 8 * n)
        cu = np.concatenate([[0], np.cumsum(segs["length"], dtype=np.int64)])
        expected_ids = np.zeros(n, np.uint32)
        if cu[-1] > n: fail(path, i, "segment table longer than the record")
        for k in range(s):
            if segs["length"][k] == 0: fail(path, i, f"segment {k + 1} is empty")
            expected_ids[cu[k]:cu[k + 1]] = k + 1
        if not np.array_equal(seg_ids, expected_ids): fail(path, i, "segment ids are not contiguous runs 1..s matching the table")
        padded = bool(flags & 1)
        if flags & ~1 or padded != (cu[-1] < n): fail(path, i, "padding and flags disagree")
        if n != seq_len and not (i == count - 1): fail(path, i, f"{n} tokens, seq_len is {seq_len}")
        if padded and header["pad_id"] is not None and np.any(tokens[cu[-1]:] != header["pad_id"]): fail(path, i, "padding is not pad_id")
        if np.any(tokens >= header["vocab_size"]): fail(path, i, "token id outside the vocabulary")
        records.append({"record": i, "padded": padded, "tokens": tokens.tolist(), "segment_ids": seg_ids.tolist(),
                        "segments": [[int(d), int(o), int(l)] for d, o, l in segs.tolist()], "cu_seqlens": cu.tolist()})
    if expected_offset != index_offset: fail(path, None, "gap between the last record and the index")
    return header, records


if __name__ == "__main__":
    if len(sys.argv) < 2: sys.exit(__doc__)
    header, records = read_shard(sys.argv[1])
    if "--json" in sys.argv[2:]:
        print(json.dumps({"header": header, "records": records}))
    else:
        print(json.dumps(header))
        for r in records:
            print(f"record {r['record']}: {len(r['tokens'])} tokens, {len(r['segments'])} segments"
                  f"{' (padded)' if r['padded'] else ''}, first tokens {r['tokens'][:8]}")
            for k, (doc, off, length) in enumerate(r["segments"]):
                print(f"  segment {k + 1}: doc {doc} offset {off} length {length}{' (continued)' if off else ''}")
