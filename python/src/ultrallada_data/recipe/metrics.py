"""metrics.jsonl and loss-curve.png, as the C# trainer writes them (Metrics/): one JSON line per
update with the StepMetrics keys, flushed as written; opening it for a run resumed at step N keeps
the lines of steps 1..N and drops later ones, so the file is always one consistent history."""
import json
import math
import os

KEYS = ("step", "loss", "lr", "grad_norm", "tokens", "masked_tokens", "tokens_per_second", "step_seconds", "elapsed_seconds", "epoch")


def read(path, torn_tail_ok=False):
    """The lines of a metrics.jsonl. ``torn_tail_ok``: a last line cut short (a run killed while
    writing it) is dropped instead of being an error; any other bad line names the file and line."""
    with open(path, encoding="utf-8") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
    out = []
    for k, (n, line) in enumerate(lines):
        try:
            out.append(json.loads(line))
        except ValueError as e:
            if torn_tail_ok and k == len(lines) - 1 and not line.endswith("\n"):
                break
            raise ValueError(f"{path}: line {n} is not a metrics record: {e}") from e
    return out


class MetricsLog:
    def __init__(self, path, keep_through_step):
        kept = [m for m in read(path, torn_tail_ok=True) if m["step"] <= keep_through_step] if os.path.exists(path) else []
        self.path = path
        self._file = open(path, "w", encoding="utf-8")
        for m in kept:
            self._write(m)

    def _write(self, values):
        self._file.write(json.dumps(values, allow_nan=True) + "\n")
        self._file.flush()

    def write(self, **values):
        self._write({k: values[k] for k in KEYS})

    def close(self):
        self._file.close()


def plot(history, path, title):
    """loss against update (matplotlib, Debian's python3-matplotlib); returns False if it is not installed."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    steps = [m["step"] for m in history if not math.isnan(m["loss"])]
    losses = [m["loss"] for m in history if not math.isnan(m["loss"])]
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    ax.plot(steps, losses, linewidth=1.2)
    ax.set_title(title)
    ax.set_xlabel("update")
    ax.set_ylabel("masked-diffusion loss (Eq. 1)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path + ".partial.png")
    plt.close(fig)
    os.replace(path + ".partial.png", path)
    return True
