"""The ``mlq`` command line, as a contributor runs it."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASIC, FIXTURES, REPO
from mlq import ContentError, load_content
from mlq.cli import main, next_id
from mlq.content import _scaffold_text
from mlq.sections import REQUIRED


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mlq", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    return root


def test_check_passes_on_good_content(repo: Path) -> None:
    result = run("check", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "ok: 4 questions" in result.stdout


def test_check_fails_with_file_and_line(repo: Path) -> None:
    shutil.copy(FIXTURES / "bad" / "misspelled-topic.md", repo / "content/questions/fundamentals/typo.md")
    result = run("check", cwd=repo / "content")  # finds the root from a sub-folder
    assert result.returncode == 1
    assert (
        "content/questions/fundamentals/typo.md:5: unknown topic 'regularisation' (did you mean 'regularization'?)"
        in result.stderr
    )


def test_stats_prints_counts(repo: Path) -> None:
    result = run("stats", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "questions: 4" in result.stdout
    assert "fundamentals" in result.stdout and "evaluation-metrics" in result.stdout
    lines = result.stdout.splitlines()
    # Per company: tagged questions, first-hand, relayed, newest report year; most reported first.
    company_rows = [line.split() for line in lines[lines.index(next(x for x in lines if x.startswith("by company"))) :]]
    assert ["meta", "2", "1", "1", "2024"] in company_rows
    assert ["google", "1", "0", "1", "2019", "(older", "than", "4", "years)"] in company_rows
    assert company_rows.index(["meta", "2", "1", "1", "2024"]) < company_rows.index(
        ["google", "1", "0", "1", "2019", "(older", "than", "4", "years)"]
    )
    assert ["all", "tags", "3", "1", "2"] in company_rows


def _fill_in(page: Path) -> None:
    """Replace the scaffold's placeholder text, as a writer does (only lines that are the template's own)."""
    text = page.read_text(encoding="utf-8")
    for line in sorted(set().union(*_scaffold_text().values())):
        text = text.replace(line, "Written by the author.")
    page.write_text(text, encoding="utf-8")


def test_new_scaffolds_a_question_that_check_asks_to_fill_in(repo: Path) -> None:
    assert next_id(repo) == "mlq-0005"
    new = ["--root", str(repo), "new", "fundamentals", "early-stopping", "--topic", "regularization", "--title"]
    assert main([*new, "Why does early stopping regularize?"]) == 0
    created = repo / "content/questions/fundamentals/early-stopping.md"
    text = created.read_text(encoding="utf-8")
    assert "id: mlq-0005" in text
    # It shows how to link another question (by id, same category first); the link resolves (loads below).
    assert "[What is the bias–variance trade-off?](mlq-0002)" in text
    with pytest.raises(ContentError) as caught:
        load_content(repo)
    # The untouched template: one problem per section, each on a line of that section, and nothing else.
    assert [p.message for p in caught.value.problems] == [
        f"replace the template text in section '## {title}'" for title in REQUIRED
    ]
    assert {p.path for p in caught.value.problems} == {"content/questions/fundamentals/early-stopping.md"}
    _fill_in(created)
    question = load_content(repo).by_id()["mlq-0005"]  # loads: `new` also recorded its URL
    assert question.title == "Why does early stopping regularize?"
    assert main([*new, "Again?"]) == 2  # the file exists


def test_new_refuses_unknown_topic_with_a_suggestion(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["--root", str(repo), "new", "fundamentals", "x-y", "--title", "A question title?", "--topic", "overfiting"]
        )
        == 2
    )
    assert "did you mean 'overfitting'" in capsys.readouterr().err


def test_stats_on_the_real_content() -> None:
    result = run("stats", cwd=REPO)
    assert result.returncode == 0, result.stderr
    print(result.stdout)  # visible with -s: the per-category counts and word counts


def test_the_readme_example_of_mlq_new_works_on_the_real_content(tmp_path: Path) -> None:
    """README.md's `mlq new` line, run as written in a copy of the repository's content."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [command] = [line for line in readme.splitlines() if line.startswith(".venv/bin/mlq new ")]
    program, *args = shlex.split(command, comments=True)
    assert program == ".venv/bin/mlq" and args[0] == "new"
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / result.stdout.strip()).is_file()
