"""Which records a rank and a DataLoader worker read in an epoch: pure numpy, no torch state.

The epoch order is a permutation of ``range(n)`` drawn from ``numpy.random.default_rng([seed, epoch])``
(PCG64 seeded by a SeedSequence: the same on every machine and numpy >= 1.17), or ``range(n)`` unshuffled.
Ranks take it strided, like torch's DistributedSampler: rank r gets ``order[r::world_size]``.
"""
import numpy as np


def epoch_order(n: int, seed: int, epoch: int, shuffle: bool) -> np.ndarray:
    if not shuffle:
        return np.arange(n, dtype=np.int64)
    return np.random.default_rng([int(seed), int(epoch)]).permutation(n).astype(np.int64)


def rank_share(order: np.ndarray, rank: int, world_size: int, drop_last: bool) -> np.ndarray:
    """Rank ``rank``'s records, the same count on every rank (DDP needs equal step counts).

    ``drop_last=False`` (the default, as DistributedSampler): the order is padded by repeating its
    first records until it divides by ``world_size``, so a few records are read twice in that epoch.
    ``drop_last=True``: the last ``n % world_size`` records of the (shuffled) order are skipped this
    epoch; with shuffling, a different few each epoch.
    """
    n = len(order)
    if drop_last:
        total = (n // world_size) * world_size
        order = order[:total]
    else:
        total = -(-n // world_size) * world_size
        if total > n:
            if n == 0:
                raise ValueError("cannot share an empty split across ranks")
            repeats = -(-(total - n) // n)
            order = np.concatenate([order] + [order] * repeats)[:total]
    return order[rank:total:world_size]


def worker_share(records: np.ndarray, worker: int, num_workers: int, batch_size: int) -> np.ndarray:
    """Worker ``worker``'s records: whole batches, dealt round-robin.

    A DataLoader takes batch 0 from worker 0, batch 1 from worker 1, and so on in turn, so dealing
    batch b to worker ``b % num_workers`` makes the loader deliver the rank's records in exactly their
    rank order. That is what lets a rank-level resume state be one number: how many it consumed.
    """
    if num_workers <= 1:
        return records
    batches = np.arange(len(records)) // batch_size
    return records[batches % num_workers == worker]
