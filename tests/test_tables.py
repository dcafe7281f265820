"""Content tables wrapped at build time (hooks/mlq/tables.py) and styled as the theme styles them."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import tinycss2

from conftest import REPO
from mlq.tables import TABLE_CLASS, wrap_tables

WRAP = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_a_plain_table_is_wrapped_and_classed() -> None:
    page = "<p>Before</p>\n<table>\n<tr><td>1</td></tr>\n</table>\n<p>After</p>"
    assert wrap_tables(page) == (
        f'<p>Before</p>\n{WRAP}<table class="{TABLE_CLASS}">\n<tr><td>1</td></tr>\n</table></div></div>\n<p>After</p>'
    )


def test_attributes_are_kept_and_classed_tables_left_alone() -> None:
    page = '<table style="width:50%"><tr><td>a</td></tr></table><table class="dataframe"><tr><td>b</td></tr></table>'
    assert wrap_tables(page) == (
        f'{WRAP}<table class="{TABLE_CLASS}" style="width:50%"><tr><td>a</td></tr></table></div></div>'
        '<table class="dataframe"><tr><td>b</td></tr></table>'
    )


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (  # a plain table inside a classed one
            '<table class="x"><tr><td><table><tr><td>i</td></tr></table></td></tr></table>',
            f'<table class="x"><tr><td>{WRAP}<table class="{TABLE_CLASS}"><tr><td>i</td></tr></table></div></div>'
            "</td></tr></table>",
        ),
        (  # a classed table inside a plain one
            '<table><tr><td><table class="x"><tr><td>i</td></tr></table></td></tr></table>',
            f'{WRAP}<table class="{TABLE_CLASS}"><tr><td><table class="x"><tr><td>i</td></tr></table>'
            "</td></tr></table></div></div>",
        ),
    ],
)
def test_nested_tables_close_their_own_wrappers(page: str, expected: str) -> None:
    assert wrap_tables(page) == expected


def test_escaped_markup_and_pages_without_tables_are_unchanged() -> None:
    page = "<pre><code>&lt;table&gt;&lt;/table&gt;</code></pre><p>tablet</p>"
    assert wrap_tables(page) == page


def _rules(css: str, wanted: str) -> list[tuple[tuple[str, ...], str, list[tuple[str, str]]]]:
    """(enclosing at-rules, selector, declarations) of every rule whose selector mentions ``wanted``,
    whitespace normalised so the theme's minified CSS and our readable CSS compare equal."""

    def selector(prelude: list[tinycss2.ast.Node]) -> str:
        text = re.sub(r"\s+", " ", tinycss2.serialize(prelude)).strip()
        return re.sub(r"\s*([>+~,])\s*", r"\1", text)

    found = []

    def walk(rules: list[tinycss2.ast.Node], context: tuple[str, ...]) -> None:
        for rule in rules:
            if rule.type == "qualified-rule" and wanted in selector(rule.prelude):
                declarations = [
                    (d.lower_name, tinycss2.serialize(d.value).strip())
                    for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                    if d.type == "declaration"
                ]
                found.append((context, selector(rule.prelude), declarations))
            elif rule.type == "at-rule" and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                walk(inner, (*context, f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}"))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), ())
    return found


def test_site_css_repeats_the_installed_themes_table_rules_for_the_class() -> None:
    """If a Material upgrade changes its table styles, this fails until site.css follows."""
    (theme_css,) = (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
    theme = _rules(theme_css.read_text(encoding="utf-8"), "table:not([class])")
    assert len(theme) >= 10  # the theme still styles unclassed tables this way
    expected = [
        (context, sel.replace("table:not([class])", f"table.{TABLE_CLASS}"), declarations)
        for context, sel, declarations in theme
    ]
    ours = _rules((REPO / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8"), f"table.{TABLE_CLASS}")
    assert ours == expected
