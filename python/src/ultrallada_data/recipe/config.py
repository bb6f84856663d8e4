"""LLaDA model shapes: the presets and JSON config keys of the C# trainer (Model/ModelConfig.cs)."""
import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Optional

DEFAULT_NORM_EPS = 1e-5


class ConfigError(ValueError):
    """A model config, flag or checkpoint that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class ModelConfig:
    """The shape of a LLaDA model. Field names are the C# JSON keys (snake_case), so a config file
    written by ``ultrallada-train`` (or embedded in its safetensors metadata) reads here unchanged."""

    layers: int
    d_model: int
    heads: int
    mlp_hidden: int
    name: str = "custom"
    kv_heads: int = 0  # 0: as many as heads
    vocab_size: int = 0  # 0: the data's vocabulary plus one row for the mask
    mask_id: Optional[int] = None  # None: one extra row after the data's vocabulary
    rope_base: float = 10000.0
    trained_length: int = 4096
    norm_eps: float = DEFAULT_NORM_EPS
    init_std: float = 0.02

    @property
    def head_dim(self) -> int:
        return self.d_model // self.heads

    @property
    def effective_kv_heads(self) -> int:
        return self.kv_heads or self.heads

    @property
    def mask(self) -> int:
        return self.mask_id if self.mask_id is not None else self.vocab_size - 1

    def validate(self) -> "ModelConfig":
        if min(self.layers, self.d_model, self.heads, self.mlp_hidden) <= 0:
            raise ConfigError(f"model '{self.name}': layers, d_model, heads and mlp_hidden must be positive")
        if self.d_model % self.heads or self.head_dim % 2:
            raise ConfigError(f"model '{self.name}': d_model {self.d_model} must split into {self.heads} heads of an even size")
        if self.heads % self.effective_kv_heads:
            raise ConfigError(f"model '{self.name}': {self.heads} heads do not group evenly over {self.effective_kv_heads} key/value heads")
        if self.vocab_size < 0 or not self.rope_base > 1 or self.trained_length <= 0 or not self.norm_eps > 0:
            raise ConfigError(f"model '{self.name}': vocab_size, rope_base, trained_length or norm_eps is out of range")
        return self

    def for_data(self, data_vocab_size: int) -> "ModelConfig":
        """Fills in the vocabulary from the shards when the config leaves it open; checks they fit."""
        config = self
        if self.vocab_size == 0:
            config = dataclasses.replace(self, vocab_size=data_vocab_size + 1,
                                         mask_id=self.mask_id if self.mask_id is not None else data_vocab_size)
        if config.vocab_size < data_vocab_size:
            raise ConfigError(f"model '{config.name}' has {config.vocab_size} embedding rows, but the shards' vocabulary has {data_vocab_size} ids")
        if config.mask_id is None and config.vocab_size <= data_vocab_size:
            raise ConfigError(f"model '{config.name}' needs a mask id: set mask_id, or leave vocab_size 0 to add one row after the data's {data_vocab_size} ids")
        if not 0 <= config.mask < config.vocab_size:
            raise ConfigError(f"mask id {config.mask} is outside the model's {config.vocab_size} embedding rows")
        return config

    def parameter_count(self) -> int:
        d, kv = self.d_model, self.effective_kv_heads * self.head_dim
        block = 2 * d + d * d + 2 * d * kv + d * d + 3 * d * self.mlp_hidden
        return self.layers * block + 2 * self.vocab_size * d + d

    def to_json(self) -> str:
        """The C# serializer's form: snake_case keys, the same order as ModelConfig.cs declares them."""
        keys = ["name", "layers", "d_model", "heads", "kv_heads", "mlp_hidden", "vocab_size", "mask_id",
                "rope_base", "trained_length", "norm_eps", "init_std"]
        return json.dumps({k: getattr(self, k) for k in keys}, separators=(",", ":"))

    @staticmethod
    def from_dict(values: dict, source: str = "config") -> "ModelConfig":
        known = {f.name for f in dataclasses.fields(ModelConfig)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"{source}: unknown model config keys {unknown} (known: {sorted(known)})")
        missing = [k for k in ("layers", "d_model", "heads", "mlp_hidden") if k not in values]
        if missing:
            raise ConfigError(f"{source}: model config lacks {missing}")
        try:
            return ModelConfig(**values).validate()
        except TypeError as e:
            raise ConfigError(f"{source}: not a model config: {e}") from e


TINY = ModelConfig(name="tiny", layers=2, d_model=64, heads=4, mlp_hidden=176, rope_base=10000, trained_length=256)
SMALL = ModelConfig(name="small", layers=6, d_model=256, heads=8, mlp_hidden=688, rope_base=10000, trained_length=1024)
LLADA_8B = ModelConfig(name="llada-8b", layers=32, d_model=4096, heads=32, kv_heads=32, mlp_hidden=12288,
                       vocab_size=126464, mask_id=126336, rope_base=500000, trained_length=4096)
PRESETS = {"tiny": TINY, "small": SMALL, "llada-8b": LLADA_8B}


def resolve(name_or_path: str) -> ModelConfig:
    """A preset by name, or a JSON config file by path (the keys of ``ultrallada-train``'s configs)."""
    if name_or_path in PRESETS:
        return PRESETS[name_or_path].validate()
    if os.path.isfile(name_or_path):
        try:
            with open(name_or_path, encoding="utf-8") as f:
                values = json.load(f)
        except (OSError, ValueError) as e:
            raise ConfigError(f"{name_or_path}: not a model config: {e}") from e
        if not isinstance(values, dict):
            raise ConfigError(f"{name_or_path}: a model config is a JSON object")
        return ModelConfig.from_dict(values, name_or_path)
    raise ConfigError(f"unknown model '{name_or_path}': use {', '.join(PRESETS)} or a JSON config file")
