"""Helpers of the recipe's tests: a small multi-segment shard, a tiny model config, and runs of the
recipe under torchrun (the package's ``ultrallada_data.recipe.torchrun``: torch.distributed.run with
Debian 12's torch 1.13 / Python 3.11 launcher bug fixed), bounded by a timeout."""
import json
import os
import random
import subprocess
import sys

import ulds_writer as w

SEQ_LEN, VOCAB = 32, 61
TINY = {"name": "test-tiny", "layers": 2, "d_model": 32, "heads": 4, "mlp_hidden": 48, "rope_base": 10000, "trained_length": 32}


def make_shard(path, records=16, seed=5):
    """Documents of random lengths packed concat-style (several segments per record) in adaptive
    layout, the last record padded; ids below VOCAB - 2 (the header's eod and pad are the top two)."""
    rng = random.Random(seed)
    docs, total = [], 0
    while total < records * SEQ_LEN - 5:
        n = min(rng.randint(3, 40), records * SEQ_LEN - 5 - total)
        docs.append([rng.randrange(VOCAB - 2) for _ in range(n)])
        total += n
    hdr = w.header(SEQ_LEN, vocab_size=VOCAB, eod_id=VOCAB - 1, pad_id=VOCAB - 2)
    return w.write(str(path), hdr, w.pack_documents(docs, SEQ_LEN, eod_id=VOCAB - 1, pad_id=VOCAB - 2))


def write_config(path, **changes):
    with open(path, "w") as f:
        json.dump(dict(TINY, **changes), f)
    return str(path)


def torchrun(nproc, args, timeout=240, env=None):
    """Runs the recipe on ``nproc`` local processes; returns the CompletedProcess (check it yourself)."""
    cmd = [sys.executable, "-m", "ultrallada_data.recipe.torchrun", "--standalone", f"--nproc_per_node={nproc}",
           "-m", "ultrallada_data.recipe.train"] + [str(a) for a in args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=dict(os.environ, OMP_NUM_THREADS="1", **(env or {})))


def popen(nproc, args):
    cmd = [sys.executable, "-m", "ultrallada_data.recipe.torchrun", "--standalone", f"--nproc_per_node={nproc}",
           "-m", "ultrallada_data.recipe.train"] + [str(a) for a in args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            env=dict(os.environ, OMP_NUM_THREADS="1"))


def checked(done):
    assert done.returncode == 0, f"exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    return done
