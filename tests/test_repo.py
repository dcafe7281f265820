"""Repository-wide checks: lint, types, and configuration that must agree with the taxonomy."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import REPO
from mlq.site import LINKS
from mlq.taxonomy import load_taxonomy


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _nav_files(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


def test_nav_lists_every_category_in_taxonomy_order() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    taxonomy = load_taxonomy(REPO)
    nav = _nav_files(config["nav"])
    listed = [f for f in nav if f.startswith("questions/") and f != LINKS.questions_index]
    assert listed == [LINKS.category(key) for key in taxonomy.ordered_categories()]


def test_build_requirements_are_pinned_exactly() -> None:
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-e", "-r")):
            assert "==" in line, f"requirements.txt: '{line}' is not pinned with =="
    assert "mkdocs==1.6.1" in (REPO / "requirements.txt").read_text(encoding="utf-8")
