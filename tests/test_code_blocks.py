"""Every Python block in every answer runs as written (blocks of one page share a namespace)."""

from __future__ import annotations

import functools
import os
import signal
import sys
import textwrap
import traceback
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # before pyplot is imported anywhere: answers must never open a window
# Imported once here so that every forked page run starts with them loaded.
import numpy  # noqa: F401
import pandas  # noqa: F401
import scipy.stats  # noqa: F401
import sklearn.linear_model
import sklearn.model_selection  # noqa: F401

from conftest import REPO
from mlq.codeblocks import code_blocks, runnable_python
from mlq.content import load_question
from mlq.taxonomy import Taxonomy, load_taxonomy

QUESTIONS = sorted((REPO / "content" / "questions").rglob("*.md"))
TIMEOUT = 120


def test_code_block_extraction() -> None:
    body = textwrap.dedent(
        """
        ```python
        x = 1
        ```

        <!-- illustration -->
        ```python
        import torch
        ```

        ??? question "Nested?"
            ```py title="demo"
            y = x + 1
            ```

        ```text
        not code
        ```
        """
    )
    blocks = code_blocks(body)
    assert [b.language for b in blocks] == ["python", "python", "py", "text"]
    assert [b.illustration for b in blocks] == [False, True, False, False]
    assert [b.code for b in runnable_python(body)] == ["x = 1", "y = x + 1"]


@functools.cache
def _taxonomy() -> Taxonomy:
    return load_taxonomy(REPO)


def _blocks(path: Path) -> list[tuple[str, str]]:
    """(code, "file:line") for each runnable block of a question page."""
    question, problems = load_question(REPO, path, _taxonomy())
    assert question is not None, "\n".join(map(str, problems))
    return [(b.code, f"{question.path}:{question.body_line + b.line}") for b in runnable_python(question.body)]


def _run_forked(blocks: list[tuple[str, str]], workdir: Path) -> tuple[int, str]:
    """Run the blocks in a forked child of this process, which has already imported the heavy libraries.

    Forking keeps each page isolated (its own namespace, working directory and global state) without paying
    the 2-3 s import of pandas, scikit-learn and matplotlib per page.
    """
    log = workdir / "output.txt"
    pid = os.fork()
    if pid == 0:  # child
        status = 1
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            # pytest swaps sys.stdout/err for capture objects: point them back at the real descriptors.
            sys.stdout = sys.stderr = os.fdopen(1, "w", buffering=1)
            os.chdir(workdir)  # answers must not write into the repository
            signal.alarm(TIMEOUT)
            namespace: dict[str, object] = {"__name__": "__main__"}
            for code, where in blocks:
                # compiled with file:line so a traceback points into the Markdown source
                exec(compile(code, where, "exec"), namespace)
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait_status), log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize(
    "path", QUESTIONS, ids=[p.relative_to(REPO / "content" / "questions").as_posix() for p in QUESTIONS]
)
def test_answer_code_runs(path: Path, tmp_path: Path) -> None:
    blocks = _blocks(path)
    if not blocks:
        return
    code, output = _run_forked(blocks, tmp_path)
    assert code == 0, f"code in {path.relative_to(REPO)} failed (exit {code}):\n{output[-3000:]}"


def test_a_failing_block_is_reported_with_its_source_line(tmp_path: Path) -> None:
    code, output = _run_forked([("x = 1", "q.md:10"), ("raise ValueError(x)", "q.md:14")], tmp_path)
    assert code == 1
    assert 'File "q.md:14"' in output and "ValueError: 1" in output
