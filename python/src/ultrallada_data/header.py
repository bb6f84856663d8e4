"""The shard header: parsed and checked as strictly as the C# reader (ShardHeaderJson.Parse) does."""
import json
from dataclasses import dataclass
from typing import Optional

from .errors import UldsFormatError
from .format import LAYOUTS, VERSION

_INT32_MAX = 2**31 - 1
_UINT32_MAX = 2**32 - 1


@dataclass(frozen=True)
class ShardHeader:
    seq_len: int
    layout: str
    token_dtype: str
    vocab_size: int
    eod_id: Optional[int]
    pad_id: Optional[int]
    bos_id: Optional[int]
    tokenizer_name: str
    tokenizer_sha256: str
    shard_index: int
    raw: dict

    def same_job_as(self, other: "ShardHeader") -> bool:
        """True when two shards can be one split: every field but the shard's own position agrees."""
        keys = ("seq_len", "layout", "token_dtype", "vocab_size", "eod_id", "pad_id", "bos_id", "tokenizer_name", "tokenizer_sha256")
        return all(getattr(self, k) == getattr(other, k) for k in keys)


def parse_header(data: bytes, path) -> ShardHeader:
    def bad(problem):
        return UldsFormatError(path, None, problem)

    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise bad("header is not valid UTF-8") from None
    try:
        root = json.loads(text)
    except json.JSONDecodeError as e:
        raise bad(f"header is not valid JSON: {e}") from None
    if not isinstance(root, dict):
        raise bad("header JSON is not an object")

    def required_str(obj, name):
        value = obj.get(name)
        if not isinstance(value, str):
            raise bad(f"header key '{name}' is missing or not a string")
        return value

    def required_int(obj, name):
        value = obj.get(name)
        # bool is an int in Python but not a JSON number.
        if isinstance(value, bool) or not isinstance(value, int) or not -_INT32_MAX - 1 <= value <= _INT32_MAX:
            raise bad(f"header key '{name}' is missing or not a 32-bit integer")
        return value

    def optional_id(name):
        value = root.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _UINT32_MAX:
            raise bad(f"header key '{name}' is not a token id or null")
        return value

    if required_str(root, "format") != "ulds":
        raise bad("header 'format' is not \"ulds\"")
    if required_int(root, "version") != VERSION:
        raise bad(f"header 'version' is {root['version']}, this reader knows version {VERSION}")
    seq_len = required_int(root, "seq_len")
    if seq_len <= 0:
        raise bad(f"header 'seq_len' is {seq_len}, not a positive number")
    layout = required_str(root, "layout")
    if layout not in LAYOUTS:
        raise bad(f"header 'layout' is \"{layout}\", not adaptive, eod or direct")
    dtype = required_str(root, "token_dtype")
    if dtype != "uint32":
        raise bad(f"header 'token_dtype' is \"{dtype}\"; v1 stores uint32 tokens")
    vocab = required_int(root, "vocab_size")
    if vocab <= 0:
        raise bad(f"header 'vocab_size' is {vocab}, not a positive number")
    tokenizer = root.get("tokenizer")
    if not isinstance(tokenizer, dict):
        raise bad("header has no 'tokenizer' object")
    return ShardHeader(
        seq_len=seq_len,
        layout=layout,
        token_dtype=dtype,
        vocab_size=vocab,
        eod_id=optional_id("eod_id"),
        pad_id=optional_id("pad_id"),
        bos_id=optional_id("bos_id"),
        tokenizer_name=required_str(tokenizer, "name"),
        tokenizer_sha256=required_str(tokenizer, "sha256"),
        shard_index=required_int(root, "shard_index"),
        raw=root,
    )
