"""Loading and validating content: the good fixture loads, every bad input fails with file and line."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import BASIC, FIXTURES
from mlq import ContentError, checks, load_content
from mlq.cli import main, record_urls

BAD = FIXTURES / "bad"
CASES = yaml.safe_load((BAD / "cases.yml").read_text(encoding="utf-8"))


def test_basic_fixture_loads() -> None:
    content = load_content(BASIC)
    assert [q.id for q in content.questions] == ["mlq-0001", "mlq-0002", "mlq-0003", "mlq-0004"]
    regularization = content.by_id()["mlq-0001"]
    assert regularization.companies[0].key == "meta"  # 'Facebook' is an alias
    assert regularization.src_uri == "questions/fundamentals/regularization.md"
    assert regularization.short_answer.startswith("Regularization adds a penalty")


def _copy_basic(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    return root


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_with_file_and_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mlq check` (the same library the build hook runs) exits non-zero naming the file and line."""
    case = CASES[name]
    root = _copy_basic(tmp_path)
    target = root / "content" / "questions" / case["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    data = (BAD / f"{name}.md").read_bytes() + b"x" * case.get("pad_bytes", 0)
    target.write_bytes(data)
    record_urls(root)  # as a contributor would: the URL check is not what these cases are about
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    rel = f"content/questions/{case['target']}"
    where = rel if case["line"] is None else f"{rel}:{case['line']}"
    assert any(line.strip().startswith(f"{where}: ") and case["expect"] in line for line in err.splitlines()), (
        f"expected '{where}: ...{case['expect']}...' in:\n{err}"
    )


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    root = _copy_basic(tmp_path)
    questions = root / "content" / "questions" / "fundamentals"
    for name in ("misspelled-topic", "company-without-source", "missing-section"):
        shutil.copy(BAD / f"{name}.md", questions / f"{name}.md")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    paths = {p.path for p in caught.value.problems}
    assert len(paths) == 3


def test_symlink_in_content_is_refused(tmp_path: Path) -> None:
    root = _copy_basic(tmp_path)
    link = root / "content" / "questions" / "fundamentals" / "passwd.md"
    os.symlink("/etc/passwd", link)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert any(p.path.endswith("passwd.md") and "symlinks are not allowed" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("transform", "title"),
    [
        (lambda b: b"\xef\xbb\xbf" + b, None),  # UTF-8 with a BOM
        (lambda b: b.replace(b"\n", b"\r\n"), None),  # CRLF line endings
        (
            lambda b: b.replace(b'"What is a test question?"', '"Qu\'est-ce que la régularisation (λ, β)?"'.encode()),
            "Qu'est-ce que la régularisation (λ, β)?",
        ),
        (
            lambda b: b.replace(b'"What is a test question?"', b"'Precision: \"what\" is it: really?'"),
            'Precision: "what" is it: really?',
        ),
    ],
)
def test_accepted_variants(transform, title: str | None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _copy_basic(tmp_path)
    good = (BAD / "unknown-section.md").read_bytes().split(b"\n## Extra thoughts")[0] + b"\n"
    (root / "content" / "questions" / "fundamentals" / "case.md").write_bytes(transform(good))
    record_urls(root)
    content = load_content(root)
    question = content.by_id()["mlq-0100"]
    assert question.title == (title or "What is a test question?")
    assert question.sections["Common mistakes"].text == "- A mistake."


def test_unrecorded_url_is_reported_and_recording_it_fixes_it(tmp_path: Path) -> None:
    root = _copy_basic(tmp_path)
    questions = root / "content" / "questions"
    (questions / "fundamentals" / "regularization.md").rename(
        questions / "fundamentals" / "regularisation-penalties.md"
    )
    linking = questions / "fundamentals" / "bias-variance.md"
    linking.write_text(
        linking.read_text(encoding="utf-8").replace("(regularization.md)", "(regularisation-penalties.md)")
    )
    with pytest.raises(ContentError) as caught:
        load_content(root)
    [problem] = caught.value.problems
    assert problem.path == "content/questions/fundamentals/regularisation-penalties.md" and problem.line == 2
    assert "run `mlq urls`" in problem.message
    assert record_urls(root) == ["questions/fundamentals/regularisation-penalties/"]
    content = load_content(root)
    assert content.url_history["mlq-0001"] == [
        "questions/fundamentals/regularization/",
        "questions/fundamentals/regularisation-penalties/",
    ]


def test_url_history_for_a_missing_id_is_reported(tmp_path: Path) -> None:
    root = _copy_basic(tmp_path)
    (root / "content" / "questions" / "fundamentals" / "bias-variance.md").unlink()
    with pytest.raises(ContentError, match=r"content/urls.yml: 'mlq-0002' is not the id of any question"):
        load_content(root)


@pytest.mark.parametrize("broken", ["difficulty: hardd", "difficulty: [unclosed"])
def test_a_question_that_fails_to_load_is_not_reported_as_an_orphaned_url(broken: str, tmp_path: Path) -> None:
    """As after `mlq new` (which records the URL) and a front matter mistake: report only the mistake."""
    root = _copy_basic(tmp_path)
    assert main(["--root", str(root), "new", "fundamentals", "dropout", "--title", "What is dropout?", "--topic",
                 "regularization"]) == 0  # fmt: skip
    page = root / "content" / "questions" / "fundamentals" / "dropout.md"
    page.write_text(page.read_text(encoding="utf-8").replace("difficulty: medium", broken), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    assert [p.path for p in caught.value.problems] == ["content/questions/fundamentals/dropout.md"]


def test_a_link_to_a_moved_question_is_reported_on_its_line(tmp_path: Path) -> None:
    root = _copy_basic(tmp_path)
    questions = root / "content" / "questions"
    (questions / "fundamentals" / "regularization.md").rename(questions / "fundamentals" / "penalties.md")
    record_urls(root)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("content/questions/fundamentals/bias-variance.md", 23)
    assert "no question at content/questions/fundamentals/regularization.md (did you mean" in problem.message


def test_relative_links_skip_images_and_external_links() -> None:
    text = "![img](a.png) [x](../b/c.md) !![y](d.md) [z](https://e.org) [w](#f) [v]( <g.md> )"
    assert list(checks.relative_links(text)) == [(0, "../b/c.md"), (0, "#f"), (0, "g.md")]
    # The same matches as the pattern written with its lookbehind first (the fast form starts at the `[`).
    plain = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
    assert [m.span() for m in checks._LINK.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_formulas_are_found_outside_code_with_their_lines() -> None:
    body = "Inline $a_1$ and `$not math$`.\n\n```python\nx = '$no$'\n```\n\n$$\n\\sum_i x_i\n$$\nlast $b$"
    assert list(checks.formulas(body)) == [(0, "a_1", False), (6, "\n\\sum_i x_i\n", True), (9, "b", False)]


def test_links_by_id_point_at_the_questions_file() -> None:
    files = {"mlq-0002": "../fundamentals/bias-variance.md", "mlq-0004": "imbalanced-data.md"}
    body = (
        "See [a](mlq-0002) and [b](mlq-0004#the-full-answer), [c](mlq-0999), [d](other.md).\n"
        "`[code](mlq-0002)` stays.\n```markdown\n[fenced](mlq-0004)\n```\n![image](mlq-0002)"
    )
    assert checks.replace_id_links(body, files.get) == (
        "See [a](../fundamentals/bias-variance.md) and [b](imbalanced-data.md#the-full-answer), [c](mlq-0999), "
        "[d](other.md).\n`[code](mlq-0002)` stays.\n```markdown\n[fenced](mlq-0004)\n```\n![image](mlq-0002)"
    )
