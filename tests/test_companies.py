"""Company data: what reports say about each loop (content/companies.yml), validated with file and line."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import BASIC
from mlq import Content, ContentError, build_site, load_content
from mlq.companies import COMPANIES_FILE
from mlq.site import LINKS, build_date, company_reports, md_quote


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


_ITEM = re.compile(r"^- \[(?P<title>.+?)\]\((?P<link>[^)]+)\)")
_REPORT = re.compile(
    r"^    (?:Reported in (?P<year>\d{4})|Year not given) · (?P<evidence>first-hand|relayed)(?: · .+)? · "
    r"source: \[[^\]]+\]\((?P<source>[^)]+)\)$"
)


def _listed(page: str) -> dict[str, tuple[str, int | None, str, str]]:
    """Question src_uri -> (evidence, year, source, excerpt) as the company page lists them."""
    section = page.split("\n## Reported questions\n", 1)[1] if "\n## Reported questions\n" in page else ""
    found: dict[str, tuple[str, int | None, str, str]] = {}
    lines = section.split("\n")
    for index, line in enumerate(lines):
        item = _ITEM.match(line)
        if not item:
            continue
        report = _REPORT.match(lines[index + 2])
        assert report, f"no report line under {line!r}: {lines[index + 2]!r}"
        assert lines[index + 5] == '    ??? quote "Excerpt from the report"', lines[index + 5]
        uri = posixpath.normpath(posixpath.join("companies", item["link"]))
        assert uri not in found, f"{uri} listed twice"
        year = int(report["year"]) if report["year"] else None
        found[uri] = (report["evidence"], year, report["source"], lines[index + 6].strip())
    return found


def test_each_company_page_lists_exactly_its_tagged_questions_with_their_evidence(real_content: Content) -> None:
    site = build_site(real_content, repo_url="https://example.org/repo")
    expected: dict[str, dict[str, tuple[str, int | None, str, str]]] = defaultdict(dict)
    for q in real_content.questions:
        for c in q.companies:
            expected[c.key][q.src_uri] = (c.tag.evidence, c.tag.year, c.tag.source, md_quote(c.tag.excerpt))
    assert expected, "the real content has company tags"
    pages = {uri.removeprefix("companies/").removesuffix(".md") for uri in site.pages if uri.startswith("companies/")}
    assert set(expected) <= pages - {"index"}
    for key in pages - {"index"}:
        assert _listed(site.pages[LINKS.company(key)]) == expected.get(key, {}), key


def test_companies_index_is_sorted_by_reported_questions_with_newest_year(real_content: Content) -> None:
    site = build_site(real_content)
    rows = [line for line in site.pages[LINKS.companies_index].split("\n") if line.startswith("- [")]
    counts = [int(row.split("): ", 1)[1].split(" ", 1)[0]) for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    for report, row in zip(company_reports(real_content, build_date()), rows, strict=True):
        title = real_content.taxonomy.companies[report.key].title
        assert row.startswith(f"- [{title}]({report.key}.md): {report.count} question")
        if report.count:
            assert f"({report.first_hand} first-hand, {report.relayed} relayed)" in row
            newest = f"newest report {report.newest_year}" if report.newest_year else "reports not dated"
            assert newest in row


def test_old_reports_are_flagged() -> None:
    content = load_content(BASIC)  # Google's only report is from 2019, Meta's newest from 2024
    old = build_site(content, today=dt.date(2023, 12, 31))  # 2023 - 2019 is not more than 4
    new = build_site(content, today=dt.date(2028, 12, 31))
    assert "These reports are old" not in old.pages[LINKS.company("google")]
    assert "The newest report for Google is from 2019, more than 4 years ago." in new.pages[LINKS.company("google")]
    assert "These reports are old" not in new.pages[LINKS.company("meta")]  # 2028 - 2024 is not more than 4
    assert "newest report 2019, more than 4 years ago" in new.pages[LINKS.companies_index]
    assert "more than 4 years ago" not in old.pages[LINKS.companies_index]
    assert "Reported in 2019" in new.pages[LINKS.company("google")]
