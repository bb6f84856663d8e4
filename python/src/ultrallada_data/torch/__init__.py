"""PyTorch side of ultrallada_data (needs torch >= 1.13): datasets over ULDS records and the varlen collate."""
from .collate import PackCollate, collate, pack_collate
from .dataset import UldsDataset, UldsIterableDataset
from .order import epoch_order, rank_share

__all__ = ["UldsDataset", "UldsIterableDataset", "collate", "pack_collate", "PackCollate", "epoch_order", "rank_share"]
