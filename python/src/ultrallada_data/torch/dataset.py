"""Map-style and iterable datasets over the records of a ULDS split."""
import torch
import torch.distributed as dist
from torch.utils.data import Dataset, IterableDataset, get_worker_info

from ..split import UldsReader
from .order import epoch_order, rank_share, worker_share

_STATE_VERSION = 1


def _reader(path_or_reader) -> UldsReader:
    return path_or_reader if isinstance(path_or_reader, UldsReader) else UldsReader(path_or_reader)


class UldsDataset(Dataset):
    """``ds[i]`` is record ``i`` of the split (a :class:`ultrallada_data.UldsRecord`); use it with
    any sampler (``DistributedSampler`` included) and :func:`ultrallada_data.torch.collate`."""

    def __init__(self, path):
        self.reader = _reader(path)

    def __len__(self):
        return len(self.reader)

    def __getitem__(self, i):
        return self.reader[int(i)]


class UldsIterableDataset(IterableDataset):
    """Every record of a split once per epoch, shared across ranks and DataLoader workers.

    * Ranks: ``rank``/``world_size`` default to ``torch.distributed``'s when it is initialised, else
      0/1. Each rank gets ``len(self)`` records (see :func:`order.rank_share` for ``drop_last``).
    * Workers: each DataLoader worker takes whole batches of its rank's list in turn, so the loader
      delivers the rank's records in rank order. Pass the DataLoader's ``batch_size`` here too
      (default 1); with a different one the records are still each read once, only in another order.
    * Order: shuffled per epoch from ``(seed, epoch)``; call ``set_epoch(e)`` before each epoch, as
      with DistributedSampler (iterating does not advance the epoch by itself).
    * Resume: ``state_dict()``/``load_state_dict()``. In the process that iterates (``num_workers=0``,
      or inside a worker as torchdata's StatefulDataLoader calls it) the state counts what was read.
      With a plain DataLoader and workers, call ``state_dict(consumed=k)`` in the training loop with
      the number of records this rank has taken from the loader in this epoch. Loading a state makes
      the next iteration start right after those records; the one after that starts a fresh epoch.
    """

    def __init__(self, path, seed: int = 0, shuffle: bool = True, rank=None, world_size=None, drop_last: bool = False, batch_size: int = 1):
        super().__init__()
        self.reader = _reader(path)
        if (rank is None) != (world_size is None):
            raise ValueError("give both rank and world_size, or neither")
        if rank is None:
            if dist.is_available() and dist.is_initialized():
                rank, world_size = dist.get_rank(), dist.get_world_size()
            else:
                rank, world_size = 0, 1
        if not 0 <= rank < world_size:
            raise ValueError(f"rank {rank} is not in 0..{world_size - 1}")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        n = len(self.reader)
        # Fewer records than ranks is fine without drop_last (padding repeats them, as DistributedSampler does).
        if n < world_size and drop_last:
            raise ValueError(f"{self.reader.path}: {n} records cannot be shared by {world_size} ranks with drop_last")
        self.seed, self.shuffle, self.rank, self.world_size = int(seed), bool(shuffle), int(rank), int(world_size)
        self.drop_last, self.batch_size = bool(drop_last), int(batch_size)
        self.epoch = 0
        self._skip = 0  # records of this rank's epoch list already consumed (set by load_state_dict)
        self._worker_skip = None  # (worker, num_workers, count) from a worker-level state
        self._yielded = 0
        self._base = 0  # where this epoch's pass started (what the counts above are added to)
        self._worker_base = 0

    # --- which records -------------------------------------------------------------------------

    def set_epoch(self, epoch: int):
        """Selects the epoch the next iteration reads. Setting the epoch a loaded state was saved in
        keeps its position (the usual ``for e in range(start, n): ds.set_epoch(e)`` loop resumes)."""
        epoch = int(epoch)
        if epoch != self.epoch:
            self._skip, self._worker_skip, self._yielded, self._base, self._worker_base = 0, None, 0, 0, 0
        self.epoch = epoch

    def rank_records(self, epoch=None):
        """This rank's record positions for an epoch, in the order the loader delivers them."""
        order = epoch_order(len(self.reader), self.seed, self.epoch if epoch is None else epoch, self.shuffle)
        return rank_share(order, self.rank, self.world_size, self.drop_last)

    def __len__(self):
        n, w = len(self.reader), self.world_size
        return n // w if self.drop_last else -(-n // w)

    def __iter__(self):
        info = get_worker_info()
        worker, workers = (info.id, info.num_workers) if info is not None else (0, 1)
        base, worker_skip = self._skip, self._worker_skip
        # A loaded position applies to the next pass only; a later pass is a whole epoch again.
        self._skip, self._worker_skip = 0, None
        self._base, self._worker_base = base, (worker_skip[2] if worker_skip else 0)
        mine = worker_share(self.rank_records()[base:], worker, workers, self.batch_size)
        if worker_skip is not None:
            w, nw, count = worker_skip
            if (w, nw) != (worker, workers):
                raise ValueError(f"a state saved by worker {w} of {nw} cannot be loaded into worker {worker} of {workers}")
            mine = mine[count:]
        self._yielded = 0
        self._worker = (worker, workers)
        for position in mine:
            record = self.reader[int(position)]
            self._yielded += 1
            yield record

    # --- resume --------------------------------------------------------------------------------

    def _identity(self):
        return {"version": _STATE_VERSION, "seed": self.seed, "shuffle": self.shuffle, "epoch": self.epoch,
                "rank": self.rank, "world_size": self.world_size, "drop_last": self.drop_last,
                "batch_size": self.batch_size, "records": len(self.reader)}

    def state_dict(self, consumed=None):
        """The position to resume from (a plain dict of ints and bools).

        ``consumed``: records this rank's training loop took from the loader since it was created
        for this epoch (exact because the loader delivers the rank order; see the class docstring).
        Without it, the count of records this process's iteration yielded; inside a worker, that
        worker's own progress (the torchdata StatefulDataLoader protocol).
        """
        state = self._identity()
        worker = getattr(self, "_worker", (0, 1))
        if consumed is not None:
            state["consumed"] = self._base + int(consumed)
        elif worker[1] == 1:
            state["consumed"] = self._base + self._yielded
        else:
            state.update(skip=self._base, worker=worker[0], num_workers=worker[1], worker_consumed=self._worker_base + self._yielded)
        return state

    def load_state_dict(self, state):
        mine = self._identity()
        for key in ("version", "seed", "shuffle", "rank", "world_size", "drop_last", "records"):
            if state.get(key) != mine[key]:
                raise ValueError(f"resume state has {key}={state.get(key)!r}, this dataset {mine[key]!r}; it was saved by another configuration")
        self.epoch = int(state["epoch"])
        self._yielded = 0
        self._worker_base = 0
        if "consumed" in state:
            self._skip, self._worker_skip = int(state["consumed"]), None
        else:
            if state.get("batch_size") != self.batch_size:
                raise ValueError("a worker-level resume state needs the same batch_size")
            self._skip = int(state["skip"])
            self._worker_skip = (int(state["worker"]), int(state["num_workers"]), int(state["worker_consumed"]))
        self._base = self._skip
        if self._skip > len(self):
            raise ValueError(f"resume state consumed {self._skip} records, more than the {len(self)} of an epoch")
