"""ultrallada_data: the reference Python reader of ULDS v1 shards (and of Megatron IndexedDataset files).

    import ultrallada_data
    r = ultrallada_data.open("out/sample/train")     # a shard, a manifest or a split folder
    rec = r[0]                                        # tokens, segment_ids, segments, cu_seqlens

``ultrallada_data.torch`` (needs torch) has the datasets and the collate; ``ultrallada_data.megatron``
reads ``<prefix>.bin/.idx``.
"""
from .errors import FormatError, MegatronFormatError, UldsFormatError
from .header import ShardHeader
from .record import UldsRecord
from .shard import ShardReader
from .split import UldsReader, open, shard_paths

__all__ = ["open", "UldsReader", "ShardReader", "UldsRecord", "ShardHeader", "UldsFormatError", "MegatronFormatError", "FormatError", "shard_paths"]
__version__ = "0.1.0"
