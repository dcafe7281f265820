"""What public reports say about each company's interview loop, from ``content/companies.yml``.

Data, not template text: every claim carries the report it comes from, and is validated like front matter
(problems name the file and line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from mlq.frontmatter import FrontMatterError, line_for, normalise_text, parse_yaml
from mlq.model import EXCERPT_MAX, Evidence, Excerpt, HttpsUrl
from mlq.problems import Problem
from mlq.taxonomy import Taxonomy, suggest

COMPANIES_FILE = "content/companies.yml"

Claim = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LoopReport(_Strict):
    """One thing a public report says about a company's interview rounds."""

    claim: Claim = Field(description="What the report says about the rounds, in our words.")
    source: HttpsUrl = Field(description="https URL of the public report.")
    evidence: Evidence
    quote: Excerpt = Field(description=f"At most {EXCERPT_MAX} characters quoted verbatim from the report.")
    year: int | None = Field(default=None, ge=2000, le=2100, description="Year of the report, when it gives one.")


class CompaniesFile(_Strict):
    loops: dict[str, list[LoopReport]] = Field(default_factory=dict)


def load_loops(root: Path, taxonomy: Taxonomy) -> tuple[dict[str, tuple[LoopReport, ...]], list[Problem]]:
    """Company key -> what reports say about its loop. A missing file means no loop descriptions."""
    path = root / COMPANIES_FILE
    if not path.is_file():
        return {}, []
    problems: list[Problem] = []
    try:
        data, lines = parse_yaml(normalise_text(path.read_bytes()), offset=1, what=COMPANIES_FILE)
    except FrontMatterError as exc:
        return {}, [Problem(COMPANIES_FILE, exc.line, exc.message)]
    try:
        parsed = CompaniesFile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            message = error["msg"]
            if error["type"] == "missing":
                message = "required field is missing"
            elif "input" in error and not isinstance(error["input"], dict | list):
                message = f"{message} (got {error['input']!r})"
            problems.append(Problem(COMPANIES_FILE, line_for(lines, loc), f"{'.'.join(map(str, loc))}: {message}"))
        return {}, problems
    for key in parsed.loops:
        if key not in taxonomy.companies:
            hint = suggest(key, list(taxonomy.companies))
            problems.append(Problem(COMPANIES_FILE, lines.get(("loops", key)), f"unknown company '{key}'{hint}"))
    return {key: tuple(reports) for key, reports in parsed.loops.items()}, problems
