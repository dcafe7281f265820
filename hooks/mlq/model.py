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


Evidence = Literal["first-hand", "relayed"]
EVIDENCE: tuple[Evidence, ...] = ("first-hand", "relayed")
EXCERPT_MAX = 300
# Whitespace is stripped first, so a blank excerpt fails the length check.
Excerpt = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=8, max_length=EXCERPT_MAX),
    Field(description=f"At most {EXCERPT_MAX} characters quoted verbatim from the source, naming the question."),
]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s/$.?#][^\s]*$")]


class CompanyTag(_Strict):
    """A public report that the question was asked at a company. No source, no tag."""

    name: str = Field(min_length=1, description="Company key or alias from content/taxonomy.yml.")
    source: HttpsUrl = Field(description="https URL of a public interview report naming this question.")
    evidence: Evidence = Field(
        description=(
            "first-hand: the candidate's own report or the company's own interview guide; "
            "relayed: a named third party (an interview-prep site, a translated forum post) states it was asked there."
        )
    )
    excerpt: Excerpt
    year: int | None = Field(
        default=None, ge=2000, le=2100, description="Year of the report, when the source gives one."
    )
    role: str | None = Field(
        default=None,
        min_length=2,
        max_length=100,
        description="The role interviewed for, as the source names it, when it gives one.",
    )


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
