"""LLaDA in PyTorch, module for module the C# trainer's (Model/): pre-norm blocks with RMSNorm,
SwiGLU, rotary embeddings, no biases, untied output, bidirectional attention inside the blocks of
``cu_seqlens``. Parameter names are LLaDA's below ``model.transformer.`` (:mod:`.tensor_names`), so
a Hugging Face checkpoint maps one to one.

The model works on one flat batch (the records of a micro-batch back to back, as the varlen collate
gives them): ids (T,), ``position_ids`` (T,), block bounds, and which blocks are padding.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

from .attention import block_attention
from .config import ConfigError, ModelConfig
from .loss import masked_diffusion_loss
from .rope import RotaryEmbedding


class RMSNorm(nn.Module):
    """In fp32 whatever the activations' dtype, then scaled by a learned gain (LLaDA's)."""

    def __init__(self, size, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(size))

    def forward(self, x):
        xf = x.float()
        normed = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * normed.to(x.dtype)


class TransformerBlock(nn.Module):
    """x + attn_out(attention(rope(q), rope(k), v)) over attn_norm(x), then
    x + ff_out(silu(ff_proj(h)) * up_proj(h)) over h = ff_norm(x) (LLaDALlamaBlock)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        d, kv = config.d_model, config.effective_kv_heads * config.head_dim
        self.heads, self.kv_heads, self.head_dim = config.heads, config.effective_kv_heads, config.head_dim
        self.attn_norm = RMSNorm(d, config.norm_eps)
        self.ff_norm = RMSNorm(d, config.norm_eps)
        self.q_proj = nn.Linear(d, d, bias=False)
        self.k_proj = nn.Linear(d, kv, bias=False)
        self.v_proj = nn.Linear(d, kv, bias=False)
        self.attn_out = nn.Linear(d, d, bias=False)
        self.ff_proj = nn.Linear(d, config.mlp_hidden, bias=False)
        self.up_proj = nn.Linear(d, config.mlp_hidden, bias=False)
        self.ff_out = nn.Linear(config.mlp_hidden, d, bias=False)

    def forward(self, x, cos, sin, plan):
        length = x.shape[0]
        h = self.attn_norm(x)
        q = RotaryEmbedding.apply(self.q_proj(h).view(length, self.heads, self.head_dim), cos, sin)
        k = RotaryEmbedding.apply(self.k_proj(h).view(length, self.kv_heads, self.head_dim), cos, sin)
        v = self.v_proj(h).view(length, self.kv_heads, self.head_dim)
        if self.kv_heads != self.heads:
            k = k.repeat_interleave(self.heads // self.kv_heads, dim=1)
            v = v.repeat_interleave(self.heads // self.kv_heads, dim=1)
        attention = block_attention(q, k, v, plan.bounds, plan.padding_blocks, plan.backend, plan.max_seqlen)
        x = x + self.attn_out(attention.reshape(length, self.heads * self.head_dim))
        f = self.ff_norm(x)
        return x + self.ff_out(F.silu(self.ff_proj(f)) * self.up_proj(f))


class AttentionPlan:
    """The blocks of one flat batch: bounds (a list), which are padding, the longest, the backend."""

    def __init__(self, cu_seqlens, padding_mask, backend="chunked"):
        self.bounds = [int(b) for b in (cu_seqlens.tolist() if torch.is_tensor(cu_seqlens) else cu_seqlens)]
        padding = padding_mask.tolist() if torch.is_tensor(padding_mask) else list(padding_mask)
        self.padding_blocks = [bool(padding[a]) for a in self.bounds[:-1]]
        self.max_seqlen = max(b - a for a, b in zip(self.bounds[:-1], self.bounds[1:]))
        self.backend = backend


class LladaModel(nn.Module):
    """wte, blocks, ln_f and the untied ff_out, named as LLaDA's checkpoints name them."""

    def __init__(self, config: ModelConfig, rope_base=None):
        super().__init__()
        config.validate()
        if config.vocab_size <= 0:
            raise ConfigError(f"model '{config.name}': the vocabulary is not resolved yet (call ModelConfig.for_data)")
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.d_model)
        self.blocks = nn.ModuleList(TransformerBlock(config) for _ in range(config.layers))
        self.ln_f = RMSNorm(config.d_model, config.norm_eps)
        self.ff_out = nn.Linear(config.d_model, config.vocab_size, bias=False)
        self.rope = RotaryEmbedding(config.head_dim, rope_base or config.rope_base)
        self.activation_checkpointing = False
        self.loss_chunk = 1024

    def initialize_weights(self):
        """N(0, init_std); the residual output projections N(0, init_std / sqrt(2 layers)); norm gains 1."""
        residual = self.config.init_std / math.sqrt(2.0 * self.config.layers)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if name.endswith("norm.weight") or name == "ln_f.weight":
                    p.fill_(1)
                elif name.endswith("attn_out.weight") or (name.startswith("blocks.") and name.endswith("ff_out.weight")):
                    p.normal_(0, residual)
                else:
                    p.normal_(0, self.config.init_std)

    def hidden(self, input_ids, position_ids, plan: AttentionPlan):
        """Final hidden states (T, d_model), after ln_f."""
        cos, sin = self.rope.tables(position_ids)
        x = self.wte(input_ids)
        for block in self.blocks:
            if self.activation_checkpointing and torch.is_grad_enabled():
                x = checkpoint(block, x, cos, sin, plan, use_reentrant=False)
            else:
                x = block(x, cos, sin, plan)
        return self.ln_f(x)

    def forward(self, input_ids, position_ids, plan: AttentionPlan, masked, normalizer):
        """Eq. 1's loss of a masked batch (see :func:`.loss.masked_diffusion_loss`). The loss is
        computed inside forward so that DistributedDataParallel sees every parameter used there."""
        hidden = self.hidden(input_ids, position_ids, plan)
        return masked_diffusion_loss(hidden, self.ff_out, masked.positions, masked.targets, masked.probabilities,
                                     normalizer, self.loss_chunk)
