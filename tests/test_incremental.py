"""`mkdocs serve` rebuilds incrementally (hooks/mlq/incremental.py): after any sequence of edits, the served site is
byte-identical to a clean full build of the same content, and a broken edit leaves the last good site served."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BASIC, FIXTURES, SUBPATH, make_tree

URL = f"http://127.0.0.1:8000/{SUBPATH}/"  # what `mkdocs serve` sets as site_url
QUESTIONS = Path("content/questions")


def test_a_cache_reuses_only_what_a_committed_build_made() -> None:
    from mlq.incremental import Cache

    made: list[str] = []

    def make(value: str) -> Callable[[], str]:
        return lambda: made.append(value) or value

    cache: Cache[str] = Cache()
    assert cache.remember(["page", "a"], make("first")) == "first"
    cache.begin()  # the build that made it failed: nothing is kept
    assert cache.remember(["page", "a"], make("second")) == "second"
    cache.commit()
    cache.begin()
    assert cache.remember(["page", "a"], make("third")) == "second"  # reused, not made again
    assert cache.remember(["page", "b"], make("other")) == "other"
    cache.commit()
    assert made == ["first", "second", "other"] and len(cache) == 2
    cache.begin()
    cache.remember(["page", "b"], make("unused"))
    cache.commit()  # keeps only what this build used or made
    assert len(cache) == 1


def _config(project: Path, site_dir: Path) -> Any:
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = URL
    return config


class _Serve:
    """What `mkdocs serve` does on start and after each save (mkdocs/commands/serve.py), in this process."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.project, self.site_dir = project, site_dir
        self.config = _config(project, site_dir)
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.first = True

    def rebuild(self) -> Any:
        from mkdocs.commands.build import build

        config = self.config if self.first else _config(self.project, self.site_dir)
        self.first = False
        build(config, serve_url=URL)
        return next(iter(config.hooks.values()))  # the hook module, to see what it reused

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def _clean_build(project: Path, site_dir: Path) -> None:
    """A full build of ``project`` as `mkdocs serve --clean` makes it: the same site_url, no state kept."""
    from mkdocs.commands.build import build

    config = _config(project, site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, serve_url=URL)
    finally:
        config.plugins.on_shutdown()


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_notebook(project: Path, name: str) -> None:
    (project / "content/notebooks").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "notebooks" / f"{name}.py", project / "content/notebooks" / f"{name}.py")
    _edit(
        project / QUESTIONS / "fundamentals/bias-variance.md",
        "difficulty: medium",
        f"notebooks: [{name}]\ndifficulty: medium",
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the sitemap's date, the same in both builds
    tree = make_tree(tmp_path / "project", BASIC)
    _add_notebook(tree, "loss-curve")
    monkeypatch.chdir(tree)  # mkdocs-jupyter's cache is relative to the working directory
    return tree


def test_serve_rebuilds_after_an_edit_sequence_equal_a_clean_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs import utils

    # Rebuilds rewrite the staging folder in place (it is never emptied, so stale files must be removed by the hook;
    # the comparison with a clean build below fails if they are not).
    emptied: list[str] = []
    clean = utils.clean_directory
    monkeypatch.setattr(utils, "clean_directory", lambda folder: (emptied.append(folder), clean(folder)))
    questions = project / QUESTIONS
    edits: list[Callable[[], None]] = [
        # A question's body.
        lambda: _edit(
            questions / "fundamentals/regularization.md", "## The full answer\n", "## The full answer\n\nEdited.\n"
        ),
        # A title: shown on listings and on the related lists of other questions.
        lambda: _edit(
            questions / "fundamentals/bias-variance.md", "bias–variance trade-off?", "bias–variance dilemma?"
        ),
        # A topic added to a question: a topic page gains a question, counts change.
        lambda: _edit(questions / "evaluation-metrics/auc-roc.md", "topics: [", "topics: [overfitting, "),
        # A new question, and one deleted (with the link to it and its URL record).
        lambda: _add_question(project),
        lambda: _delete_question(project),
        # A notebook's code (executed again) and text.
        lambda: _edit(project / "content/notebooks/loss-curve.py", "final loss", "loss at the end"),
        # A hand-written page's front matter only: its Markdown body is unchanged, its finished page is not.
        lambda: _edit(project / "docs/index.md", "# Fixture home", "---\nhide: [toc]\n---\n\n# Fixture home"),
    ]
    serve = _Serve(project, tmp_path / "served")
    try:
        serve.rebuild()
        for edit_index, edit in enumerate(edits):
            edit()
            hook = serve.rebuild()
            if edit_index not in (3, 4):  # adding or deleting a file changes every page's key (links resolve anew)
                assert hook._session.output_hits, f"edit {edit_index}: no page reused, the incremental path not taken"
        # A broken edit fails its rebuild (nothing it rendered may be reused), then the fix.
        good = (questions / "fundamentals/regularization.md").read_text(encoding="utf-8")
        _edit(questions / "fundamentals/regularization.md", "Edited.", "Edited [a broken link](nowhere.md).")
        with pytest.raises(SystemExit):
            serve.rebuild()
        (questions / "fundamentals/regularization.md").write_text(good.replace("Edited.", "Edited twice."), "utf-8")
        serve.rebuild()
    finally:
        serve.close()
    assert [folder for folder in emptied if Path(folder).is_relative_to(tmp_path)] == []

    # A copy elsewhere: its hook is loaded afresh, with nothing kept. (The notebook cache, in the working
    # directory, is shared: it is keyed by the notebook's source.)
    fresh = shutil.copytree(project, tmp_path / "fresh", ignore=shutil.ignore_patterns(".cache"))
    _clean_build(fresh, tmp_path / "fresh-site")
    served, clean = _tree_bytes(tmp_path / "served"), _tree_bytes(tmp_path / "fresh-site")
    assert served.keys() == clean.keys()
    assert [name for name in clean if served[name] != clean[name]] == []
    assert b"Edited twice." in served["questions/fundamentals/regularization/index.html"]
    assert b"loss at the end" in served["notebooks/loss-curve/index.html"]


def _add_question(project: Path) -> None:
    source = (project / QUESTIONS / "fundamentals/regularization.md").read_text(encoding="utf-8")
    text = source.replace("id: mlq-0001", "id: mlq-0005").replace(
        "What is regularization and how does it help prevent overfitting?", "What does early stopping do?"
    )
    asked = 'asked_as:\n  - "When should training stop?"\n  - "How does stopping early regularize a network?"\n'
    text = re.sub(r"asked_as:\n(  - .*\n)+", asked, text)
    text = re.sub(r"companies:\n(  .*\n)+", "", text)
    (project / QUESTIONS / "fundamentals/early-stopping.md").write_text(text, encoding="utf-8")
    urls = project / "content/urls.yml"
    urls.write_text(urls.read_text(encoding="utf-8") + "mlq-0005:\n- questions/fundamentals/early-stopping/\n", "utf-8")


def _delete_question(project: Path) -> None:
    (project / QUESTIONS / "evaluation-metrics/imbalanced-data.md").unlink()
    _edit(
        project / QUESTIONS / "evaluation-metrics/auc-roc.md",
        "[how to handle an imbalanced dataset](mlq-0004#the-full-answer)",
        "how to handle an imbalanced dataset",
    )
    _edit(project / "content/urls.yml", "mlq-0004:\n- questions/evaluation-metrics/imbalanced-data/\n", "")


# A real `mkdocs serve`: broken edits are reported with file and line, and the last good site stays served.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait(condition: Callable[[], bool], what: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(params=["mkdocs", "properdocs"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """`mkdocs serve --livereload` (and the same under ProperDocs, whose `mkdocs.*` modules are its own) on the
    fixture site with a notebook: (project, site URL, terminal log)."""
    project = make_tree(tmp_path / "project", BASIC)
    _add_notebook(project, "loss-curve")
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", request.param, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}/{SUBPATH}/"
        try:
            _wait(lambda: _fetch(base) is not None or proc.poll() is not None, "mkdocs serve to start")
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            yield project, base, log
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def test_a_broken_edit_keeps_the_last_good_site_and_a_fix_recovers(served: tuple[Path, str, Path]) -> None:
    project, base, log = served
    question = project / QUESTIONS / "fundamentals/regularization.md"
    page = base + "questions/fundamentals/regularization/"
    notebook = project / "content/notebooks/loss-curve.py"
    good = question.read_text(encoding="utf-8")
    before = _fetch(page)
    assert before is not None and "prevent overfitting" in before

    def fails(edit: Callable[[], None], where: str) -> None:
        """After ``edit``, the terminal names ``where`` (file:line) and the served pages are still the good ones."""
        failures = log.read_text(encoding="utf-8").count("The site was not rebuilt")
        edit()
        _wait(lambda: log.read_text(encoding="utf-8").count("The site was not rebuilt") > failures, "the failure")
        assert where in log.read_text(encoding="utf-8")
        assert "prevent overfitting" in (_fetch(page) or "")
        assert "final loss" in (_fetch(base + "notebooks/loss-curve/") or "")

    fails(
        lambda: question.write_text(good.replace("difficulty: easy", "difficulty: [easy"), "utf-8"),
        "content/questions/fundamentals/regularization.md:7: invalid YAML in front matter",
    )
    topic_line = good.split("\n").index("topics: [regularization, overfitting]") + 1
    fails(
        lambda: question.write_text(good.replace("topics: [regularization,", "topics: [regularisation,"), "utf-8"),
        f"content/questions/fundamentals/regularization.md:{topic_line}: unknown topic 'regularisation'",
    )
    question.write_text(good.replace("prevent overfitting", "prevent overfitting (fixed)"), "utf-8")
    _wait(lambda: "prevent overfitting (fixed)" in (_fetch(page) or ""), "the fix to be served")

    source = notebook.read_text(encoding="utf-8")
    raising = source + '\n# %%\nx = 1\nraise ValueError("this cell fails on purpose")\n'
    cell_line = raising.split("\n").index('raise ValueError("this cell fails on purpose")') + 1
    fails(
        lambda: notebook.write_text(raising, "utf-8"),
        f"content/notebooks/loss-curve.py:{cell_line}: a code cell raised",
    )
    notebook.write_text(source.replace("final loss", "loss after training"), "utf-8")
    _wait(lambda: "loss after training" in (_fetch(base + "notebooks/loss-curve/") or ""), "the notebook fix")
    assert "prevent overfitting (fixed)" in (_fetch(page) or "")
