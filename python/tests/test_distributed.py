"""The distributed split, run for real: 2 processes (gloo, localhost rendezvous) x 2 DataLoader workers."""
import json
import os
import socket

import pytest

torch = pytest.importorskip("torch")
import torch.distributed as dist  # noqa: E402
import torch.multiprocessing as mp  # noqa: E402
from torch.utils.data import DataLoader  # noqa: E402

import ulds_writer as w  # noqa: E402
import ultrallada_data as u  # noqa: E402
from ultrallada_data.torch import UldsIterableDataset, pack_collate  # noqa: E402
from ultrallada_data.torch.order import epoch_order, rank_share  # noqa: E402

WORLD, WORKERS, BATCH, SEED = 2, 2, 2, 11


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loader(ds):
    return DataLoader(ds, batch_size=BATCH, num_workers=WORKERS, collate_fn=pack_collate)


def read_epoch(ds, epoch, stop_after=None):
    ds.set_epoch(epoch)
    got = []
    for b, batch in enumerate(loader(ds)):
        if stop_after is not None and b == stop_after:
            break
        # The batch's tokens are those of the records it names (record k holds tokens k*100.. ).
        for k, pos in enumerate(batch["records"].tolist()):
            start = int(batch["record_cu_seqlens"][k])
            assert int(batch["input_ids"][start]) == 1 + pos * 8
        got += batch["records"].tolist()
    return got


def worker(rank, path, port, out_dir):
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=WORLD)
    try:
        ds = UldsIterableDataset(path, seed=SEED, batch_size=BATCH)  # rank/world_size from torch.distributed
        assert (ds.rank, ds.world_size) == (rank, WORLD)
        result = {"epoch0": read_epoch(ds, 0), "epoch1": read_epoch(ds, 1)}
        again = UldsIterableDataset(path, seed=SEED, batch_size=BATCH)
        result["epoch0_again"] = read_epoch(again, 0)

        # Resume: take 2 batches of epoch 1, save, and continue in a fresh dataset + loader.
        first = UldsIterableDataset(path, seed=SEED, batch_size=BATCH)
        head = read_epoch(first, 1, stop_after=2)
        state = first.state_dict(consumed=len(head))
        resumed = UldsIterableDataset(path, seed=SEED, batch_size=BATCH)
        resumed.load_state_dict(json.loads(json.dumps(state)))  # a state survives a JSON round trip
        resumed.set_epoch(1)  # the usual loop calls set_epoch with the saved epoch: position kept
        tail = []
        for batch in loader(resumed):
            tail += batch["records"].tolist()
        result.update(resume_head=head, resume_tail=tail, state=state)

        gathered = [None] * WORLD
        dist.all_gather_object(gathered, result)
        if rank == 0:
            with open(os.path.join(out_dir, "result.json"), "w") as f:
                json.dump(gathered, f)
    finally:
        dist.destroy_process_group()


@pytest.fixture(scope="module")
def shard(tmp_path_factory):
    # 20 one-document records of 8 tokens; record k's first token is 1 + 8k, so batches are checkable.
    docs = [list(range(1 + 8 * k, 9 + 8 * k)) for k in range(20)]
    path = str(tmp_path_factory.mktemp("dist") / "twenty.ulds")
    return w.write(path, w.header(8, vocab_size=1000), w.pack_documents(docs, 8))


def test_two_ranks_two_workers(shard, tmp_path):
    mp.spawn(worker, args=(shard, free_port(), str(tmp_path)), nprocs=WORLD, join=True)
    ranks = json.load(open(tmp_path / "result.json"))
    n = len(u.open(shard))
    for epoch in ("epoch0", "epoch1"):
        everything = sorted(x for r in ranks for x in r[epoch])
        assert everything == list(range(n)), f"{epoch}: every record exactly once"
        assert len(ranks[0][epoch]) == len(ranks[1][epoch]) == n // WORLD
        assert not set(ranks[0][epoch]) & set(ranks[1][epoch])
        # The loader delivers each rank's records in the rank order the dataset computes.
        for rank, r in enumerate(ranks):
            assert r[epoch] == rank_share(epoch_order(n, SEED, int(epoch[-1]), True), rank, WORLD, False).tolist()
    for r in ranks:
        assert r["epoch0"] == r["epoch0_again"], "same seed, same order"
        assert r["epoch0"] != r["epoch1"], "the next epoch is shuffled differently"
        assert r["resume_head"] + r["resume_tail"] == r["epoch1"], "resume gives exactly the remaining records"
        assert len(r["resume_head"]) == 2 * BATCH and r["state"]["consumed"] == 2 * BATCH


def test_uneven_split_pads_or_drops():
    order = epoch_order(7, 0, 0, True)
    padded = [rank_share(order, r, 2, False).tolist() for r in range(2)]
    assert len(padded[0]) == len(padded[1]) == 4
    assert sorted(padded[0] + padded[1]) == sorted(order.tolist() + [int(order[0])]), "one record repeated (DistributedSampler's rule)"
    dropped = [rank_share(order, r, 2, True).tolist() for r in range(2)]
    assert len(dropped[0]) == len(dropped[1]) == 3 and sorted(dropped[0] + dropped[1]) == sorted(order[:6].tolist())


def test_resume_in_process(shard):
    """num_workers=0: the dataset counts what it yields, and state_dict() needs no argument."""
    ds = UldsIterableDataset(shard, seed=3, rank=1, world_size=2)
    ds.set_epoch(4)
    full = [r.position for r in ds]
    it = iter(ds)
    head = [next(it).position for _ in range(3)]
    state = ds.state_dict()
    other = UldsIterableDataset(shard, seed=3, rank=1, world_size=2)
    other.load_state_dict(state)
    assert head + [r.position for r in other] == full
    assert [r.position for r in other] == full, "the pass after a resumed one is a whole epoch"
    with pytest.raises(ValueError, match="seed"):
        UldsIterableDataset(shard, seed=4, rank=1, world_size=2).load_state_dict(state)


def test_worker_level_state_protocol(shard):
    """torchdata's StatefulDataLoader calls state_dict()/load_state_dict() inside each worker."""
    import torch.utils.data._utils.worker as worker_utils

    class Info:  # what get_worker_info() returns inside a worker
        def __init__(self, id, num_workers):
            self.id, self.num_workers = id, num_workers

    def run(ds, wid, take=None, state=None):
        worker_utils._worker_info = Info(wid, 2)
        try:
            if state is not None:
                ds.load_state_dict(state)
            it, got = iter(ds), []
            for record in it:
                got.append(record.position)
                if take is not None and len(got) == take:
                    return got, ds.state_dict()
            return got, None
        finally:
            worker_utils._worker_info = None

    make = lambda: UldsIterableDataset(shard, seed=1, batch_size=2)  # noqa: E731
    full = run(make(), 1)[0]
    head, state = run(make(), 1, take=3)
    assert state["worker"] == 1 and state["num_workers"] == 2 and state["worker_consumed"] == 3
    assert head + run(make(), 1, state=state)[0] == full
