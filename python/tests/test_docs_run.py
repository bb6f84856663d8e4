"""Docs that run (issue 19): every ``bash doc-run`` / ``python doc-run`` block in README.md and docs/*.md runs
on the sample data and must exit 0, and every ``text doc-output`` block must equal what its block printed,
so a renamed flag or a changed output fails CI instead of a user. The harness is in docs_run.py."""
import os

import pytest

import docs_run

TRAIN_CLI = os.path.join(docs_run.REPO, "src", "UltraLLaDA.Training.Cli", "bin", "Debug", "net10.0", "ultrallada-train.dll")
PG19_SAMPLE = os.path.join(docs_run.SHARED_BESIDE, "pg19-sample")


def data_cli():
    """The data CLI dotnet test has built (.ci/run exports it), or a skip naming what is missing."""
    built = os.environ.get("ULTRALLADA_DATA_CLI")
    if not built or not os.path.isfile(built):
        pytest.skip("ULTRALLADA_DATA_CLI does not name a built ultrallada-data.dll (.ci/run sets it after dotnet test)")
    return built


def train_cli(block):
    """The training CLI when the block needs it; a skip when it has not been built."""
    if "ultrallada-train" not in block:
        return None
    built = os.environ.get("ULTRALLADA_TRAIN_CLI") or TRAIN_CLI
    if not os.path.isfile(built):
        pytest.skip(f"{built} is not built (dotnet test builds it)")
    return built


def marked_pages():
    return [p for p in docs_run.pages() if docs_run.parse(docs_run.read_page(p))]


def run_page(page, folder, text=None, first=0):
    """Runs the marked blocks of ``page`` (or of ``text`` standing for it) in order in ``folder``, from block
    ``first`` on (the ones before it have already run there); fails at the first block that exits non-zero or
    whose doc-output block does not match."""
    cli = data_cli()
    text = docs_run.read_page(page) if text is None else text
    wanted = docs_run.needs(text)
    if "shared" in wanted and not os.path.isdir(PG19_SAMPLE):
        pytest.skip(f"{page} reads ../shared/pg19-sample, which is not beside the repository ({PG19_SAMPLE})")
    for tokenizer in sorted(w for w in wanted if w.startswith(".tokenizers/")):
        if not os.path.exists(os.path.join(docs_run.REPO, tokenizer)):
            pytest.skip(f"{page} uses {tokenizer}, which is not there (.ci/fetch-tokenizers.sh fetches it)")
    for block in docs_run.parse(text)[first:]:
        result = docs_run.run(block.text, folder, cli, train_cli(block.text), language=block.language)
        assert result.returncode == 0, (
            f"{page}:{block.line}: the doc-run block exited {result.returncode}\n--- block\n{block.text}\n"
            f"--- output (end)\n{result.stdout[-6000:]}")
        if block.output is not None:
            assert docs_run.matches(block.output, result.stdout, folder), docs_run.mismatch(page, block, result.stdout, folder)


@pytest.mark.parametrize("page", marked_pages())
def test_every_marked_block_of_the_page_runs(page, tmp_path):
    run_page(page, docs_run.scratch(str(tmp_path / "work")))


def test_every_page_marks_a_block_to_run():
    """Every page that shows a command has at least one block the suite runs (a page whose blocks all need a
    GPU or the paper's data says why in each block instead)."""
    for page in docs_run.pages():
        text = docs_run.read_page(page)
        if "```bash" in text and not docs_run.parse(text):
            assert "# not run by the docs test:" in text, f"{page} has bash blocks, none marked doc-run and none saying why"


def test_the_readme_marks_a_block_for_each_job_of_its_tour():
    text = open(os.path.join(docs_run.REPO, "README.md"), encoding="utf-8").read()
    joined = "\n".join(b for _, b in docs_run.blocks(text))
    for job in ("ultrallada-data pack", "ultrallada-data inspect", "ultrallada-data show", "ultrallada-data verify",
                "ultrallada-data mask", "ultrallada-train train", "ultrallada-train eval-ppl",
                "python3 -m ultrallada_data", "--format megatron"):
        assert job in joined, f"README.md has no doc-run block with {job!r}"


def test_a_renamed_flag_in_a_documented_block_fails_the_doc_run(tmp_path):
    """The test of the test: README's own pack block with one flag renamed (as a doc that drifted from
    the CLI would read) must fail, and the failure must name the flag."""
    cli = data_cli()
    text = open(os.path.join(docs_run.REPO, "README.md"), encoding="utf-8").read()
    block = next(b for _, b in docs_run.blocks(text) if "--seq-len" in b and "pack" in b)
    drifted = block.replace("--seq-len", "--sequence-length")
    folder = docs_run.scratch(str(tmp_path / "work"))
    assert docs_run.run(block, folder, cli).returncode == 0
    result = docs_run.run(drifted, folder, cli)
    assert result.returncode != 0
    assert "--sequence-length" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def inspection_packed(tmp_path_factory):
    """A scratch folder where docs/inspection.md's first block (its packs, which the blocks after it read) has
    run, shared by the two tests of the test below so that they do not pack the sample twice more."""
    page = "docs/inspection.md"
    first = docs_run.parse(docs_run.read_page(page))[0]
    assert "ultrallada-data pack" in first.text and first.output is None
    folder = docs_run.scratch(str(tmp_path_factory.mktemp("inspection") / "work"))
    run_page(page, folder, "```bash doc-run\n" + first.text + "\n```\n")
    return folder


