"""The hook against a real config: files added, navigation, edit links, errors as PluginError."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel, get_files

from conftest import FIXTURES


def _on_files(project: Path) -> Files:
    """Dispatch the files event through MkDocs' own plugin collection, as a build does."""
    config = load_config(str(project / "mkdocs.yml"))
    files = get_files(config)
    return config.plugins.on_files(files, config=config)  # type: ignore[no-any-return]


def test_config_registers_the_hook(tree: Path) -> None:
    config = load_config(str(tree / "mkdocs.yml"))
    assert any(name.endswith("mlq_hook.py") for name in config.hooks)


def test_on_files_adds_questions_indices_and_exports(tree: Path) -> None:
    files = _on_files(tree)
    question = files.get_file_from_path("questions/fundamentals/regularization.md")
    assert question is not None
    assert question.inclusion == InclusionLevel.NOT_IN_NAV  # questions stay out of the navigation
    assert question.edit_uri == "../content/questions/fundamentals/regularization.md"
    category = files.get_file_from_path("questions/fundamentals/index.md")
    assert category is not None and category.inclusion == InclusionLevel.INCLUDED  # listed in mkdocs.yml nav
    for uri in (
        "topics/overfitting.md",
        "companies/meta.md",
        "difficulty/hard.md",
        "api/questions.json",
        "q/mlq-0001/index.html",
    ):
        assert files.get_file_from_path(uri) is not None, uri


def test_bad_content_raises_plugin_error_naming_file_and_line(tree: Path) -> None:
    bad = (FIXTURES / "bad" / "misspelled-topic.md").read_text(encoding="utf-8")
    (tree / "content" / "questions" / "fundamentals" / "typo.md").write_text(bad, encoding="utf-8")
    with pytest.raises(PluginError, match=r"content/questions/fundamentals/typo\.md:5: unknown topic 'regularisation'"):
        _on_files(tree)


def test_docs_page_colliding_with_a_generated_page_is_refused(tree: Path) -> None:
    (tree / "docs" / "topics").mkdir()
    (tree / "docs" / "topics" / "index.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(PluginError, match="collides with a generated page"):
        _on_files(tree)
