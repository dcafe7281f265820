"""The ``mlq`` command line, as a contributor runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASIC, FIXTURES, REPO
from mlq import load_content
from mlq.cli import main, next_id


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


def test_new_scaffolds_a_question_that_passes_check(repo: Path) -> None:
    assert next_id(repo) == "mlq-0005"
    code = main(
        [
            "--root",
            str(repo),
            "new",
            "fundamentals",
            "early-stopping",
            "--title",
            "Why does early stopping regularize?",
            "--topic",
            "regularization",
        ]
    )
    assert code == 0
    created = repo / "content/questions/fundamentals/early-stopping.md"
    assert "id: mlq-0005" in created.read_text(encoding="utf-8")
    question = load_content(repo).by_id()["mlq-0005"]  # loads: `new` also recorded its URL
    assert question.title == "Why does early stopping regularize?"
    assert (
        main(
            [
                "--root",
                str(repo),
                "new",
                "fundamentals",
                "early-stopping",
                "--title",
                "Again?",
                "--topic",
                "regularization",
            ]
        )
        == 2
    )


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
