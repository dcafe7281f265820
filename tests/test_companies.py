"""Company data: what reports say about each loop (content/companies.yml), validated with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BASIC
from mlq import ContentError, load_content
from mlq.companies import COMPANIES_FILE


def _with_companies(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    (root / COMPANIES_FILE).write_text(text, encoding="utf-8")
    return root


def test_loops_load_in_file_order() -> None:
    loops = load_content(BASIC).loops
    assert list(loops) == ["meta"]
    assert [r.evidence for r in loops["meta"]] == ["first-hand", "relayed"]
    assert loops["meta"][0].year == 2024


GOOD_CLAIM = """loops:
  meta:
    - claim: "A coding screen, then an onsite"
      source: https://example.org/r
      evidence: first-hand
      quote: "one coding screen, then a full onsite"
"""


@pytest.mark.parametrize(
    ("text", "line", "expect"),
    [
        (GOOD_CLAIM.replace("  meta:", "  metta:"), 2, "unknown company 'metta' (did you mean 'meta'?)"),
        (GOOD_CLAIM.replace("      source: https://example.org/r\n", ""), 3, "loops.meta.0.source: required field"),
        (GOOD_CLAIM.replace("https://example.org/r", "http://example.org/r"), 4, "loops.meta.0.source: String should"),
        (GOOD_CLAIM.replace("first-hand", "hearsay"), 5, "loops.meta.0.evidence: Input should be 'first-hand'"),
        (GOOD_CLAIM.replace("one coding screen", "x" * 301), 6, "loops.meta.0.quote: String should have at most 300"),
        (GOOD_CLAIM + "      quote: again\n", 7, "duplicate key 'quote'"),
        (GOOD_CLAIM + "    - claim: [unclosed\n", 7, "invalid YAML in content/companies.yml"),
    ],
)
def test_bad_loop_data_is_reported_with_file_and_line(tmp_path: Path, text: str, line: int, expect: str) -> None:
    root = _with_companies(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    found = [(p.path, p.line, p.message) for p in caught.value.problems]
    assert any(p == COMPANIES_FILE and n == line and expect in m for p, n, m in found), found
