"""The committed JSON Schema is generated from the build's model and accepts exactly what the build accepts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from conftest import REPO
from mlq import frontmatter
from mlq.cli import main
from mlq.content import Content
from mlq.schema import SCHEMA_FILE, render_schema
from mlq.taxonomy import load_taxonomy

SCHEMA = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def test_committed_schema_is_up_to_date() -> None:
    taxonomy = load_taxonomy(REPO)
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == render_schema(taxonomy), "run `mlq schema`"
    assert main(["--root", str(REPO), "schema", "--check"]) == 0


def test_every_real_question_validates_against_the_schema(real_content: Content) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for question in real_content.questions:
        data = frontmatter.parse((REPO / question.path).read_text(encoding="utf-8-sig")).data
        errors = list(validator.iter_errors(_jsonable(data)))
        assert not errors, f"{question.path}: {errors[0].message}"


TAG = {
    "name": "meta",
    "source": "https://example.org/r",
    "evidence": "relayed",
    "excerpt": "I was asked this question.",
}


@pytest.mark.parametrize(
    "change",
    [
        {"difficulty": "tricky"},
        {"topics": ["regularisation"]},
        {"companies": [{"name": "meta"}]},
        {"companies": [{"name": "meta", "source": "http://example.org"}]},
        {"companies": [{"name": "meta", "source": "https://example.org", "evidence": "first-hand"}]},
        {"companies": [{"name": "meta", "source": "https://example.org", "excerpt": "I was asked this question."}]},
        {"companies": [{**TAG, "evidence": "second-hand"}]},
        {"companies": [{**TAG, "excerpt": "x" * 301}]},
        {"companies": [{**TAG, "year": "2024"}]},
        {"extra": 1},
        {"id": 42},
    ],
)
def test_schema_rejects_what_the_build_rejects(change: dict[str, Any]) -> None:
    good = {
        "id": "mlq-0001",
        "title": "What is a good question?",
        "asked_as": ["What makes a question good?", "good question"],
        "rubric": ["Says what it asks", "Says why it matters", "Says how to check it"],
        "category": "fundamentals",
        "topics": ["regularization"],
        "difficulty": "easy",
        "last_reviewed": "2026-11-30",
    }
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert validator.is_valid(good)
    assert validator.is_valid({**good, "companies": [{**TAG, "year": 2024, "role": "ML Engineer"}]})
    assert not validator.is_valid({**good, **change})
