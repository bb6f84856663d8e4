"""Docs that run (issue 19): every ``bash doc-run`` block in README.md and docs/*.md runs on the sample
data and must exit 0, so a renamed flag fails CI instead of a user. The harness is in docs_run.py."""
import os

import pytest

import docs_run

TRAIN_CLI = os.path.join(docs_run.REPO, "src", "UltraLLaDA.Training.Cli", "bin", "Debug", "net10.0", "ultrallada-train.dll")


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
    if not os.path.isfile(TRAIN_CLI):
        pytest.skip(f"{TRAIN_CLI} is not built (dotnet test builds it)")
    return TRAIN_CLI


def marked_pages():
    return [p for p in docs_run.pages() if docs_run.blocks(open(os.path.join(docs_run.REPO, p), encoding="utf-8").read())]


@pytest.mark.parametrize("page", marked_pages())
def test_every_marked_block_of_the_page_runs(page, tmp_path):
    cli = data_cli()
    folder = docs_run.scratch(str(tmp_path / "work"))
    for line, block in docs_run.blocks(open(os.path.join(docs_run.REPO, page), encoding="utf-8").read()):
        result = docs_run.run(block, folder, cli, train_cli(block))
        assert result.returncode == 0, (
            f"{page}:{line}: the doc-run block exited {result.returncode}\n--- block\n{block}\n"
            f"--- stdout (end)\n{result.stdout[-3000:]}\n--- stderr (end)\n{result.stderr[-3000:]}")


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


def test_the_marker_finds_only_marked_blocks_and_refuses_an_unclosed_one():
    page = "intro\n```bash\nnot run\n```\n```bash doc-run\nultrallada-data inspect x\n```\n"
    assert docs_run.blocks(page) == [(5, "ultrallada-data inspect x")]
    with pytest.raises(ValueError, match="line 1: the doc-run block is not closed"):
        docs_run.blocks("```bash doc-run\nls\n")
