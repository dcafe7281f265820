"""The front matter schema: one source of truth for the build, the checker and the JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
QuestionId = Annotated[str, Field(pattern=r"^mlq-[0-9]{4,}$", description="Stable id, e.g. mlq-0042.")]
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
# Whitespace is stripped first, so a blank entry fails the length check instead of passing as text.
Phrasing = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=8, max_length=200),
    Field(description="Another way interviewers ask this question."),
]
RubricPoint = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=8, max_length=140),
    Field(description="One point a complete answer must make, checkable at a glance."),
]


class _Strict(BaseModel):
    # strict: YAML's `no` (a bool) or `42` (an int) is never coerced into a string.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CompanyTag(_Strict):
    """A public report that the question was asked at a company. No source, no tag."""

    name: str = Field(min_length=1, description="Company key or alias from content/taxonomy.yml.")
    source: str = Field(
        pattern=r"^https://[^\s/$.?#][^\s]*$",
        description="https URL of a public interview report naming this question.",
    )
    year: int | None = Field(default=None, ge=2000, le=2100, description="Year the question was asked.")


class FrontMatter(_Strict):
    """Front matter of a question page (``content/questions/<category>/<slug>.md``)."""

    id: QuestionId
    title: str = Field(min_length=8, max_length=200, description="The question as an interviewer asks it.")
    # Required (content.py reports a missing one), but not here: a page without them still gets every other
    # check, so a contributor sees all problems at once.
    asked_as: list[Phrasing] = Field(
        default_factory=list,
        min_length=2,
        max_length=5,
        description="2-5 other wordings of the question: a rewording, a scenario, a short keyword form.",
    )
    category: Slug = Field(description="Category key; must match the folder.")
    topics: list[Slug] = Field(min_length=1, max_length=6, description="Topic keys from the taxonomy.")
    difficulty: Difficulty
    companies: list[CompanyTag] = Field(default_factory=list)
    notebooks: list[Slug] = Field(default_factory=list, description="Names of files in content/notebooks/.")
    related: list[QuestionId] = Field(default_factory=list, description="Ids of related questions.")
    roles: list[Slug] = Field(default_factory=list, description="Role keys from the taxonomy.")
    rubric: list[RubricPoint] = Field(
        default_factory=list,
        min_length=3,
        max_length=5,
        description="3-5 points a complete answer must make, for self-grading.",
    )
    last_reviewed: dt.date = Field(description="Date of the last full review (YYYY-MM-DD, unquoted).")
