"""A split: the shards of one split folder in manifest order, seen as one sequence of records."""
import builtins
import dataclasses
import glob
import json
import os
import re

import numpy as np

from .errors import UldsFormatError
from .format import SHARD_EXTENSION
from .record import UldsRecord
from .shard import ShardReader

_PART_MANIFEST = re.compile(r"^manifest\.part\d{3}of\d{3}\.json$")


def shard_paths(path) -> list:
    """The shard files ``path`` stands for, in split order; see :func:`shard_entries`."""
    return [p for p, _, _ in shard_entries(path)]


def shard_entries(path) -> list:
    """``(shard_path, records_or_None, manifest_or_None)`` for the shard files ``path`` stands for, in split order (the rules of the C# InspectionTargets).

    A shard file is itself; a ``*.json`` file is a manifest (merged, or one part's); a folder is read
    through its ``manifest.json``, else through its part manifests in part order, else its ``*.ulds``
    files in name order.
    """
    path = os.fspath(path)
    if os.path.isfile(path):
        return _from_manifest(path) if path.lower().endswith(".json") else [(path, None, None)]
    if not os.path.isdir(path):
        raise UldsFormatError(path, None, "no such file or folder")
    merged = os.path.join(path, "manifest.json")
    if os.path.isfile(merged):
        return _from_manifest(merged)
    parts = sorted(p for p in glob.glob(os.path.join(glob.escape(path), "manifest.part*.json")) if _PART_MANIFEST.match(os.path.basename(p)))
    if parts:
        return [shard for part in parts for shard in _from_manifest(part)]
    shards = [(p, None, None) for p in sorted(glob.glob(os.path.join(glob.escape(path), "*" + SHARD_EXTENSION)))]
    if not shards:
        raise UldsFormatError(path, None, "holds no manifest.json, no part manifests and no *.ulds shards; name a split folder (OUT/train), a manifest or a shard")
    return shards


def _from_manifest(manifest_path) -> list:
    try:
        with builtins.open(manifest_path, "rb") as f:
            manifest = json.loads(f.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UldsFormatError(manifest_path, None, f"cannot read the manifest: {e}") from e
    shards = manifest.get("shards") if isinstance(manifest, dict) else None
    if not isinstance(shards, list):
        raise UldsFormatError(manifest_path, None, "manifest has no 'shards' list")
    folder = os.path.dirname(manifest_path) or "."
    out = []
    for k, entry in enumerate(shards):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name:
            raise UldsFormatError(manifest_path, None, f"shard entry {k} has no 'file'")
        records = entry.get("records")
        out.append((os.path.join(folder, name), records if isinstance(records, int) else None, manifest_path))
    return out


class UldsReader:
    """Every record of a split (or of one shard) in order: ``len(r)``, ``r[i]``, iteration.

    Records are addressed globally; ``locate(i)`` gives ``(shard_number, record_in_shard)``. All shards
    must come from one job (same seq_len, layout, vocabulary, special ids and tokenizer).
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        entries = shard_entries(self.path)
        if not entries:
            raise UldsFormatError(self.path, None, "the manifest lists no shards")
        self.shards = [ShardReader(p) for p, _, _ in entries]
        first = self.shards[0]
        for shard, (_, records, manifest) in zip(self.shards, entries):
            if records is not None and records != len(shard):
                raise UldsFormatError(shard.path, None, f"holds {len(shard)} records, the manifest {manifest} says {records}")
            if not shard.header.same_job_as(first.header):
                raise UldsFormatError(shard.path, None, f"header disagrees with {first.path} (another job's shard in this split?)")
        counts = np.array([len(s) for s in self.shards], np.int64)
        self._starts = np.concatenate(([0], np.cumsum(counts)))

    @property
    def header(self):
        return self.shards[0].header

    @property
    def layout(self) -> str:
        return self.header.layout

    @property
    def seq_len(self) -> int:
        return self.header.seq_len

    def __len__(self) -> int:
        return int(self._starts[-1])

    def locate(self, i: int):
        if isinstance(i, np.integer):
            i = int(i)
        if not isinstance(i, int):
            raise TypeError(f"record index must be an int, not {type(i).__name__}")
        total = len(self)
        if i < 0:
            i += total
        if not 0 <= i < total:
            raise IndexError(f"{self.path} holds {total} records; record {i} does not exist")
        k = int(np.searchsorted(self._starts, i, side="right")) - 1
        return k, i - int(self._starts[k])

    def __getitem__(self, i) -> UldsRecord:
        k, j = self.locate(i)
        return dataclasses.replace(self.shards[k].read(j), position=int(self._starts[k]) + j)

    def __iter__(self):
        for k, shard in enumerate(self.shards):
            start = int(self._starts[k])
            for j in range(len(shard)):
                yield dataclasses.replace(shard.read(j), position=start + j)

    def payload_bytes(self) -> int:
        return sum(int((8 * s.index["n"].astype(np.int64) + 16 * s.index["s"].astype(np.int64)).sum()) for s in self.shards)

    def close(self):
        for s in self.shards:
            s.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open(path) -> UldsReader:  # noqa: A001 - the package's entry point is ultrallada_data.open
    """Opens a shard file, a manifest, or a split folder (manifest order), memory-mapped."""
    return UldsReader(path)
