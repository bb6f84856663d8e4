"""The recipe's training run: ``torchrun --nproc-per-node N -m ultrallada_data.recipe.train --data ...``
(or ``python -m ultrallada_data.recipe.train`` for one process).

Per update: each rank takes micro-batches from its share of the shards until the tokens-per-step
target (over all ranks), masks them (Eq. 1, streams derived from seed, update and global slot),
accumulates gradients without a DDP all-reduce until the last micro-batch, clips the global norm,
and takes a ZeRO-1 AdamW step at the cosine schedule's rate. Rank 0 logs metrics.jsonl and saves
checkpoints every K updates; a resumed run continues bit for bit on the CPU.
"""
import contextlib
import dataclasses
import os
import sys
import time

import torch
from torch.distributed.optim import ZeroRedundancyOptimizer
from torch.nn.parallel import DistributedDataParallel

from ..torch import pack_collate
from . import distributed, hf_checkpoint, masking, memory_plan, metrics, options, rope, run_checkpoint
from .attention import pick_backend
from .config import ConfigError, ModelConfig, resolve
from .data import RankBatches
from .model import AttentionPlan, LladaModel
from .optim import AdamW, clip_grad_norm, param_groups
from .safetensors import SafetensorsError
from .schedule import CosineSchedule

DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def _settings(args):
    """The options a run is configured with: the command line, or a checkpoint's saved ones."""
    if args.resume is None:
        values = vars(args).copy()
        values["steps"] = args.steps or 1000
        return values, None, None
    checkpoint = run_checkpoint.resolve(args.resume)
    state = run_checkpoint.read_state(checkpoint)
    values = dict(state["options"])
    values["steps"] = args.steps or values["steps"]
    values["stop_after"] = args.stop_after
    return values, checkpoint, state


def _rope_base(values, config):
    if values["rope_base"] > 0:
        return values["rope_base"]
    return rope.base_for(values["rope_scaling"], config.head_dim, config.rope_base, config.trained_length, values["target_len"])


def _device_gb(values, device):
    if values.get("device_memory_gb"):
        return values["device_memory_gb"]
    if device.type == "cuda":  # pragma: no cover - GPU only
        return torch.cuda.get_device_properties(device).total_memory / memory_plan.GB
    return None


def run(args, out=sys.stdout):
    values, checkpoint, state = _settings(args)
    rank, world, device = distributed.start(values["device"])
    try:
        if rank == 0:
            return _train(values, checkpoint, state, rank, world, device, args, out)
        with open(os.devnull, "w") as quiet:  # only rank 0 talks
            return _train(values, checkpoint, state, rank, world, device, args, quiet)
    finally:
        distributed.stop()


