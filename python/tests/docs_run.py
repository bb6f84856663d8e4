"""The docs-that-run harness (issue 19): finds the blocks in README.md and docs/*.md that are marked to
run and runs them, like Rust's doc-tests, Python's doctest or mdBook's ``test``.

Markers (the fenced block's info string):

* ```` ```bash doc-run ```` runs in bash (``set -euo pipefail``), with ``ultrallada-data`` and
  ``ultrallada-train`` the built CLIs and ``python3`` the test's interpreter (the one with the package).
* ```` ```python doc-run ```` runs in that interpreter.
* ```` ```text doc-output ```` is what the doc-run block before it printed (stdout and stderr, in the
  order they were written). Prose may stand between the two; each doc-run block has at most one.

The blocks of one page run in order in one scratch folder that holds the repository's sample data
(``samples/``, ``pipelines/``, ``.tokenizers/``, ``python/``; ``../shared`` beside it), so a later
block may read what an earlier one wrote.

A doc-output block is compared after normalization (``normalize``): the scratch folder's and the
repository's absolute paths are cut to relative ones; durations (``0.27 s``, ``12 ms``), rates
(``29 MB/s``, ``308 records/s``) and thread counts (``2 threads``) compare as any number; trailing
spaces and trailing blank lines are ignored. Beyond that, as doctest's ELLIPSIS, ``...`` in a line
matches any text within the line and a line that is only ``...`` matches any number of lines.

``python3 python/tests/docs_run.py --update PAGE`` runs the page's blocks and rewrites each
doc-output block that no longer matches with what its block printed now (wildcards in a rewritten
block are lost: put them back by hand); blocks that still match are left as they are. Run it with the
interpreter that has the package and torch (``.venv/bin/python``: python blocks run in it), after a
Debug build (or with ULTRALLADA_DATA_CLI / ULTRALLADA_TRAIN_CLI naming the CLIs)."""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Optional

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Info strings: ```bash doc-run, ```python doc-run, ```text doc-output
MARKER = re.compile(r"^```(bash|python)[ \t]+doc-run[ \t]*$")
OUTPUT_MARKER = re.compile(r"^```text[ \t]+doc-output[ \t]*$")

# What a block may read, linked into the scratch folder (relative paths in the docs stay true there).
SHARED = ("samples", "pipelines", ".tokenizers", "python")

# ../shared (the PG-19 sample) as the docs name it from the repository root.
SHARED_BESIDE = os.path.normpath(os.path.join(REPO, "..", "shared"))

# Numbers that differ from run to run or machine to machine: each match compares as "#" plus its unit.
VOLATILE = re.compile(
    r"\b\d[\d,]*(?:\.\d+)?(?P<unit> ?(?:s|ms|µs|min)\b(?!/)"
    r"| ?(?:[KMG]i?B|records|tokens|tok|documents|docs|files|lines)/s\b"
    r"| threads?\b)")


@dataclass
class DocBlock:
    """One marked block of a page: where its fence opens (1-based line), its language, its text, and the
    doc-output block that follows it (line of that fence and its text) when there is one."""
    line: int
    language: str
    text: str
    output_line: Optional[int] = None
    output: Optional[str] = None
    output_end: Optional[int] = None  # 1-based line of the output block's closing fence


def pages():
    """README.md and every docs/*.md, in name order."""
    docs = os.path.join(REPO, "docs")
    return ["README.md"] + sorted(os.path.join("docs", f) for f in os.listdir(docs) if f.endswith(".md"))


