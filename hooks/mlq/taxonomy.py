"""The site's vocabulary, loaded from ``content/taxonomy.yml``."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mlq.frontmatter import FAST_LOADER, FrontMatterError, normalise_text
from mlq.problems import ContentError, Problem


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Category(_Entry):
    title: str
    description: str
    order: int


class Topic(_Entry):
    title: str
    description: str


class Company(_Entry):
    title: str
    aliases: list[str] = Field(default_factory=list)


class Role(_Entry):
    title: str


class Taxonomy(_Entry):
    categories: dict[str, Category]
    topics: dict[str, Topic]
    companies: dict[str, Company]
    roles: dict[str, Role] = Field(default_factory=dict)

    def ordered_categories(self) -> list[str]:
        return sorted(self.categories, key=lambda key: (self.categories[key].order, key))

    def company_key(self, name: str) -> str | None:
        """Normalise a company name or alias (case-insensitive) to its key."""
        wanted = name.strip().lower()
        for key, company in self.companies.items():
            if wanted == key or wanted == company.title.lower() or wanted in (a.lower() for a in company.aliases):
                return key
        return None


def suggest(value: str, known: list[str]) -> str:
    """A ' (did you mean ...?)' hint, or an empty string."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


TAXONOMY_FILE = "content/taxonomy.yml"


def _load_yaml(text: str) -> Any:
    """``yaml.safe_load``, with libyaml's parser when it has it (the taxonomy is loaded on every build)."""
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        # libyaml words errors differently; the pure-Python parser gives the messages the docs show.
        return yaml.safe_load(text)


def load_taxonomy(root: Path) -> Taxonomy:
    """The taxonomy of the repository at ``root``; problems name ``content/taxonomy.yml``."""
    path, display = root / TAXONOMY_FILE, TAXONOMY_FILE
    try:
        data = _load_yaml(normalise_text(path.read_bytes()))
    except FileNotFoundError:
        raise ContentError([Problem(display, None, "taxonomy file is missing")]) from None
    except FrontMatterError as exc:
        raise ContentError([Problem(display, exc.line, exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ContentError([Problem(display, line, f"invalid YAML: {exc.problem}")]) from None
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        raise ContentError(
            Problem(display, None, f"{'.'.join(map(str, err['loc']))}: {err['msg']}") for err in exc.errors()
        ) from None
