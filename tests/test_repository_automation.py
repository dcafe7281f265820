"""GitHub automation is safe and cannot fail silently (zizmor, jactionlint with shellcheck, schemas, pins, the
link check's exit status), every shell script passes shellcheck, and the contributor tooling around it works."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from mlq import Content
from mlq.links import broken_links, check_url, external_links

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# Folders that hold no script of the project: installs, builds, caches (all in .gitignore) and git's own.
NOT_SCANNED = {".git", ".venv", "site", ".cache", "build", "node_modules", "__pycache__"}
SHELL_SHEBANG = re.compile(rb"#!\s*(?:/usr/bin/env\s+(?:-S\s+)?)?(?:/\S*/)?(?:ba|da|k)?sh(?:\s|$)")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=300)


def _linter(name: str) -> str:
    """The path of a linter that requirements-test.txt installs. Missing, it skips the test on a contributor's
    machine but fails it in CI (CI=true), where a skip would silently turn the lint off."""
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        message = (
            f"`{name}` is not installed (not in {BIN} nor on PATH): it comes with the test requirements, "
            "`pip install -r requirements-test.txt`"
        )
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{message}; CI must run every lint")
        pytest.skip(message)
    return path


def shell_scripts(root: Path) -> list[Path]:
    """Every shell script under root: a `.sh` file or a file whose shebang runs sh, bash, dash or ksh."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            d for d in subfolders if d not in NOT_SCANNED and not d.endswith(("_cache", ".egg-info"))
        )
        for name in sorted(files):
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                continue
            if name.endswith(".sh"):
                found.append(path)
                continue
            with path.open("rb") as file:
                if SHELL_SHEBANG.match(file.readline(200)):
                    found.append(path)
    return found


def test_zizmor_reports_nothing() -> None:
    result = _run(str(BIN / "zizmor"), "--offline", "--persona", "pedantic", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def _jactionlint(*args: str) -> subprocess.CompletedProcess[str]:
    # --shellcheck=PATH makes a missing shellcheck an error (exit 3) instead of a note that skips the scripts;
    # --strict-exit fails on findings of every level, not only errors.
    shellcheck = _linter("shellcheck")
    return _run(
        _linter("jactionlint"), "--no-color", "--no-online", "--strict-exit", f"--shellcheck={shellcheck}", *args
    )


def test_jactionlint_reports_nothing() -> None:
    """The workflows, with shellcheck on every `run:` script, and dependabot.yml."""
    result = _jactionlint()
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_jactionlint_runs_shellcheck_on_run_scripts(tmp_path: Path) -> None:
    workflow = tmp_path / "unquoted.yml"
    workflow.write_text(
        "on: push\npermissions: {}\nconcurrency: {group: x}\n"
        "jobs:\n  a:\n    runs-on: ubuntu-24.04\n    timeout-minutes: 5\n    steps:\n      - run: echo $HOME\n",
        encoding="utf-8",
    )
    result = _jactionlint(str(workflow))
    assert result.returncode == 1 and "SC2086" in result.stdout and "[shellcheck]" in result.stdout, result.stdout


def test_shell_scripts_are_found_by_extension_or_shebang(tmp_path: Path) -> None:
    files = {
        "a.sh": "echo a\n",
        "ci/run": "#!/usr/bin/env bash\n",
        "hook": "#!/bin/sh -e\n",
        "tool.py": "#!/usr/bin/env python3\n",
        "bashful": "#!/usr/bin/env bashful\n",
        ".venv/bin/activate.sh": "",
        "site/x.sh": "",
        ".cache/y.sh": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in shell_scripts(tmp_path)] == ["a.sh", "hook", "ci/run"]


def test_every_shell_script_passes_shellcheck() -> None:
    scripts = [str(p.relative_to(REPO)) for p in shell_scripts(REPO)]
    assert ".ci/run" in scripts
    result = _run(_linter("shellcheck"), "--color=never", "--format=gcc", *scripts)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


# A lint rule turned off must say why: on its line after a second `#`, or in a comment line just above it.
DIRECTIVE = r"#\s*(?:shellcheck\s+disable=|jactionlint\s+ignore=|zizmor:\s*ignore\[)"  # in scripts and YAML
SUPPRESSIONS = {
    ".shellcheckrc": rf"{DIRECTIVE}|^\s*disable=",
    ".github/jactionlint.yaml": rf"{DIRECTIVE}|:\s*[\"']?off\b",  # a rule set to off
    ".pre-commit-config.yaml": rf"{DIRECTIVE}|\s(?:--ignore|--exclude|-[ie])[=\s]",  # jactionlint / shellcheck flags
}


def unexplained_suppressions(root: Path) -> list[str]:
    """`file:line: text` of each lint rule turned off without a reason in the scripts, workflows and lint configs."""
    github = root / ".github"
    files = [*shell_scripts(root), *sorted(github.glob("workflows/*.y*ml")), *sorted(github.glob("*.y*ml"))]
    files += [root / ".shellcheckrc", root / ".pre-commit-config.yaml"]
    unexplained = []
    for path in files:
        if not path.is_file():
            continue
        suppression = re.compile(SUPPRESSIONS.get(path.relative_to(root).as_posix(), DIRECTIVE))
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            match = suppression.search(line)
            if match is None:
                continue
            reason_after = re.search(r"#\s*\w+", line[match.end() :])
            above = lines[number - 1].strip() if number else ""
            if not reason_after and not (above.startswith("#") and not suppression.search(above)):
                unexplained.append(f"{path.relative_to(root)}:{number + 1}: {line.strip()}")
    return unexplained


def test_every_disabled_lint_rule_says_why() -> None:
    assert unexplained_suppressions(REPO) == []


def test_a_disabled_lint_rule_without_a_reason_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "a.sh").write_text(
        "# shellcheck disable=SC2086\necho $1\n# the list is split on purpose\n# shellcheck disable=SC2086\necho $2\n"
        "echo $3 # shellcheck disable=SC2086 # split on purpose\n",
        encoding="utf-8",
    )
    (tmp_path / ".shellcheckrc").write_text("disable=SC2086\n", encoding="utf-8")
    (tmp_path / ".github" / "jactionlint.yaml").write_text("rules:\n  missing-timeout: off\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows" / "w.yml").write_text(
        "jobs: # jactionlint ignore=missing-timeout\n", encoding="utf-8"
    )
    (tmp_path / ".pre-commit-config.yaml").write_text("entry: jactionlint --ignore=missing-timeout\n", encoding="utf-8")
    assert unexplained_suppressions(tmp_path) == [
        "a.sh:1: # shellcheck disable=SC2086",
        ".github/workflows/w.yml:1: jobs: # jactionlint ignore=missing-timeout",
        ".github/jactionlint.yaml:2: missing-timeout: off",
        ".shellcheckrc:1: disable=SC2086",
        ".pre-commit-config.yaml:1: entry: jactionlint --ignore=missing-timeout",
    ]


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


