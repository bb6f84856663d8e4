"""The safetensors format without the ``safetensors`` package: an 8-byte little-endian header size,
a JSON header ({name: {dtype, shape, data_offsets}, "__metadata__": {...}}), then the raw
little-endian arrays. Reads one file or a Hugging Face folder (``model.safetensors.index.json``
plus shards, or bare ``*.safetensors``); writes one file or an index + shards.

Every write goes to ``NAME.partial`` and is renamed into place, so a half-written file is never
taken for a whole one; every read checks the header against the file and names what is wrong.
"""
import json
import os
import struct

import torch

DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
          "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
          "BOOL": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}
INDEX_FILE = "model.safetensors.index.json"
_MAX_HEADER = 100 * 1024 * 1024


class SafetensorsError(ValueError):
    """A file that is not a well-formed safetensors file; the message names the file and tensor."""


def _element_size(dtype):
    return torch.empty((), dtype=dtype).element_size()


class SafetensorsFile:
    """One .safetensors file: ``entries`` {name: (dtype, shape, begin, end)}, ``metadata``, ``load(name)``."""

    def __init__(self, path):
        self.path = path
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(8)
            if len(head) < 8:
                raise SafetensorsError(f"{path}: {len(head)} bytes, too short for a safetensors header")
            (length,) = struct.unpack("<Q", head)
            if length > min(size - 8, _MAX_HEADER):
                raise SafetensorsError(f"{path}: header of {length} bytes does not fit a file of {size} bytes (truncated or not safetensors)")
            try:
                header = json.loads(f.read(length).decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                raise SafetensorsError(f"{path}: the header is not JSON: {e}") from e
        if not isinstance(header, dict):
            raise SafetensorsError(f"{path}: the header is not a JSON object")
        self.data_start = 8 + length
        self.metadata = header.pop("__metadata__", None) or {}
        self.entries = {}
        data_size = size - self.data_start
        for name, entry in header.items():
            try:
                dtype, shape, (begin, end) = DTYPES[entry["dtype"]], [int(s) for s in entry["shape"]], entry["data_offsets"]
            except (KeyError, TypeError, ValueError) as e:
                raise SafetensorsError(f"{path}: tensor '{name}': bad header entry {entry!r} ({e})") from e
            numel = 1
            for s in shape:
                numel *= s
            if not 0 <= begin <= end <= data_size:
                raise SafetensorsError(f"{path}: tensor '{name}': bytes [{begin}, {end}) lie outside the {data_size} data bytes (truncated?)")
            if end - begin != numel * _element_size(dtype):
                raise SafetensorsError(f"{path}: tensor '{name}': {end - begin} bytes for {entry['dtype']} {shape} ({numel * _element_size(dtype)} expected)")
            self.entries[name] = (dtype, shape, int(begin), int(end))

    def load(self, name):
        if name not in self.entries:
            raise SafetensorsError(f"{self.path}: no tensor '{name}'")
        dtype, shape, begin, end = self.entries[name]
        with open(self.path, "rb") as f:
            f.seek(self.data_start + begin)
            raw = bytearray(f.read(end - begin))
        if len(raw) != end - begin:
            raise SafetensorsError(f"{self.path}: tensor '{name}' is truncated")
        if not raw:
            return torch.empty(shape, dtype=dtype)
        flat = torch.frombuffer(raw, dtype=torch.int16).view(dtype) if dtype == torch.bfloat16 else torch.frombuffer(raw, dtype=dtype)
        return flat.reshape(shape).clone()


def files_of(path):
    """The .safetensors files a file or a Hugging Face folder holds (the index's shards first)."""
    if os.path.isfile(path):
        return [path]
    if not os.path.isdir(path):
        raise FileNotFoundError(f"checkpoint not found: {path}")
    index = os.path.join(path, INDEX_FILE)
    if os.path.isfile(index):
        try:
            with open(index, encoding="utf-8") as f:
                weight_map = json.load(f)["weight_map"]
        except (OSError, ValueError, KeyError) as e:
            raise SafetensorsError(f"{index}: not a safetensors index ({e})") from e
        files = list(dict.fromkeys(weight_map.values()))
        missing = [n for n in files if not os.path.isfile(os.path.join(path, n))]
        if missing:
            raise SafetensorsError(f"{index}: names shards that are not in the folder: {missing}")
        return [os.path.join(path, n) for n in files]
    found = sorted(n for n in os.listdir(path) if n.endswith(".safetensors"))
    if not found:
        raise SafetensorsError(f"{path}: no .safetensors file and no {INDEX_FILE}")
    return [os.path.join(path, n) for n in found]


def read(path):
    """{name: tensor} and the merged metadata of a file or a folder (index + shards)."""
    tensors, metadata = {}, {}
    for file in files_of(path):
        st = SafetensorsFile(file)
        metadata.update(st.metadata)
        for name in st.entries:
            if name in tensors:
                raise SafetensorsError(f"{file}: tensor '{name}' is also in another shard")
            tensors[name] = st.load(name)
    return tensors, metadata


def _raw(tensor):
    t = tensor.detach().cpu().contiguous()
    if t.dtype not in NAMES:
        raise SafetensorsError(f"cannot store dtype {t.dtype} in safetensors")
    return (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()


def write_file(path, tensors, metadata=None):
    """Writes {name: tensor} (in sorted name order, as the reference writer does) to one file."""
    header, blobs, at = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name in sorted(tensors):
        blob = _raw(tensors[name])
        header[name] = {"dtype": NAMES[tensors[name].dtype], "shape": list(tensors[name].shape), "data_offsets": [at, at + len(blob)]}
        blobs.append(blob)
        at += len(blob)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # the data starts 8-byte aligned
    partial = path + ".partial"
    with open(partial, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def write_folder(folder, tensors, metadata=None, max_shard_bytes=5 * 1024 ** 3):
    """A Hugging Face folder: shards of at most ``max_shard_bytes`` (a tensor is never split) and
    ``model.safetensors.index.json``; one shard is still indexed, as transformers writes it."""
    os.makedirs(folder, exist_ok=True)
    shards, current, size = [], {}, 0
    for name in sorted(tensors):
        nbytes = tensors[name].numel() * tensors[name].element_size()
        if current and size + nbytes > max_shard_bytes:
            shards.append(current)
            current, size = {}, 0
        current[name] = tensors[name]
        size += nbytes
    shards.append(current)
    weight_map, total = {}, 0
    for i, shard in enumerate(shards):
        file = f"model-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        write_file(os.path.join(folder, file), shard, metadata)
        for name, t in shard.items():
            weight_map[name] = file
            total += t.numel() * t.element_size()
    index = os.path.join(folder, INDEX_FILE)
    with open(index + ".partial", "w", encoding="utf-8") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2, sort_keys=True)
    os.replace(index + ".partial", index)
