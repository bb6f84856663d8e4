"""The exceptions the readers raise: one type per format, both naming the file (and the record)."""
from typing import Optional


class FormatError(ValueError):
    """A file is not what its format says. ``path`` names the file; ``record`` the record or item at fault, if any."""

    def __init__(self, path, record: Optional[int], problem: str):
        self.path = str(path)
        self.record = record
        self.problem = problem
        where = f"{self.path}: record {record}" if record is not None else self.path
        super().__init__(f"{where}: {problem}")


class UldsFormatError(FormatError):
    """A ULDS shard, split folder or manifest breaks the ULDS v1 contract."""


class MegatronFormatError(FormatError):
    """A Megatron IndexedDataset ``.idx``/``.bin`` pair is damaged or not what Megatron writes."""