LINK_CHECK = ".venv/bin/mlq links --check"
# The command GitHub's Linux runners start for a `run:` step, by its `shell:`. Without one it is `bash -e`: no
# pipefail, so a pipeline takes the exit status of its last command.
RUNNER_SHELLS = {
    None: "bash -e {0}",
    "bash": "bash --noprofile --norc -eo pipefail {0}",
    "sh": "sh -e {0}",
    "python": "python {0}",
}


def _step_shell(workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any], script: Path) -> list[str]:
    """The runner's command for a step: its shell is the step's, else the job's then the workflow's default."""
    shell = step.get("shell")
    for defaults in (job.get("defaults"), workflow.get("defaults")):
        shell = shell or ((defaults or {}).get("run") or {}).get("shell")
    template = RUNNER_SHELLS.get(shell, shell)  # a custom shell is a command line with {0} for the script
    return [str(script) if arg == "{0}" else arg for arg in shlex.split(template)]


def _link_check_step() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "link-check.yml").read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if LINK_CHECK in step.get("run", ""):
                assert step["run"].count(LINK_CHECK) == 1
                return workflow, job, step
    raise AssertionError(f"no step of link-check.yml runs `{LINK_CHECK}`")


def _run_step(
    workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any], link_check: str, tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the step's script as the runner would, with `link_check` in place of the real link check and the
    installs as no-ops; return the result and what the step wrote to the job summary."""
    lines = []
    for line in step["run"].splitlines():
        if "pip install" in line or re.search(r"\bpython3? -m venv\b", line):
            line = ":"
        lines.append(line.replace(LINK_CHECK, link_check))
    script = tmp_path / "step.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.touch()
    env = {**os.environ, **{k: str(v) for k, v in (step.get("env") or {}).items()}, "GITHUB_STEP_SUMMARY": str(summary)}
    command = _step_shell(workflow, job, step, script)
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    return result, summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("status", [1, 0], ids=["link-check-fails", "link-check-passes"])
def test_link_check_step_exits_with_the_link_checks_status(tmp_path: Path, status: int) -> None:
    workflow, job, step = _link_check_step()
    fake = f"sh -c 'echo \"3 external links checked, {status} broken\"; exit {status}'"
    result, summary = _run_step(workflow, job, step, fake, tmp_path)
    assert result.returncode == status, result.stdout + result.stderr
    assert summary == f"3 external links checked, {status} broken\n"


def test_without_pipefail_the_runners_default_shell_hides_the_failure(tmp_path: Path) -> None:
    """What the link check did before `shell: bash`: the same step in GitHub's default shell stays green."""
    workflow, job, step = _link_check_step()
    step = {key: value for key, value in step.items() if key != "shell"}
    result, _ = _run_step(workflow, job, step, "sh -c 'exit 1'", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_content_check_schema_check_ruff_and_the_linters() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    entries = [hook["entry"] for hook in hooks.values()]
    assert "mlq check" in entries and "mlq schema --check" in entries
    assert any(entry.startswith("ruff check") for entry in entries)
    # The same jactionlint run as the test: every level fails, shellcheck required, nothing ignored.
    command, *flags = shlex.split(hooks["jactionlint"]["entry"])
    assert command == "jactionlint" and {"--strict-exit", "--shellcheck=shellcheck"} <= set(flags)
    assert not [flag for flag in flags if flag.startswith(("-i", "--ignore", "--min-severity", "-p", "--profile"))]
    assert hooks["jactionlint"]["pass_filenames"] is False  # it checks the whole of .github/, as the test does
    assert hooks["shellcheck"]["entry"] == "shellcheck" and hooks["shellcheck"]["types"] == ["shell"]


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


def test_link_check_covers_every_company_source(real_content: Content) -> None:
    """The weekly `mlq links --check` requests every tag's source and every interview-loop report."""
    links = external_links(REPO)
    for q in real_content.questions:
        for company in q.companies:
            assert q.path in links.get(company.tag.source, []), f"{q.path}: {company.tag.source} is not link-checked"
    for key, reports in real_content.loops.items():
        for report in reports:
            assert "content/companies.yml" in links.get(report.source, []), f"{key}: {report.source}"
