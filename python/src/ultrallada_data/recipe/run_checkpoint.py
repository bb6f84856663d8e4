"""A run's checkpoints: ``OUT/checkpoints/step-NNNNNNNN/`` and ``OUT/checkpoints/latest``, as the C#
trainer lays them out, holding

* ``model.safetensors``: the weights under the Hugging Face names, in the weights' dtype;
* ``optimizer-rank{r}.pt``: rank r's ZeRO-1 shard of the optimizer (its fp32 master, m, v, step);
* ``rng-rank{r}.pt``: rank r's torch random state (CPU, and CUDA when used);
* ``state.json``: the update count, the options, the model config, the RoPE base, the rank count and
  every rank's data position (epoch, records used).

Every rank writes into ``step-N.partial``; after a barrier rank 0 renames it into place and then
points ``latest`` at it, so a run killed mid-save leaves the previous checkpoint as the latest.
"""
import json
import os
import shutil

import torch
import torch.distributed as dist

from . import hf_checkpoint, safetensors

STATE_FILE, MODEL_FILE, LATEST_FILE = "state.json", "model.safetensors", "latest"


def folder(run):
    return os.path.join(run, "checkpoints")


def save(run, step, model, zero, state, rank):
    root = folder(run)
    name = f"step-{step:08d}"
    final, partial = os.path.join(root, name), os.path.join(root, name + ".partial")
    if rank == 0:
        os.makedirs(root, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        os.makedirs(partial)
    dist.barrier()
    torch.save(zero.optim.state_dict(), os.path.join(partial, f"optimizer-rank{rank}.pt"))
    rng = {"cpu": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():  # pragma: no cover - GPU only
        rng["cuda"] = torch.cuda.get_rng_state()
    torch.save(rng, os.path.join(partial, f"rng-rank{rank}.pt"))
    if rank == 0:
        safetensors.write_file(os.path.join(partial, MODEL_FILE), hf_checkpoint.export_tensors(model),
                               hf_checkpoint.export_metadata(model.config))
        with open(os.path.join(partial, STATE_FILE), "w", encoding="utf-8") as f:
            json.dump(state, f, indent=2)
    dist.barrier()
    if rank == 0:
        if os.path.isdir(final):
            shutil.rmtree(final)
        os.replace(partial, final)
        latest = os.path.join(root, LATEST_FILE)
        with open(latest + ".tmp", "w", encoding="utf-8") as f:
            f.write(name + "\n")
        os.replace(latest + ".tmp", latest)
    dist.barrier()
    return final


def resolve(path):
    """The checkpoint a path names: a checkpoint folder, a run folder (its latest) or its checkpoints/."""
    if os.path.isfile(os.path.join(path, STATE_FILE)):
        return path
    for root in (folder(path), path):
        latest = os.path.join(root, LATEST_FILE)
        if os.path.isfile(latest):
            with open(latest, encoding="utf-8") as f:
                return os.path.join(root, f.read().strip())
    raise FileNotFoundError(f"{path}: no checkpoint here (no {STATE_FILE}, no checkpoints/{LATEST_FILE})")


def read_state(checkpoint):
    path = os.path.join(checkpoint, STATE_FILE)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f"{path}: not a checkpoint state: {e}") from e


def load(checkpoint, model, zero, rank):
    """Restores weights, this rank's optimizer shard and its random state."""
    hf_checkpoint.import_weights(model, os.path.join(checkpoint, MODEL_FILE))
    shard = os.path.join(checkpoint, f"optimizer-rank{rank}.pt")
    if not os.path.isfile(shard):
        raise FileNotFoundError(f"{shard}: this checkpoint has no optimizer shard for rank {rank}")
    zero.optim.load_state_dict(torch.load(shard))
    rng = torch.load(os.path.join(checkpoint, f"rng-rank{rank}.pt"))
    torch.set_rng_state(rng["cpu"])
    if "cuda" in rng and torch.cuda.is_available():  # pragma: no cover - GPU only
        torch.cuda.set_rng_state(rng["cuda"])