def test_a_renamed_flag_in_a_docs_page_block_fails_that_page(inspection_packed):
    """The test of the test for a docs/ page: docs/inspection.md with --record renamed in its blocks fails
    the page's run at the first block that uses it, naming the page, the line and the flag."""
    page = "docs/inspection.md"
    text = docs_run.read_page(page)
    line = next(b.line for b in docs_run.parse(text) if "--record " in b.text)
    drifted = text.replace("--record ", "--record-number ")
    with pytest.raises(AssertionError) as failure:
        run_page(page, inspection_packed, drifted, first=1)
    message = str(failure.value)
    assert f"{page}:{line}: the doc-run block exited" in message
    assert "--record-number" in message


def test_a_changed_output_fails_its_doc_output_block(inspection_packed):
    """The test of the test for outputs: docs/inspection.md's inspect output with one number changed (as a
    doc would read after the CLI's output changed) fails, naming the output block's line; the page as
    written passes up to that block."""
    page = "docs/inspection.md"
    text = docs_run.read_page(page)
    block = next(b for b in docs_run.parse(text) if b.output and "ultrallada-data inspect" in b.text)
    assert "fill             99.89 %" in block.output
    cut = text.index(block.output) + len(block.output)
    head = text[:cut].replace("fill             99.89 %", "fill             99.98 %") + text[cut:]
    stop = head.index("\n```", cut) + len("\n```\n")
    with pytest.raises(AssertionError) as failure:
        run_page(page, inspection_packed, head[:stop], first=1)
    message = str(failure.value)
    assert f"{page}:{block.output_line}: the doc-output block does not match" in message
    assert "-fill             99.98 %" in message and "+fill             99.89 %" in message


def test_a_page_needs_what_its_blocks_name():
    page = ("```bash doc-run\nultrallada-data pack --input ../shared/pg19-sample --tokenizer .tokenizers/llama3/tokenizer.json\n```\n"
            "```python doc-run\nprint(1)\n```\n```bash\nultrallada-train train --tokenizer .tokenizers/qwen3\n```\n")
    assert docs_run.needs(page) == {"shared", ".tokenizers/llama3"}
    assert docs_run.needs("```bash doc-run\nultrallada-train plan --model tiny\n```\n") == {"train-cli"}


def test_the_marker_finds_only_marked_blocks_and_refuses_an_unclosed_one():
    page = "intro\n```bash\nnot run\n```\n```bash doc-run\nultrallada-data inspect x\n```\n"
    assert docs_run.blocks(page) == [(5, "ultrallada-data inspect x")]
    with pytest.raises(ValueError, match="line 1: the doc-run block is not closed"):
        docs_run.blocks("```bash doc-run\nls\n")


def test_a_doc_output_block_belongs_to_the_doc_run_block_before_it():
    page = ("```python doc-run\nprint(1)\n```\nIt prints:\n```text doc-output\n1\n```\n"
            "```bash doc-run\nls\n```\n")
    first, second = docs_run.parse(page)
    assert (first.line, first.language, first.text, first.output_line, first.output) == (1, "python", "print(1)", 5, "1")
    assert (second.line, second.language, second.output) == (8, "bash", None)
    with pytest.raises(ValueError, match="line 1: a doc-output block with no doc-run block before it"):
        docs_run.parse("```text doc-output\n1\n```\n")
    with pytest.raises(ValueError, match="line 7: a second doc-output block for the doc-run block at line 1"):
        docs_run.parse("```bash doc-run\nls\n```\n```text doc-output\na\n```\n```text doc-output\nb\n```\n")


def test_the_output_comparison_normalizes_times_paths_and_threads_and_takes_ellipsis_wildcards():
    folder = "/tmp/scratch/work"
    printed = ("verify: OK: 3 manifest(s), 8 shard(s), 84 records in 0.31 s: 31 MB/s of files, 4 threads\n"
               "wrote /tmp/scratch/work/out/a.png  \n"
               f"read {docs_run.REPO}/samples/pg19-mini\n\n")
    shown = ("verify: OK: 3 manifest(s), 8 shard(s), 84 records in 0.27 s: 29 MB/s of files, 2 threads\n"
             "wrote out/a.png\n"
             "read samples/pg19-mini")
    assert docs_run.matches(shown, printed, folder)
    assert not docs_run.matches(shown.replace("84 records", "85 records"), printed, folder)
    assert docs_run.matches("verify: OK: ... records in 1 s...\n...\nread samples/pg19-mini", printed, folder)
    assert docs_run.matches("...", printed, folder)
    assert not docs_run.matches("verify: OK\n...", printed, folder)
    assert docs_run.shown(printed, folder) == ("verify: OK: 3 manifest(s), 8 shard(s), 84 records in 0.31 s: 31 MB/s "
                                               "of files, 4 threads\nwrote out/a.png\nread samples/pg19-mini")


def test_update_rewrites_only_the_output_blocks_that_no_longer_match(tmp_path, monkeypatch):
    """--update on a page in a scratch repository: the stale output is rewritten with what the block printed,
    the one that still matches (with its wildcard) is kept byte for byte."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    page = ("Intro.\n\n```bash doc-run\necho one; echo two\n```\n\n```text doc-output\none\nold\n```\n\n"
            "```python doc-run\nprint('kept', 3)\n```\n```text doc-output\nkept ...\n```\n")
    (repo / "docs" / "x.md").write_text(page, encoding="utf-8")
    monkeypatch.setattr(docs_run, "REPO", str(repo))
    assert docs_run.update("docs/x.md", "unused.dll", None) == 1
    assert (repo / "docs" / "x.md").read_text(encoding="utf-8") == page.replace("one\nold\n", "one\ntwo\n")
    assert docs_run.update("docs/x.md", "unused.dll", None) == 0
