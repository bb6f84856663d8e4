"""The C# trainer's first micro-batch, rebuilt in Python: which records it reads (EpochOrder) and
which tokens it masks (one generator per micro-batch), so the recipe's model and loss can be run on
exactly the batch ``ultrallada-train train --steps 1`` saw and their loss and gradient norm compared.
"""
import torch

from ..torch import pack_collate
from . import masking
from .deterministic_random import epoch_permutation
from .model import AttentionPlan
from .optim import clip_grad_norm


def csharp_first_batch(reader, seed, batch_size, mask_id):
    """(collated batch, masked batch) of the C# trainer's update 0, micro-batch 0."""
    order = epoch_permutation(len(reader), seed, 0)
    if batch_size > len(order):
        raise ValueError(f"a batch of {batch_size} needs more than the {len(order)} records here")
    batch = pack_collate([reader[i] for i in order[:batch_size]])
    masked = masking.sample(batch, mask_id, reader.seq_len, masking.csharp_streams(seed, 0, 0, batch_size))
    return batch, masked


def loss_and_grad_norm(model, batch, masked, seq_len, backend="chunked"):
    """Eq. 1 on the batch and the global gradient norm, in the model's dtype (fp32 for the check)."""
    model.zero_grad(set_to_none=True)
    plan = AttentionPlan(batch["cu_seqlens"], batch["padding_mask"], backend)
    loss = model(masked.noisy, batch["position_ids"], plan, masked, masked.rows * seq_len)
    loss.backward()
    return float(loss), clip_grad_norm(list(model.parameters()), 0.0)


def csharp_loss(reader, seed, batch_size, model):
    """Loss and gradient norm of the C# trainer's first update, computed by the recipe."""
    batch, masked = csharp_first_batch(reader, seed, batch_size, model.config.mask)
    with torch.enable_grad():
        return loss_and_grad_norm(model, batch, masked, reader.seq_len)
