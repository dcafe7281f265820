"""`asked_as` and `rubric` in front matter: bad entries are file:line errors, and nothing else is hidden by them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlq.content import ContentError, load_content, phrasing_key
from mlq.problems import Problem

BASIC = Path(__file__).resolve().parent / "fixtures" / "basic"
REG = "content/questions/fundamentals/regularization.md"
BIAS = "content/questions/fundamentals/bias-variance.md"
ASKED = '  - "Why would you penalise large weights in a model?"\n  - "l2 penalty overfitting"\n'
RUBRIC_FIRST = '  - "Says regularization restricts model complexity"\n'


def _problems(tmp_path: Path, path: str, old: str, new: str) -> list[Problem]:
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value.problems


def _line(path: str, needle: str) -> int:
    lines = (BASIC / path).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_phrasing_key_ignores_case_spacing_and_punctuation() -> None:
    assert phrasing_key("What is  AUC-ROC?") == phrasing_key("what is auc roc") == "what is auc roc"


def test_a_phrasing_equal_to_the_title_is_an_error_on_its_line(tmp_path: Path) -> None:
    new = '  - "what is REGULARIZATION, and how does it help prevent overfitting"\n  - "l2 penalty overfitting"\n'
    problems = _problems(tmp_path, REG, ASKED, new)
    line = _line(REG, "Why would you penalise")
    assert Problem(REG, line, "asked_as: this phrasing is the title; write another wording") in problems


def test_a_phrasing_repeated_on_its_page_is_an_error(tmp_path: Path) -> None:
    new = ASKED + '  - "L2 penalty, overfitting!"\n'
    problems = _problems(tmp_path, REG, ASKED, new)
    assert Problem(REG, _line(REG, "l2 penalty overfitting") + 1, "asked_as: same phrasing as entry 2") in problems


def test_a_phrasing_shared_by_two_pages_names_both_files(tmp_path: Path) -> None:
    problems = _problems(tmp_path, BIAS, "bias variance decomposition", "l2 penalty overfitting")
    messages = {(p.path, p.message) for p in problems}
    assert (REG, f"asked_as phrasing is also a phrasing of {BIAS}; one page per phrasing") in messages
    assert (BIAS, f"asked_as phrasing is also a phrasing of {REG}; one page per phrasing") in messages


def test_a_phrasing_equal_to_another_pages_title_is_an_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, BIAS, "bias variance decomposition", "what is AUC-ROC and when should it be used")
    assert any(
        p.path == BIAS and "also a phrasing of content/questions/evaluation-metrics/auc-roc.md" in p.message
        for p in problems
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (ASKED, '  - "   "\n  - "l2 penalty overfitting"\n', "asked_as"),  # blank once stripped
        (ASKED, '  - "l2 penalty overfitting"\n', "asked_as"),  # fewer than 2
        (ASKED, f'  - "{"x" * 201}"\n  - "l2 penalty overfitting"\n', "asked_as"),  # over 200 characters
        (RUBRIC_FIRST, "", "rubric"),  # fewer than 3
        (RUBRIC_FIRST, RUBRIC_FIRST * 4, "rubric"),  # more than 5
        (RUBRIC_FIRST, f'  - "{"y" * 141}"\n', "rubric"),  # over 140 characters
    ],
)
def test_bad_entries_are_reported_on_their_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    problems = _problems(tmp_path, REG, old, new)
    field_line = _line(REG, f"{field}:")
    assert any(p.path == REG and p.message.startswith(field) and p.line and p.line >= field_line for p in problems), (
        problems
    )


def test_math_in_a_rubric_point_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, REG, RUBRIC_FIRST, '  - "Writes the penalty $\\\\lambda \\\\|w\\\\|^2$"\n')
    line = _line(REG, "Says regularization restricts")
    assert Problem(REG, line, "rubric item 1: plain text only; write λ or ‖w‖², not $...$") in problems


def test_missing_fields_are_reported_and_other_problems_still_found(tmp_path: Path) -> None:
    """A page without asked_as still has its links checked: all problems at once."""
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    target = root / REG
    text = target.read_text(encoding="utf-8").replace("asked_as:\n" + ASKED, "")
    target.write_text(text + "\nSee [this](no-such-page.md).\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    messages = [p.message for p in caught.value.problems if p.path == REG]
    assert any(m.startswith("asked_as: required field is missing") for m in messages), messages
    assert any("no question at content/questions/fundamentals/no-such-page.md" in m for m in messages), messages


def test_near_identical_titles_on_two_pages_name_both_files(tmp_path: Path) -> None:
    auc = "content/questions/evaluation-metrics/auc-roc.md"
    problems = _problems(
        tmp_path, BIAS, 'title: "What is the bias–variance trade-off?"', 'title: "What is AUC-ROC and when is it used?"'
    )
    messages = {(p.path, p.message.split(" (")[0]) for p in problems}
    assert (BIAS, f"title is nearly the same question as {auc}") in messages, problems
    assert (auc, f"title is nearly the same question as {BIAS}") in messages


def test_near_duplicates_finds_similar_sets_and_only_those() -> None:
    from mlq.content import content_words, near_duplicates

    texts = [
        "How does gradient descent work?",
        "How does gradient boosting work?",  # shares half its words: a different question
        "How do you detect and handle outliers in a dataset?",
        "How would you detect and handle outliers in datasets?",
    ]
    assert near_duplicates([content_words(t) for t in texts]) == [(2, 3)]
