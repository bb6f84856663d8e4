"""Shared fixtures: shards made by the C# CLI (once per session, when dotnet is there) and by the
pure-Python test writer (always)."""
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))  # ulds_writer, megatron_writer

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI_PROJECT = os.path.join(REPO, "src", "UltraLLaDA.Data.Cli")
SAMPLE = os.path.join(REPO, "samples", "pg19-mini")
LAYOUTS = ("adaptive", "eod", "direct")


def cli_launcher():
    """The command prefix that runs the C# CLI, or a skip when dotnet is not here."""
    dotnet = shutil.which("dotnet")
    if dotnet is None or not os.path.isdir(CLI_PROJECT):
        pytest.skip("dotnet (or src/UltraLLaDA.Data.Cli) is not available: the C#-packed shard tests need it")
    # .ci/run points at the CLI its dotnet test has just built; otherwise `dotnet run` builds it.
    built = os.environ.get("ULTRALLADA_DATA_CLI")
    return [dotnet, built] if built and os.path.isfile(built) else [dotnet, "run", "--project", CLI_PROJECT, "--"]


# Packing strategies: the CLI flags that select them (concat is the default, so it needs none).
STRATEGIES = {"concat": [], "best-fit": ["--pack", "best-fit"]}


def _pack(launcher, target, layout, flags):
    cmd = launcher + ["pack", "--input", SAMPLE, "--split", "train", "--layout", layout, "--seq-len", "1024",
                      "--tail", "pad", "--records-per-shard", "16", "--out", str(target), "--no-progress"] + flags
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def cli_shards(tmp_path_factory):
    """{layout: split folder} packed by the C# CLI (concat) from samples/pg19-mini (1K records, padded tail)."""
    launcher = cli_launcher()
    root = tmp_path_factory.mktemp("cli")
    out = {}
    for layout in LAYOUTS:
        done = _pack(launcher, root / layout, layout, [])
        if done.returncode != 0:
            pytest.fail(f"the CLI failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        out[layout] = str(root / layout / "train")
    return out


@pytest.fixture(scope="session")
def cli_strategy_shards(cli_shards, tmp_path_factory):
    """(strategy, layout) -> split folder; skips a strategy this CLI does not have yet."""
    launcher, root, made = cli_launcher(), tmp_path_factory.mktemp("cli-strategies"), {}

    def get(strategy, layout):
        if strategy == "concat":
            return cli_shards[layout]
        if (strategy, layout) not in made:
            target = root / f"{strategy}-{layout}"
            done = _pack(launcher, target, layout, STRATEGIES[strategy])
            if done.returncode != 0 and "unrecognized" in (done.stdout + done.stderr).lower():
                made[strategy, layout] = None
            elif done.returncode != 0:
                pytest.fail(f"the CLI failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
            else:
                made[strategy, layout] = str(target / "train")
        if made[strategy, layout] is None:
            pytest.skip(f"this CLI has no --pack {strategy} yet")
        return made[strategy, layout]

    return get