def parse(text):
    """The page's marked blocks, in page order, each with its doc-output block. Raises ValueError naming the
    line for an unclosed block, a doc-output block with no doc-run block before it, or a second one."""
    found, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        run_marker, output_marker = MARKER.match(lines[i]), OUTPUT_MARKER.match(lines[i])
        if run_marker or output_marker:
            start, body = i + 1, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                kind = "doc-run" if run_marker else "doc-output"
                raise ValueError(f"line {start}: the {kind} block is not closed")
            if run_marker:
                found.append(DocBlock(start, run_marker.group(1), "\n".join(body)))
            elif not found:
                raise ValueError(f"line {start}: a doc-output block with no doc-run block before it")
            elif found[-1].output is not None:
                raise ValueError(f"line {start}: a second doc-output block for the doc-run block at line {found[-1].line}")
            else:
                found[-1].output, found[-1].output_line, found[-1].output_end = "\n".join(body), start, i + 1
        i += 1
    return found


def blocks(text):
    """(line number of the opening fence, block text) for each marked doc-run block in a page's text."""
    return [(b.line, b.text) for b in parse(text)]


def read_page(page):
    with open(os.path.join(REPO, page), encoding="utf-8") as f:
        return f.read()


def needs(page_text):
    """What a page's blocks need beyond the data CLI: 'train-cli', 'shared' (../shared/pg19-sample) and each
    tokenizer folder they name ('.tokenizers/llama3', fetched by .ci/fetch-tokenizers.sh, not in git)."""
    joined = "\n".join(b.text for b in parse(page_text))
    wanted = set(re.findall(r"\.tokenizers/[\w.-]+", joined))
    if "ultrallada-train" in joined:
        wanted.add("train-cli")
    if "../shared" in joined:
        wanted.add("shared")
    return wanted


def scratch(folder):
    """Makes ``folder`` a place for the blocks to run in: the shared inputs linked, nothing else; and, when
    the repository has ../shared beside it, a ../shared beside the folder too."""
    os.makedirs(folder, exist_ok=True)
    for name in SHARED:
        source, link = os.path.join(REPO, name), os.path.join(folder, name)
        if os.path.exists(source) and not os.path.lexists(link):
            os.symlink(source, link)
    beside = os.path.join(os.path.dirname(os.path.abspath(folder)), "shared")
    if os.path.isdir(SHARED_BESIDE) and not os.path.lexists(beside):
        os.symlink(SHARED_BESIDE, beside)
    return folder


def preamble(data_cli, train_cli):
    """Bash that makes the docs' command names run the built CLIs, and python3 the test's interpreter."""
    dotnet = "dotnet"
    lines = [
        "set -euo pipefail",
        f"ultrallada-data() {{ {dotnet} {shlex.quote(data_cli)} \"$@\"; }}",
        f"export PATH={shlex.quote(os.path.dirname(sys.executable))}:\"$PATH\"",
        f"python3() {{ {shlex.quote(sys.executable)} \"$@\"; }}",
        f"python() {{ {shlex.quote(sys.executable)} \"$@\"; }}",
    ]
    if train_cli:
        lines.append(f"ultrallada-train() {{ {dotnet} {shlex.quote(train_cli)} \"$@\"; }}")
    return "\n".join(lines) + "\n"


