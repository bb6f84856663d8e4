"""What one rank holds, by the arithmetic of the issue (DDP + ZeRO-1), before a run starts.

Per rank, for P parameters in weights of w bytes (2 for bf16, 4 for fp32), T = batch_size x seq_len
tokens per micro-batch, N ranks:

* weights P*w, gradients P*w (DDP keeps every gradient on every rank; buckets are views of them);
* optimizer_state: fp32 m and v (8 bytes) plus an fp32 master copy for non-fp32 weights (4 bytes),
  of P/N parameters with ZeRO-1, of all P when replicated;
* checkpointed activations: with activation checkpointing, each block's input, (layers + 1) x T x
  d_model x w; without it, every block's intermediates (see ``_block_bytes_per_token``);
* block recompute: one block's intermediates during its backward (with checkpointing only);
* loss chunk: one chunk of masked rows' logits in fp32, forward and backward (3 x chunk x vocab x 4).

Attention scores are not counted: FlashAttention and the chunked kernel keep O(T) of them. Item
names and the JSON shape are those of ``ultrallada-train plan``: {"options": [{"optimizer_state",
"items", "total_gb", "fits"}]}; GB here is 10^9 bytes, as the issue's 16 + 16 + 12 = 44 GB.
"""
import json

GB = 1e9


def _block_bytes_per_token(config, w):
    """The intermediates one block keeps for backward, per token: norms' outputs (+ their fp32
    inputs), q/k/v, rotated q/k, attention output, the three MLP products and the gate."""
    d, kv, mlp = config.d_model, config.effective_kv_heads * config.head_dim, config.mlp_hidden
    return (6 * d + 4 * kv + 4 * mlp) * w + 2 * d * 4


def plan(config, world_size, batch_size, seq_len, dtype="fp32", activation_checkpointing=False, loss_chunk=1024, device_gb=None):
    w = 2 if dtype == "bf16" else 4
    p = config.parameter_count()
    tokens = batch_size * seq_len
    per_token = _block_bytes_per_token(config, w)
    state_per_param = 8 + (4 if w != 4 else 0)
    if activation_checkpointing:
        activations = (config.layers + 1) * tokens * config.d_model * w
        recompute = tokens * per_token
    else:
        activations, recompute = config.layers * tokens * per_token + tokens * config.d_model * w, 0
    options = []
    for label, holders in ((f"zero-1 over {world_size} ranks", world_size), ("replicated", 1)):
        items = {
            "weights": p * w / GB,
            "gradients": p * w / GB,
            "optimizer_state": p * state_per_param / holders / GB,
            "checkpointed activations": activations / GB,
            "block recompute": recompute / GB,
            "loss chunk": 3 * loss_chunk * config.vocab_size * 4 / GB,
        }
        total = sum(items.values())
        options.append({"optimizer_state": label, "items": {k: round(v, 3) for k, v in items.items()},
                        "total_gb": round(total, 3), "fits": None if device_gb is None else total <= device_gb})
    return {"model": config.name, "parameters": p, "dtype": dtype, "world_size": world_size, "tokens_per_micro_batch": tokens,
            "activation_checkpointing": bool(activation_checkpointing), "device_gb": device_gb, "options": options}


def format_plan(result):
    """The table rank 0 prints (the first option is the run's own: ZeRO-1)."""
    lines = [f"memory plan per rank: {result['model']} ({result['parameters'] / 1e6:,.1f}M parameters, {result['dtype']}), "
             f"{result['world_size']} rank(s), {result['tokens_per_micro_batch']} tokens per micro-batch, "
             f"activation checkpointing {'on' if result['activation_checkpointing'] else 'off'}"
             + (f", {result['device_gb']:.1f} GB per device" if result["device_gb"] else "")]
    names = list(result["options"][0]["items"])
    width = max(len(n) for n in names + ["total"])
    lines.append(f"  {'':<{width}}  " + "  ".join(f"{o['optimizer_state']:>22}" for o in result["options"]))
    for n in names:
        lines.append(f"  {n:<{width}}  " + "  ".join(f"{o['items'][n]:>19.2f} GB" for o in result["options"]))
    lines.append(f"  {'total':<{width}}  " + "  ".join(f"{o['total_gb']:>19.2f} GB" for o in result["options"]))
    if result["device_gb"]:
        lines.append(f"  {'fits':<{width}}  " + "  ".join(f"{str(o['fits']).lower():>22}" for o in result["options"]))
    return "\n".join(lines)


def to_json(result):
    return json.dumps(result, indent=2)
