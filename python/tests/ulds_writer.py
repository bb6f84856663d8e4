"""A tiny ULDS v1 writer written from FORMAT.md, for hand-made (and deliberately broken) test shards.

Independent of the C# writer and of the package's reader: it packs with plain struct/zstandard/xxhash.
"""
import json
import struct

import numpy as np
import xxhash
import zstandard


def header(seq_len, layout="adaptive", vocab_size=1000, eod_id=999, pad_id=998, shard_index=0, **extra):
    h = {"format": "ulds", "version": 1, "seq_len": seq_len, "layout": layout, "token_dtype": "uint32",
         "vocab_size": vocab_size, "eod_id": eod_id, "pad_id": pad_id, "bos_id": None,
         "tokenizer": {"name": "test", "sha256": "0" * 64}, "shard_index": shard_index}
    h.update(extra)
    return h


def payload(tokens, segments, padding=0, pad_id=998):
    """tokens: the real tokens; segments: [(doc, offset, length)] covering them; padding: pad tokens after."""
    tokens = list(tokens) + [pad_id] * padding
    ids = []
    for k, (_, _, length) in enumerate(segments):
        ids += [k + 1] * length
    ids += [0] * padding
    body = np.array(tokens, "<u4").tobytes() + np.array(ids, "<u4").tobytes()
    body += b"".join(struct.pack("<QII", d, o, n) for d, o, n in segments)
    return body, len(tokens), len(segments), 1 if padding else 0


def write(path, hdr, records, frames=None, index_patch=None, footer_patch=None, magic=b"ULDSHRD1", version=1, header_bytes=None):
    """records: list of (payload_bytes, n, s, flags). frames: optional per-record frame override.
    index_patch(i, entry_tuple) -> entry_tuple lets a test falsify one index entry."""
    hb = header_bytes if header_bytes is not None else json.dumps(hdr, separators=(",", ":")).encode("utf-8")
    out = bytearray(magic + struct.pack("<II", version, len(hb)) + hb)
    cctx = zstandard.ZstdCompressor(level=3, write_content_size=True)
    index = bytearray()
    for i, (body, n, s, flags) in enumerate(records):
        frame = frames[i] if frames and frames.get(i) is not None else cctx.compress(body)
        entry = (len(out), len(frame), n, s, flags, xxhash.xxh64_intdigest(body))
        if index_patch:
            entry = index_patch(i, entry)
        index += struct.pack("<QIIIIQ", *entry)
        out += frame
    index_offset = len(out)
    out += index
    foot = [index_offset, len(records), xxhash.xxh64_intdigest(bytes(index)), b"ULDSEND1"]
    if footer_patch:
        foot = footer_patch(foot)
    out += struct.pack("<QQQ", *foot[:3]) + foot[3]
    with open(path, "wb") as f:
        f.write(out)
    return path


def pack_documents(docs, seq_len, layout="adaptive", eod_id=999, pad_id=998, tail="pad"):
    """A concat packer from the spec (documents as lists of ids): the records as write() takes them."""
    streams = [list(d) + ([eod_id] if layout == "eod" else []) for d in docs]
    records, tokens, segments = [], [], []
    for doc, stream in enumerate(streams):
        offset = 0
        while offset < len(stream):
            take = min(seq_len - len(tokens), len(stream) - offset)
            tokens += stream[offset:offset + take]
            segments.append((doc, offset, take))
            offset += take
            if len(tokens) == seq_len:
                records.append(payload(tokens, segments, 0, pad_id))
                tokens, segments = [], []
    if tokens:
        if tail == "pad":
            records.append(payload(tokens, segments, seq_len - len(tokens), pad_id))
        elif tail == "keep":
            records.append(payload(tokens, segments, 0, pad_id))
    return records
