"""The docs-that-run harness (issue 19): finds the command blocks in README.md and docs/*.md that are
marked to run (a fenced block whose info string is ``bash doc-run``) and runs them, like Rust's
doc-tests or mdBook's ``test``. The blocks of one page run in order in one scratch folder that holds
the repository's sample data, so a later block may read what an earlier one wrote."""
import os
import re
import shlex
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Info string of a block that the suite runs: ```bash doc-run
MARKER = re.compile(r"^```bash[ \t]+doc-run[ \t]*$")

# What a block may read, linked into the scratch folder (relative paths in the docs stay true there).
SHARED = ("samples", "pipelines", ".tokenizers", "python")


def pages():
    """README.md and every docs/*.md, in name order."""
    docs = os.path.join(REPO, "docs")
    return ["README.md"] + sorted(os.path.join("docs", f) for f in os.listdir(docs) if f.endswith(".md"))


def blocks(text):
    """(line number of the opening fence, block text) for each marked block in a page's text."""
    found, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if MARKER.match(lines[i]):
            start, body = i + 1, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ValueError(f"line {start}: the doc-run block is not closed")
            found.append((start, "\n".join(body)))
        i += 1
    return found


def scratch(folder):
    """Makes ``folder`` a place for the blocks to run in: the shared inputs linked, nothing else."""
    os.makedirs(folder, exist_ok=True)
    for name in SHARED:
        source, link = os.path.join(REPO, name), os.path.join(folder, name)
        if os.path.exists(source) and not os.path.lexists(link):
            os.symlink(source, link)
    return folder


def preamble(data_cli, train_cli):
    """Bash that makes the docs' command names run the built CLIs, and python3 the test's interpreter."""
    dotnet = "dotnet"
    lines = [
        "set -euo pipefail",
        f"ultrallada-data() {{ {dotnet} {shlex.quote(data_cli)} \"$@\"; }}",
        f"export PATH={shlex.quote(os.path.dirname(sys.executable))}:\"$PATH\"",
    ]
    if train_cli:
        lines.append(f"ultrallada-train() {{ {dotnet} {shlex.quote(train_cli)} \"$@\"; }}")
    return "\n".join(lines) + "\n"


def run(block, folder, data_cli, train_cli=None, timeout=600):
    """Runs one block in ``folder``; returns the CompletedProcess (stdout and stderr as text)."""
    env = dict(os.environ, NO_COLOR="1", DOTNET_NOLOGO="1")
    return subprocess.run(
        ["bash", "-c", preamble(data_cli, train_cli) + block],
        cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)
