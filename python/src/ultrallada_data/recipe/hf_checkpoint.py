"""Hugging Face LLaDA weights in and out (GSAI-ML/LLaDA-8B-Base's names, modeling_llada.py).

model.transformer.wte.weight; per block model.transformer.blocks.{i}.{attn_norm, ff_norm, q_proj,
k_proj, v_proj, attn_out, ff_proj, up_proj, ff_out}.weight (ff_proj is SwiGLU's gate);
model.transformer.ln_f.weight; model.transformer.ff_out.weight (the untied output). The model's
modules carry the same names below the prefix, as in the C# trainer's LladaTensorNames.
"""
import torch

from . import safetensors
from .config import ConfigError

PREFIX = "model.transformer."


def to_hf(name):
    return PREFIX + name


def from_hf(name):
    """The model's parameter name for a checkpoint name, or None for a tensor that is not LLaDA's."""
    return name[len(PREFIX):] if name.startswith(PREFIX) else None


def import_weights(model, path):
    """Copies every parameter from a .safetensors file or folder (dtype converted), one tensor at
    a time (an 8B checkpoint is never whole in memory twice). Returns how many were loaded."""
    by_name = {}
    for file in safetensors.files_of(path):
        st = safetensors.SafetensorsFile(file)
        for name in st.entries:
            by_name[name] = st
    loaded = 0
    with torch.no_grad():
        for name, p in model.named_parameters():
            hf = to_hf(name)
            if hf not in by_name:
                raise ConfigError(f"{path}: no tensor '{hf}' for the model's '{name}' (is this a LLaDA checkpoint of the same shape?)")
            dtype, shape, _, _ = by_name[hf].entries[hf]
            if list(shape) != list(p.shape):
                raise ConfigError(f"{path}: '{hf}' is {list(shape)}, the model's '{name}' is {list(p.shape)}")
            p.copy_(by_name[hf].load(hf).to(p.dtype))
            loaded += 1
    return loaded


def export_tensors(model, dtype=None):
    """{HF name: tensor} of the model's parameters, cast to ``dtype`` when given."""
    return {to_hf(n): (p.detach().to(dtype) if dtype is not None else p.detach()) for n, p in model.named_parameters()}


def export_metadata(config):
    return {"format": "pt", "ultrallada_model_config": config.to_json()}


def export(model, path, dtype=torch.bfloat16, max_shard_bytes=None):
    """Writes the weights under the HF names: one file, or (``max_shard_bytes``) an index + shards."""
    tensors, metadata = export_tensors(model, dtype), export_metadata(model.config)
    if max_shard_bytes:
        safetensors.write_folder(path, tensors, metadata, max_shard_bytes)
    else:
        safetensors.write_file(path, tensors, metadata)
