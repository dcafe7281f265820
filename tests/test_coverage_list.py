"""Coverage of an external question list (issue #19): every technical and theory question of
alexeygrigorev/data-science-interviews (CC BY 4.0) is mapped by hand to the pages that answer it.

Run with ``-s`` to see the share of in-scope questions answered."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from mlq import Content

COVERAGE = REPO / "content" / "coverage" / "data-science-interviews.yml"
KEYS = {"file", "section", "question", "in_scope", "answered_by", "note"}
MIN_SHARE_ANSWERED = 0.95  # the bar; measured 188/195 = 96.4 % of the list at commit 83a2fef


def load(path: Path = COVERAGE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def coverage() -> dict[str, Any]:
    return load()


def test_header_keeps_source_and_licence(coverage: dict[str, Any]) -> None:
    assert coverage["source"] == "https://github.com/alexeygrigorev/data-science-interviews"
    assert len(str(coverage["commit"])) == 40
    assert coverage["licence"] == "CC BY 4.0"
    head = COVERAGE.read_text(encoding="utf-8").split("\nsource:", 1)[0]
    assert "Alexey Grigorev" in head and "creativecommons.org/licenses/by/4.0" in head


def test_every_question_has_the_keys(coverage: dict[str, Any]) -> None:
    problems = []
    for n, entry in enumerate(coverage["questions"]):
        if set(entry) != KEYS:
            problems.append(f"#{n}: keys {sorted(entry)}")
            continue
        if not isinstance(entry["question"], str) or not entry["question"].strip():
            problems.append(f"#{n}: empty question")
        if not isinstance(entry["in_scope"], bool) or not isinstance(entry["answered_by"], list):
            problems.append(f"#{n}: in_scope must be a bool and answered_by a list")
        elif not entry["in_scope"] and (entry["answered_by"] or not entry["note"]):
            problems.append(f"#{n}: an out-of-scope question needs a note saying why and no pages")
        elif entry["in_scope"] and not entry["answered_by"] and not entry["note"]:
            problems.append(f"#{n}: an unanswered question needs a note naming the page to add")
    assert not problems, "\n".join(problems)


def test_questions_are_not_listed_twice(coverage: dict[str, Any]) -> None:
    counts = Counter((e["file"], e["question"]) for e in coverage["questions"])
    assert not [q for q, n in counts.items() if n > 1]


def test_answered_by_ids_exist(coverage: dict[str, Any], real_content: Content) -> None:
    ids = {q.id for q in real_content.questions}
    unknown = [
        (entry["question"], page) for entry in coverage["questions"] for page in entry["answered_by"] if page not in ids
    ]
    assert not unknown, f"answered_by names pages that do not exist: {unknown}"


def test_share_of_in_scope_questions_answered(coverage: dict[str, Any]) -> None:
    in_scope = [e for e in coverage["questions"] if e["in_scope"]]
    answered = [e for e in in_scope if e["answered_by"]]
    share = len(answered) / len(in_scope)
    by_file = Counter(e["file"] for e in in_scope)
    done = Counter(e["file"] for e in answered)
    print(
        f"\ndata-science-interviews: {len(coverage['questions'])} questions, {len(in_scope)} in scope, "
        f"{len(answered)} answered ({share:.1%}); " + ", ".join(f"{f}: {done[f]}/{by_file[f]}" for f in sorted(by_file))
    )
    assert share >= MIN_SHARE_ANSWERED, f"only {share:.1%} of in-scope questions map to a page"
