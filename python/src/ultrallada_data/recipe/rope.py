"""Rotary embeddings as LLaDA applies them, and the RoPE base scalings of the paper (Eq. 2-4).

The scalings are the C# trainer's RopeScaling, operation for operation in double precision, so
``--rope-scaling`` gives the base ``ultrallada-train rope`` prints. The ceiling in the critical
dimension is why this must be double: for LLaDA-8B (d 128, b 500000, T_train 4096) the
diffusion-aware index is 34.98, 0.016 below 35 -> d'_crit 70 (the paper's Figure 2a).
"""
import math
from dataclasses import dataclass
from typing import Optional

import torch


def critical_pair_index(head_dim, rope_base, context):
    """(d/2) log_b(T / 2 pi)."""
    _validate(head_dim, rope_base, context)
    return head_dim / 2.0 * math.log(context / (2 * math.pi)) / math.log(rope_base)


def critical_dimension(head_dim, rope_base, context):
    """d_crit = 2 ceil((d/2) log_b(T / 2 pi)), within [2, d]."""
    index = critical_pair_index(head_dim, rope_base, context)
    return min(max(2 * int(math.ceil(index)), 2), head_dim)


def scaled_base(head_dim, critical_dim, target_context):
    """(T_target / 2 pi)^(d / d_crit)."""
    return math.pow(target_context / (2 * math.pi), float(head_dim) / critical_dim)


@dataclass(frozen=True)
class RopeMethod:
    name: str
    equation: str
    captured_context: float
    target_context: float
    critical_pair_index: Optional[float]
    critical_dimension: Optional[int]
    factor: float
    scaled_base: float


def report(head_dim, rope_base, train_length, target_length):
    """(ntk-aware Eq. 2, longllada-baseline Eq. 3, diffusion-aware Eq. 4), as ``ultrallada-train rope``."""
    _validate(head_dim, rope_base, train_length)
    _validate(head_dim, rope_base, target_length)
    ntk = math.pow(target_length / train_length, head_dim / (head_dim - 2.0))
    b_index = critical_pair_index(head_dim, rope_base, train_length)
    b_crit = critical_dimension(head_dim, rope_base, train_length)
    b_base = scaled_base(head_dim, b_crit, target_length)
    captured, target_captured = 2.0 * train_length, 2.0 * target_length
    d_index = critical_pair_index(head_dim, rope_base, captured)
    d_crit = critical_dimension(head_dim, rope_base, captured)
    d_base = scaled_base(head_dim, d_crit, target_captured)
    return (RopeMethod("ntk-aware", "Eq. 2", train_length, target_length, None, None, ntk, rope_base * ntk),
            RopeMethod("longllada-baseline", "Eq. 3", train_length, target_length, b_index, b_crit, b_base / rope_base, b_base),
            RopeMethod("diffusion-aware", "Eq. 4", captured, target_captured, d_index, d_crit, d_base / rope_base, d_base))


SCALINGS = ("none", "baseline", "diffusion-aware", "ntk")


def base_for(method, head_dim, rope_base, train_length, target_length):
    """The RoPE base a run uses: ``none`` keeps the model's; the others scale it to the target."""
    if method in ("none", ""):
        return rope_base
    ntk, baseline, diffusion = report(head_dim, rope_base, train_length, target_length)
    by_name = {"baseline": baseline, "longllada": baseline, "diffusion-aware": diffusion, "ntk": ntk}
    if method not in by_name:
        raise ValueError(f"unknown RoPE scaling '{method}': use none, baseline, diffusion-aware or ntk")
    return by_name[method].scaled_base


def _validate(head_dim, rope_base, context):
    if head_dim < 4 or head_dim % 2:
        raise ValueError(f"the head dimension must be even and at least 4, not {head_dim}")
    if not rope_base > 1:
        raise ValueError(f"the RoPE base must be greater than 1, not {rope_base}")
    if not context > 2 * math.pi:
        raise ValueError(f"the context length must exceed 2 pi, not {context}")


class RotaryEmbedding:
    """theta_i = base^(-2i/d) in fp32, the rotate-half convention, the rotation done in fp32 and cast
    back (LLaDA's RotaryEmbedding, and the C# one). Positions come from the batch's ``position_ids``."""

    def __init__(self, head_dim, rope_base):
        self.head_dim, self.base = int(head_dim), float(rope_base)
        exponents = torch.arange(0, self.head_dim, 2, dtype=torch.float32) / self.head_dim
        self.inverse = 1.0 / torch.pow(torch.tensor(self.base, dtype=torch.float32), exponents)

    def tables(self, position_ids):
        """cos, sin (T, 1, head_dim) in fp32 for the given positions."""
        angles = torch.outer(position_ids.to(torch.float32), self.inverse.to(position_ids.device))
        full = torch.cat([angles, angles], dim=-1)[:, None, :]
        return full.cos(), full.sin()

    @staticmethod
    def apply(x, cos, sin):
        """Rotates x (T, heads, head_dim)."""
        xf = x.float()
        x1, x2 = xf.chunk(2, dim=-1)
        rotated = torch.cat([-x2, x1], dim=-1)
        return (xf * cos + rotated * sin).to(x.dtype)
