"""The command line, with ``ultrallada-train train``'s flag names, defaults and meanings where they
mean the same; the few more are this recipe's own (``--workers``, ``--attention``, ``--loss-chunk``,
``--plan``, ``--device-memory-gb``). A resumed run takes everything from its checkpoint except
``--steps`` and ``--stop-after``, as ``ultrallada-train train --resume`` does."""
import argparse

from .attention import BACKENDS
from .rope import SCALINGS

# Saved with a checkpoint and restored on --resume (everything but the resume controls).
RESUME_OVERRIDABLE = ("steps", "stop_after")


def parser():
    p = argparse.ArgumentParser(
        prog="python -m ultrallada_data.recipe.train",
        description="Train (or continue training) a LLaDA model with the masked-diffusion loss on ULDS shards, "
                    "across ranks (torchrun) with DDP and ZeRO-1.")
    p.add_argument("--data", help="folder of ULDS shards (a split folder of a pack job)")
    p.add_argument("--out", help="run folder: metrics.jsonl, loss-curve.png, checkpoints/")
    p.add_argument("--model", default="tiny", help="tiny, small, llada-8b, or a JSON model config")
    p.add_argument("--init-from", help="start from a Hugging Face LLaDA checkpoint (.safetensors file or folder)")
    p.add_argument("--steps", type=int, default=None, help="optimizer updates in the run (default 1000; with --resume: the saved run's)")
    p.add_argument("--batch-size", type=int, default=1, help="records per forward pass, per rank")
    p.add_argument("--tokens-per-step", type=int, default=0,
                   help="accumulate gradients until this many tokens per update, over all ranks (0: one batch)")
    p.add_argument("--lr", type=float, default=2e-5, help="peak learning rate (paper: 2e-5)")
    p.add_argument("--min-lr", type=float, default=2e-6, help="final learning rate of the cosine (paper: 2e-6)")
    p.add_argument("--warmup", type=float, default=0.03, help="warm-up fraction of the run")
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--clip", type=float, default=1.0, help="global gradient-norm clip (0: off)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--checkpoint-every", type=int, default=100, help="save every K updates (and at the end)")
    p.add_argument("--log-every", type=int, default=10, help="console line every N updates")
    p.add_argument("--device", default="cpu", help="cpu or cuda (each rank takes cuda:LOCAL_RANK)")
    p.add_argument("--dtype", default="", choices=["", "fp32", "bf16"], help="fp32 or bf16 (default: bf16 on cuda, fp32 on cpu)")
    p.add_argument("--activation-checkpointing", action="store_true", help="recompute each block in the backward pass")
    p.add_argument("--layout", default="", choices=["", "adaptive", "eod", "direct"],
                   help="attention: adaptive, eod or direct (default: the shards' layout)")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads per rank (0: torch's default)")
    p.add_argument("--resume", help="continue the run in this folder (or this checkpoint) with its saved settings")
    p.add_argument("--stop-after", type=int, default=0,
                   help="stop after this many updates in this process, like an interruption (no extra checkpoint)")
    p.add_argument("--no-plot", action="store_true", help="do not write loss-curve.png")
    p.add_argument("--rope-base", type=float, default=0.0, help="use this RoPE base (overrides the model's)")
    p.add_argument("--rope-scaling", default="none", choices=SCALINGS,
                   help="scale the model's RoPE base for --target-len: none, baseline (Eq. 3), diffusion-aware (Eq. 4), ntk (Eq. 2)")
    p.add_argument("--target-len", type=int, default=0, help="target context for --rope-scaling")
    p.add_argument("--workers", type=int, default=0, help="DataLoader worker processes per rank")
    p.add_argument("--attention", default="auto", choices=BACKENDS,
                   help="flash (flash_attn varlen), sdpa (torch >= 2), chunked (exact, torch 1.13); auto picks the first that runs")
    p.add_argument("--loss-chunk", type=int, default=1024, help="masked rows projected to the vocabulary at a time (memory: 12 bytes x chunk x vocab)")
    p.add_argument("--device-memory-gb", type=float, default=0.0,
                   help="memory per device for the plan's fits check (default: the CUDA device's; none on cpu)")
    p.add_argument("--plan", action="store_true", help="print the memory plan (JSON) and exit")
    return p


def validate(args):
    if args.resume is None and (not args.data or not args.out):
        raise ValueError("--data and --out are required (or --resume)")
    if (args.steps is not None and args.steps <= 0) or args.batch_size <= 0:
        raise ValueError("--steps and --batch-size must be positive")
    if args.rope_base > 0 and args.rope_scaling != "none":
        raise ValueError("--rope-base and --rope-scaling contradict each other: pick one")
    if args.rope_scaling != "none" and args.target_len <= 0:
        raise ValueError("--rope-scaling needs --target-len")
    if args.loss_chunk <= 0 or args.workers < 0:
        raise ValueError("--loss-chunk must be positive and --workers not negative")


def accumulation_steps(tokens_per_step, batch_size, world_size, seq_len):
    """Micro-batches per update: ceil(target / (ranks x batch x seq_len)), at least 1 (the C# rule, over all ranks)."""
    per_micro = batch_size * world_size * seq_len
    return 1 if tokens_per_step <= 0 else max(1, -(-tokens_per_step // per_micro))
