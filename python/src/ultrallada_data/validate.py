"""The record invariants of FORMAT.md, vectorised (same wording as the C# RecordPayload.Validate)."""
import numpy as np

_UINT32_MAX = 2**32 - 1


def check_payload(tokens, segment_ids, segments, padded: bool, vocab_size: int):
    """Returns ``(cu_seqlens, problem)``: the int32 boundaries and ``None`` when the record is sound."""
    n, s = tokens.shape[0], segments.shape[0]
    lengths = segments["length"]
    cu = np.zeros(s + 1, np.int64)
    np.cumsum(lengths, out=cu[1:])
    if s and (lengths.min() == 0 or cu[-1] > n or int((segments["offset"].astype(np.uint64) + lengths).max()) > _UINT32_MAX):
        return None, _describe_table(segments, n)
    covered = int(cu[-1])
    # The first token of every run must carry its segment id, and the id may change only at a boundary:
    # together they say "ids are 1..s in contiguous runs matching the table, then only zeros".
    starts = cu[:-1]
    ok = True
    if s:
        ok = bool(np.array_equal(segment_ids[starts], np.arange(1, s + 1, dtype=np.uint32)))
    if ok and n > 1:
        changes = np.flatnonzero(segment_ids[1:] != segment_ids[:-1]) + 1
        expected = cu[1:-1] if covered == n else cu[1:]
        ok = np.array_equal(changes, expected)
    if ok and covered < n:
        ok = segment_ids[covered] == 0
    if not ok:
        return None, _describe_ids(segment_ids, segments, cu)
    if covered < n and not padded:
        return None, f"{n - covered} tokens have segment id 0 (padding) but the record is not flagged as holding padding"
    if covered == n and padded:
        return None, "the record is flagged as holding padding but holds none"
    if n and int(tokens.max()) >= vocab_size:
        bad = int(np.flatnonzero(tokens >= vocab_size)[0])
        return None, f"token {bad} has id {int(tokens[bad])}, not below the vocabulary size {vocab_size}"
    return cu.astype(np.int32), None


def _describe_table(segments, n):
    position = 0
    for k, (_, offset, length) in enumerate(segments.tolist()):
        sid = k + 1
        if length == 0:
            return f"segment {sid} has length 0"
        if offset + length > _UINT32_MAX:
            return f"segment {sid} ends past 2^32 tokens (offset {offset}, length {length})"
        if length > n - position:
            return f"the segment table covers more than the record's {n} tokens (segment {sid} starts at token {position} with length {length})"
        position += length
    return "the segment table is inconsistent"


def _describe_ids(segment_ids, segments, cu):
    s = segments.shape[0]
    for k in range(s):
        run = segment_ids[cu[k]:cu[k + 1]]
        stray = np.flatnonzero(run != k + 1)
        if stray.size:
            t = int(cu[k] + stray[0])
            return (
                f"token {t} has segment id {int(segment_ids[t])} where the segment table puts segment {k + 1} "
                f"(tokens {int(cu[k])}..{int(cu[k + 1]) - 1})"
            )
    tail = segment_ids[cu[-1]:]
    stray = np.flatnonzero(tail != 0)
    t = int(cu[-1] + stray[0])
    value = int(segment_ids[t])
    if value == 0 or value > s:
        return f"token {t} has segment id {value}, outside 1..{s}"
    return f"token {t} has segment id {value} after the segment table ended (segment ids must be contiguous runs 1..{s})"
