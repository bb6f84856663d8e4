"""Each rank's stream of micro-batches: ``UldsIterableDataset`` (this rank's share of every epoch,
dealt to the DataLoader workers) read through a DataLoader, epoch after epoch, cut into micro-batches
of exactly ``batch_size`` records (a micro-batch may span an epoch boundary, as in the C# loader).

The position is two numbers per rank, the epoch and the records of it this rank has used, so a
checkpoint resumes at the very next record whatever the worker count and however far the loader had
read ahead. Which global slot a record fills in an update (:meth:`RankBatches.slots`) is what the
mask streams are derived from: slot = micro * world * B + world * row + rank, so N ranks x B records
and 1 rank x N*B records see each record in the same slot and draw the same mask for it.
"""
from torch.utils.data import DataLoader

from ..torch import UldsIterableDataset


def _records(batch):
    """collate_fn: keep the records (a module-level function, so workers can pickle it)."""
    return batch


class RankBatches:
    def __init__(self, path, rank, world_size, batch_size, seed, workers=0, epoch=0, consumed=0, shuffle=True):
        self.path, self.rank, self.world_size = path, int(rank), int(world_size)
        self.batch_size, self.seed, self.workers, self.shuffle = int(batch_size), int(seed), int(workers), bool(shuffle)
        self.epoch, self.consumed = int(epoch), int(consumed)
        probe = self._dataset()
        self.reader, self.records_per_epoch = probe.reader, len(probe)
        if self.consumed > self.records_per_epoch:
            raise ValueError(f"{path}: a position of {self.consumed} records is past this rank's {self.records_per_epoch} per epoch: "
                             "are these the shards (and the rank count) the checkpoint was trained on?")
        self._buffer = []  # (epoch, record) read ahead of what was handed out
        self._iterator, self._reading = None, self.epoch

    def _dataset(self):
        return UldsIterableDataset(self.path, seed=self.seed, shuffle=self.shuffle, rank=self.rank,
                                   world_size=self.world_size, batch_size=self.batch_size)

    def _open(self, epoch, skip):
        ds = self._dataset()
        ds.set_epoch(epoch)
        if skip:
            ds.load_state_dict(ds.state_dict(consumed=skip))
            ds.set_epoch(epoch)
        loader = DataLoader(ds, batch_size=self.batch_size, num_workers=self.workers, collate_fn=_records)
        return iter(loader)

    def _fill(self, n):
        while len(self._buffer) < n:
            if self._iterator is None:
                skip = self.consumed if self._reading == self.epoch else 0
                self._iterator = self._open(self._reading, skip)
            chunk = next(self._iterator, None)
            if chunk is None:
                self._iterator, self._reading = None, self._reading + 1
                continue
            self._buffer.extend((self._reading, r) for r in chunk)

    def next(self):
        """The next ``batch_size`` records of this rank, and the epoch of the first."""
        self._fill(self.batch_size)
        taken, self._buffer = self._buffer[:self.batch_size], self._buffer[self.batch_size:]
        first_epoch = taken[0][0]
        for epoch, _ in taken:
            if epoch != self.epoch:
                self.epoch, self.consumed = epoch, 0
            self.consumed += 1
        return [r for _, r in taken], first_epoch

    def position(self):
        return {"epoch": self.epoch, "consumed": self.consumed}

    def slots(self, micro):
        """The global slots of this rank's rows in micro-batch ``micro`` of an update."""
        base = micro * self.world_size * self.batch_size
        return [base + self.world_size * row + self.rank for row in range(self.batch_size)]