def _train(values, checkpoint, state, rank, world, device, args, out):
    if values["threads"] > 0:
        torch.set_num_threads(values["threads"])
    if state is not None and state["world_size"] != world:
        raise ConfigError(f"{checkpoint} was written by {state['world_size']} ranks (one optimizer shard each): "
                          f"resume it with torchrun --nproc-per-node {state['world_size']}")
    dtype_name = values["dtype"] or ("bf16" if device.type == "cuda" else "fp32")
    dtype = DTYPES[dtype_name]
    data_out = values["out"]
    if state is None and os.path.isfile(os.path.join(run_checkpoint.folder(data_out), run_checkpoint.LATEST_FILE)):
        raise ConfigError(f"{data_out} already holds a run: continue it with --resume {data_out}, or train into another folder")

    positions = state["positions"][rank] if state else {"epoch": 0, "consumed": 0}
    stream = RankBatches(values["data"], rank, world, values["batch_size"], values["seed"], values["workers"],
                         positions["epoch"], positions["consumed"])
    header = stream.reader.header
    seq_len, layout = stream.reader.seq_len, values["layout"] or stream.reader.layout
    if state is not None and (state["data"]["records"], state["data"]["seq_len"]) != (len(stream.reader), seq_len):
        raise ConfigError(f"{checkpoint} was trained on {state['data']['records']} records of {state['data']['seq_len']} tokens, "
                          f"{values['data']} holds {len(stream.reader)} of {seq_len}: are these the shards it was trained on?")
    config = ModelConfig.from_dict(state["model"], checkpoint) if state else resolve(values["model"]).for_data(header.vocab_size)
    if config.vocab_size < header.vocab_size:
        raise ConfigError(f"model vocabulary {config.vocab_size} is smaller than the shards' {header.vocab_size}")
    accumulation = options.accumulation_steps(values["tokens_per_step"], values["batch_size"], world, seq_len)
    backend = pick_backend(values["attention"], device, dtype)

    plan = memory_plan.plan(config, world, values["batch_size"], seq_len, dtype_name, values["activation_checkpointing"],
                            values["loss_chunk"], _device_gb(values, device))
    if args.plan:
        print(memory_plan.to_json(plan), file=out)
        return None
    print(memory_plan.format_plan(plan), file=out)
    if plan["options"][0]["fits"] is False:
        raise ConfigError(f"the plan needs {plan['options'][0]['total_gb']:.1f} GB per rank, the device has {plan['device_gb']:.1f} GB: "
                          "add ranks, turn on --activation-checkpointing, use --dtype bf16, lower --loss-chunk or --batch-size")

    torch.manual_seed(values["seed"])
    ropebase = state["rope_base"] if state else _rope_base(values, config)
    model = LladaModel(config, ropebase)
    model.initialize_weights()
    if state is None and values["init_from"]:
        loaded = hf_checkpoint.import_weights(model, values["init_from"])
        print(f"init: {loaded} tensors from {values['init_from']}", file=out)
    model.to(device, dtype)
    model.activation_checkpointing, model.loss_chunk = values["activation_checkpointing"], values["loss_chunk"]
    ddp = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None,
                                  broadcast_buffers=False, gradient_as_bucket_view=True)
    zero = ZeroRedundancyOptimizer(param_groups(model, values["weight_decay"]), optimizer_class=AdamW, lr=values["lr"],
                                   betas=(0.9, 0.95), eps=1e-8, weight_decay=values["weight_decay"])
    step = 0
    if state is not None:
        run_checkpoint.load(checkpoint, model, zero, rank)
        step = state["step"]
        print(f"resume: {checkpoint} at update {step}, data {state['positions']}", file=out)

    steps = values["steps"]
    schedule = CosineSchedule(values["lr"], values["min_lr"], steps, values["warmup"])
    log = metrics.MetricsLog(os.path.join(data_out, "metrics.jsonl"), step) if rank == 0 else None
    saved_options = {k: v for k, v in values.items() if k not in ("resume", "plan")}
    saved_options["stop_after"] = 0
    print(f"train: model {config.name} ({config.parameter_count() / 1e6:.2f}M parameters, {dtype_name} on {device.type}), "
          f"{world} rank(s) x {values['workers']} DataLoader worker(s), {len(stream.reader)} records of {seq_len}, layout {layout}, "
          f"RoPE base {ropebase:.6g}, attention {backend}, batch {values['batch_size']} x {world} ranks x {accumulation} micro-batches = "
          f"{values['batch_size'] * world * accumulation * seq_len} tokens per update, updates {step}..{steps}, "
          f"lr {values['lr']:.3g} -> {values['min_lr']:.3g} (warm-up {schedule.warmup_steps})", file=out)

    autocast = (torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" and dtype == torch.bfloat16
                else contextlib.nullcontext())
    stop_at = min(steps, step + values["stop_after"]) if values["stop_after"] > 0 else steps
    clock, first_step, last_loss, last_checkpoint = time.perf_counter(), step, float("nan"), checkpoint
    while step < stop_at:
        started = time.perf_counter()
        ddp.zero_grad(set_to_none=False)
        loss_sum, tokens, masked_count, epoch = 0.0, 0, 0, stream.epoch
        for micro in range(accumulation):
            records, epoch = stream.next()
            batch = pack_collate(records, layout)
            masked = masking.sample(batch, config.mask, seq_len, masking.record_streams(values["seed"], step, stream.slots(micro)))
            attention = AttentionPlan(batch["cu_seqlens"], batch["padding_mask"], backend)
            sync = ddp.no_sync() if micro < accumulation - 1 else contextlib.nullcontext()
            with sync:
                with autocast:
                    loss = ddp(masked.noisy.to(device), batch["position_ids"].to(device), attention, masked,
                               len(records) * seq_len) / accumulation
                loss.backward()
            loss_sum += float(loss.detach())
            tokens += int((~batch["padding_mask"]).sum())
            masked_count += masked.masked_count
        loss_sum, tokens, masked_count = distributed.sum_over_ranks([loss_sum, tokens, masked_count], device)
        loss_value = loss_sum / world
        grad_norm = clip_grad_norm(list(model.parameters()), values["clip"]) if values["clip"] > 0 else float("nan")
        lr = schedule.at(step)
        for group in zero.param_groups:
            group["lr"] = lr
        zero.step()
        step += 1
        last_loss = loss_value
        seconds = time.perf_counter() - started
        if log is not None:
            log.write(step=step, loss=loss_value, lr=lr, grad_norm=grad_norm, tokens=int(tokens), masked_tokens=int(masked_count),
                      tokens_per_second=tokens / max(seconds, 1e-9), step_seconds=seconds,
                      elapsed_seconds=time.perf_counter() - clock, epoch=epoch)
        if values["log_every"] > 0 and (step % values["log_every"] == 0 or step == stop_at):
            print(f"step {step:6d}/{steps}  loss {loss_value:8.4f}  lr {lr:9.2e}  grad {grad_norm:7.3f}  "
                  f"{tokens / max(seconds, 1e-9):9.0f} tok/s  epoch {epoch}", file=out, flush=True)
        if (values["checkpoint_every"] > 0 and step % values["checkpoint_every"] == 0) or step == steps:
            state_out = {"step": step, "world_size": world, "seed": values["seed"], "options": saved_options,
                         "model": dataclasses.asdict(config), "rope_base": ropebase, "dtype": dtype_name, "layout": layout,
                         "data": {"seq_len": seq_len, "vocab_size": header.vocab_size, "records": len(stream.reader)},
                         "positions": distributed.gather(stream.position())}
            last_checkpoint = run_checkpoint.save(data_out, step, model, zero, state_out, rank)

    elapsed = time.perf_counter() - clock
    if log is not None:
        log.close()
        history = metrics.read(log.path)
        trained = sum(m["tokens"] for m in history if m["step"] > first_step)
        if not values["no_plot"] and history:
            title = f"{config.name}: {os.path.basename(os.path.normpath(values['data']))}, seq_len {seq_len}, {layout}, {world} rank(s)"
            if metrics.plot(history, os.path.join(data_out, "loss-curve.png"), title):
                print(f"loss curve: {os.path.join(data_out, 'loss-curve.png')}", file=out)
            else:
                print("loss curve: not written (matplotlib is not installed: apt-get install python3-matplotlib)", file=out)
        print(f"done: update {step}, loss {last_loss:.4f}, {trained / max(elapsed, 1e-9):.0f} tokens/s over {elapsed:.1f} s", file=out)
        print(f"metrics: {log.path}", file=out)
        if last_checkpoint:
            print(f"checkpoint: {last_checkpoint}", file=out)
    return {"step": step, "loss": last_loss, "checkpoint": last_checkpoint}


def main(argv=None):
    p = options.parser()
    args = p.parse_args(argv)
    try:
        options.validate(args)
        if args.out:
            os.makedirs(args.out, exist_ok=True)
        run(args)
        return 0
    except (ConfigError, SafetensorsError, FileNotFoundError, ValueError) as e:  # FormatError is a ValueError too
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