def run(block, folder, data_cli, train_cli=None, timeout=600, language="bash"):
    """Runs one block in ``folder``; returns the CompletedProcess. ``stdout`` holds what the block wrote to
    stdout and stderr, in order (``stderr`` is empty), as a doc-output block shows it."""
    env = dict(os.environ, NO_COLOR="1", DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    if language == "python":
        command = [sys.executable, "-c", block]
    else:
        command = ["bash", "-c", preamble(data_cli, train_cli) + block]
    result = subprocess.run(command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=timeout)
    result.stderr = ""
    return result


def normalize(text, folder=None):
    """What a doc-output comparison sees: absolute paths made relative, volatile numbers as '#', no trailing
    spaces or blank lines. Applied to both the page's text and the block's output."""
    for root in sorted({p for p in (folder, folder and os.path.realpath(folder), REPO, SHARED_BESIDE) if p},
                       key=len, reverse=True):
        prefix = "../shared" if root == SHARED_BESIDE else "."
        text = text.replace(root + "/", "" if prefix == "." else prefix + "/").replace(root, prefix)
    text = VOLATILE.sub(lambda m: "#" + m.group("unit"), text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def pattern(expected):
    """The regular expression a normalized doc-output text stands for: '...' matches any text in a line,
    a line that is only '...' any number of lines."""
    parts = []
    for line in expected.split("\n"):
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\n]*?".join(re.escape(piece) for piece in line.split("...")) + "\n")
    return re.compile("".join(parts))


def matches(expected, actual, folder=None):
    """Whether ``actual`` (what a block printed) is what the doc-output text ``expected`` shows."""
    return pattern(normalize(expected, folder)).fullmatch(normalize(actual, folder) + "\n") is not None


def mismatch(page, block, actual, folder=None):
    """A message for a doc-output block that does not match: the page and lines, expected and actual."""
    import difflib
    diff = difflib.unified_diff(normalize(block.output, folder).split("\n"), normalize(actual, folder).split("\n"),
                                "doc-output (normalized)", "printed (normalized)", lineterm="")
    return (f"{page}:{block.output_line}: the doc-output block does not match what the doc-run block at line "
            f"{block.line} printed ('...' is a wildcard; python3 python/tests/docs_run.py --update {page} "
            f"rewrites it)\n" + "\n".join(diff))


def shown(actual, folder):
    """What --update writes into a doc-output block: the output with absolute paths made relative."""
    for root in sorted({folder, os.path.realpath(folder), REPO}, key=len, reverse=True):
        actual = actual.replace(root + "/", "").replace(root, ".")
    actual = actual.replace(SHARED_BESIDE + "/", "../shared/")
    lines = [line.rstrip() for line in actual.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def update(page, data_cli, train_cli):
    """Runs ``page``'s blocks in a fresh scratch folder and rewrites its doc-output blocks that no longer
    match. Returns the number rewritten; raises RuntimeError when a block fails (the page is left as it is)."""
    text = read_page(page)
    lines = text.split("\n")
    replacements = []
    with tempfile.TemporaryDirectory(prefix="docs-run-") as tmp:
        folder = scratch(os.path.join(tmp, "work"))
        for block in parse(text):
            result = run(block.text, folder, data_cli, train_cli, language=block.language)
            if result.returncode != 0:
                raise RuntimeError(f"{page}:{block.line}: the doc-run block exited {result.returncode}\n{result.stdout[-3000:]}")
            if block.output is not None and not matches(block.output, result.stdout, folder):
                replacements.append((block, shown(result.stdout, folder)))
    for block, new in reversed(replacements):
        # Lines output_line+1 .. output_end-1 (1-based) are the block's body.
        lines[block.output_line:block.output_end - 1] = new.split("\n") if new else []
        print(f"{page}:{block.output_line}: doc-output rewritten")
    if replacements:
        with open(os.path.join(REPO, page), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return len(replacements)


def default_cli(variable, project, name):
    return os.environ.get(variable) or os.path.join(REPO, "src", project, "bin", "Debug", "net10.0", name)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Runs a page's doc-run blocks and refreshes its doc-output blocks.")
    parser.add_argument("--update", metavar="PAGE", required=True, help="README.md or docs/NAME.md")
    parser.add_argument("--data-cli", default=default_cli("ULTRALLADA_DATA_CLI", "UltraLLaDA.Data.Cli", "ultrallada-data.dll"))
    parser.add_argument("--train-cli", default=default_cli("ULTRALLADA_TRAIN_CLI", "UltraLLaDA.Training.Cli", "ultrallada-train.dll"))
    args = parser.parse_args(argv)
    page = os.path.relpath(os.path.abspath(args.update), REPO)
    try:
        count = update(page, args.data_cli, args.train_cli)
    except RuntimeError as failure:
        print(failure, file=sys.stderr)
        return 1
    print(f"{page}: {count} doc-output block(s) rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
