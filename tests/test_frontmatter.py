from __future__ import annotations

import pytest

from mlq import frontmatter
from mlq.frontmatter import FrontMatterError


def test_parse_keeps_line_numbers_of_nested_values() -> None:
    parsed = frontmatter.parse("---\nid: mlq-0001\ncompanies:\n  - name: meta\n    source: x\n---\nbody\n")
    assert parsed.data["id"] == "mlq-0001"
    assert parsed.lines[("id",)] == 2
    assert parsed.lines[("companies", 0, "source")] == 5
    assert parsed.body == "body\n"
    assert parsed.body_line == 7


def test_line_for_falls_back_to_the_closest_parent() -> None:
    lines = {("companies",): 3, ("companies", 0): 4}
    assert frontmatter.line_for(lines, ("companies", 0, "year")) == 4
    assert frontmatter.line_for(lines, ("title",)) is None


def test_bom_and_crlf_are_normalised() -> None:
    text = frontmatter.normalise_text("\ufeff---\r\nid: x\r\n---\r\nbody\r\n".encode())
    assert text == "---\nid: x\n---\nbody\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "file is empty"),
        ("# Title\n", 1, "must start with a '---' line"),
        ("---\nid: x\n", 1, "never closed"),
        ("---\nid: [unclosed\n---\n", 2, "flow sequence that is never closed"),
        ("---\nid: a\nid: b\n---\n", 3, "duplicate key 'id' (first set on line 2)"),
        ("---\nid: a\ntopics:\n\t- x\n---\n", 4, "tabs"),
        ("---\n- a\n- b\n---\n", 2, "must be a YAML mapping"),
        ("---\nlast_reviewed: 2026-13-45\n---\n", 2, "invalid value for 'last_reviewed'"),
    ],
)
def test_parse_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.parse(text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_non_utf8_reports_the_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.normalise_text(b"---\nid: x\ntitle: caf\xe9\n---\n")
    assert caught.value.line == 3
    assert "not valid UTF-8" in caught.value.message
