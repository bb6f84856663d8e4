"""LLaDA's pre-training loss (Eq. 1): the sum over masked positions of CE / p, divided by
batch x seq_len (padding included), as the C# DiffusionLoss computes it.

Only the masked rows are projected to the vocabulary, and those in chunks, each recomputed in
backward: no (T x vocab) tensor ever exists, and at most one (chunk x vocab) one at a time.
"""
import torch
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint


def _chunk_sum(hidden, weight, targets, probabilities):
    logits = F.linear(hidden, weight)
    logits = logits.to(torch.promote_types(logits.dtype, torch.float32))  # at least fp32, as the C# loss
    return (F.cross_entropy(logits, targets, reduction="none") / probabilities).sum()


def masked_diffusion_loss(hidden, output, positions, targets, probabilities, normalizer, chunk=1024):
    """hidden (T, d); ``output`` the ff_out Linear; ``positions`` (n,) flat indices of the masked
    tokens, ``targets`` their ids, ``probabilities`` their rows' p (fp32); ``normalizer`` = rows x seq_len."""
    device = hidden.device
    selected = hidden.index_select(0, positions.to(device))
    targets, probabilities = targets.to(device), probabilities.to(device)
    # Starts connected to both inputs, so a batch with no masked token still gives every parameter a
    # (zero) gradient: DistributedDataParallel waits for all of them.
    total = (selected.sum() + output.weight.reshape(-1)[:1].sum()).to(torch.promote_types(hidden.dtype, torch.float32)) * 0.0
    for c in range(0, selected.shape[0], chunk):
        args = (selected[c:c + chunk], output.weight, targets[c:c + chunk], probabilities[c:c + chunk])
        total = total + (checkpoint(_chunk_sum, *args, use_reentrant=False) if torch.is_grad_enabled() else _chunk_sum(*args))
    return total / float(normalizer)
