"""The process group: torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR/PORT) when
it is there, else a group of one, so one code path serves ``python -m`` and ``torchrun``. gloo on the
CPU, NCCL on GPUs (each rank on cuda:LOCAL_RANK)."""
import os

import torch
import torch.distributed as dist


def start(device_name):
    cuda = device_name.startswith("cuda")
    if cuda and not torch.cuda.is_available():
        raise ValueError(f"--device {device_name}: torch {torch.__version__} here has no CUDA device")
    backend = "nccl" if cuda else "gloo"
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        dist.init_process_group(backend, init_method="env://")
    else:
        dist.init_process_group(backend, store=dist.HashStore(), rank=0, world_size=1)
    local = int(os.environ.get("LOCAL_RANK", 0))
    if cuda:  # pragma: no cover - GPU only
        device = torch.device("cuda", local)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    return dist.get_rank(), dist.get_world_size(), device


def stop():
    if dist.is_initialized():
        dist.destroy_process_group()


def sum_over_ranks(values, device):
    """Element-wise sums of a list of floats over all ranks (float64, so counts stay exact)."""
    t = torch.tensor(values, dtype=torch.float64, device=device)
    dist.all_reduce(t)
    return t.tolist()


def gather(obj):
    out = [None] * dist.get_world_size()
    dist.all_gather_object(out, obj)
    return out
