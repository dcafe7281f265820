"""Shared fixtures: a copy of the real site (config, docs, hook) around chosen content, and builds of it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mlq import Content, load_content

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASIC = FIXTURES / "basic"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def real_content() -> Content:
    """The repository's own content, loaded once per test session (tests read it, never change it)."""
    return load_content(REPO)


def make_tree(dest: Path, fixture: Path) -> Path:
    """A buildable project in ``dest``: the real mkdocs.yml, hooks/, overrides/ and docs/assets/, with the
    fixture's content/ and hand-written pages (the real guides link to real questions)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(fixture / "docs", dest / "docs")
    shutil.copytree(REPO / "docs" / "assets", dest / "docs" / "assets")
    # Hand-written pages that link to no question (the study pages only to guides the fixture has too).
    for page in ("practice.md", "mock.md", "plan.md", "benchmarks.md", "page-weight.md", "search.md"):
        shutil.copy(REPO / "docs" / page, dest / "docs" / page)
    shutil.copytree(REPO / "overrides", dest / "overrides")
    shutil.copytree(REPO / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(fixture / "content", dest / "content", symlinks=True)
    return dest


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project around the small fixture content (tests/fixtures/basic)."""
    return make_tree(tmp_path / "project", BASIC)


class BuildFailed(Exception):
    def __init__(self, log: str) -> None:
        super().__init__(log)
        self.log = log


def build_tree(project: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> Path:
    """Run a full strict MkDocs build in-process; return the site folder or raise BuildFailed with the log."""
    from mkdocs.exceptions import Abort

    if monkeypatch is not None:
        monkeypatch.chdir(project)  # mkdocs-jupyter keeps its cache relative to the working directory
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    site_dir = project / "site"
    try:
        _build_into(project, site_dir)
    except Abort as exc:
        raise BuildFailed("\n".join([*records, str(exc)])) from None
    except Exception as exc:  # e.g. a notebook's CellExecutionError: MkDocs logs the page and re-raises it
        raise BuildFailed("\n".join([*records, f"{type(exc).__name__}: {exc}"])) from None
    finally:
        logger.removeHandler(handler)
    return site_dir


@pytest.fixture
def build(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Path]:
    return lambda project: build_tree(project, monkeypatch)


SUBPATH = "ml-interviews"  # served under a sub-path, as on GitHub Pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per request would bury the test output


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """``root`` over HTTP on loopback (module scripts and fetch need http://, not file://); yields the URL of
    the site under ``root / SUBPATH``."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    finally:
        server.shutdown()


def copy_repo(dest: Path) -> Path:
    """The repository's own site sources (config, docs, overrides, hooks, content) in ``dest``."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "hooks", "content"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session into <root>/ml-interviews/. Returns <root>."""
    project = copy_repo(tmp_path_factory.mktemp("real") / "project")
    root = project / "served"
    config_site = root / SUBPATH
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(project)
        built = _build_into(project, config_site)
    finally:
        mp.undo()
    assert built == config_site
    return root


def _build_into(project: Path, site_dir: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir
