"""The collate's cu_seqlens / position_ids / provenance equal what each record's segment table says."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

import ulds_writer as w  # noqa: E402
import ultrallada_data as u  # noqa: E402
from ultrallada_data.torch import pack_collate  # noqa: E402


def expected(records, layout):
    """From the segment tables alone, token by token."""
    cu, pos, docs, start = [0], [], [], 0
    for b, r in enumerate(records):
        n, covered = len(r), 0
        for doc, offset, length in r.segment_tuples():
            docs.append([b, doc, offset, length, start + covered])
            covered += length
            if layout == "adaptive":
                cu.append(start + covered)
                pos += list(range(length))
        if layout == "adaptive":
            pos += list(range(n - covered))
        else:
            pos += list(range(n))
            if 0 < covered < n:
                cu.append(start + covered)
        if cu[-1] != start + n:
            cu.append(start + n)
        start += n
    return cu, pos, docs


@pytest.mark.parametrize("layout", ["adaptive", "eod", "direct"])
def test_batch_matches_segment_tables(tmp_path, layout):
    docs = [[1, 2, 3], list(range(10, 30)), [5], [6, 6, 6, 6, 6, 6, 6]]
    path = w.write(str(tmp_path / f"{layout}.ulds"), w.header(8, layout=layout), w.pack_documents(docs, 8, layout=layout))
    r = u.open(path)
    records = [r[i] for i in range(len(r))]
    assert records[-1].padded
    batch = pack_collate(records)
    cu, pos, provenance = expected(records, layout)
    assert batch["cu_seqlens"].dtype == torch.int32 and batch["cu_seqlens"].tolist() == cu
    assert batch["position_ids"].tolist() == pos
    assert batch["max_seqlen"] == max(np.diff(cu))
    assert batch["documents"].tolist() == provenance
    assert batch["input_ids"].tolist() == [int(t) for rec in records for t in rec.tokens]
    assert batch["segment_ids"].tolist() == [int(t) for rec in records for t in rec.segment_ids]
    assert batch["padding_mask"].tolist() == [int(s) == 0 for rec in records for s in rec.segment_ids]
    assert batch["record_cu_seqlens"].tolist() == [0] + list(np.cumsum([len(x) for x in records]))
    assert batch["records"].tolist() == list(range(len(records)))
    assert batch["layout"] == layout


def test_adaptive_segment_positions_restart(tmp_path):
    recs = [w.payload([1, 2, 3, 4, 5, 6, 7, 8], [(0, 4, 3), (1, 0, 5)])]
    batch = pack_collate([u.open(w.write(str(tmp_path / "a.ulds"), w.header(8), recs))[0]])
    assert batch["position_ids"].tolist() == [0, 1, 2, 0, 1, 2, 3, 4]
    assert batch["cu_seqlens"].tolist() == [0, 3, 8]


@pytest.mark.parametrize("layout", ["adaptive", "eod", "direct"])
def test_cli_batches(cli_shards, layout):
    r = u.open(cli_shards[layout])
    records = [r[i] for i in range(min(len(r), 6))] + [r[len(r) - 1]]
    batch = pack_collate(records)
    cu, pos, provenance = expected(records, layout)
    assert batch["cu_seqlens"].tolist() == cu and batch["position_ids"].tolist() == pos
    assert batch["documents"].tolist() == provenance
