"""Front matter schema errors in plain words, for contributors who have never read a pydantic message.

``related.1: String should match pattern '^mlq-[0-9]{4,}$'`` becomes
``related item 2: 'mlq-511' is not a question id (ids look like mlq-0042)``.
"""

from __future__ import annotations

from typing import Any

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from mlq.model import CompanyTag, FrontMatter
from mlq.taxonomy import suggest

# What a list field holds, for "give 3 to 5 points (found 2)".
_ITEMS = {
    "asked_as": "other phrasings of the question",
    "rubric": "points",
    "topics": "topics",
}
_SLUG_FIELDS = {"category", "topics", "roles"}
_TYPES = {
    "string_type": "should be text",
    "list_type": "should be a list, e.g. [first, second]",
    "int_type": "should be a whole number",
    "model_type": "should be a mapping with 'name' and 'source' keys",
    "dict_type": "should be a mapping of keys to values",
    "date_type": "should be a date written YYYY-MM-DD, without quotes",
    "bool_type": "should be true or false",
}


def location(loc: tuple[int | str, ...]) -> str:
    """``('companies', 0, 'source')`` → ``companies item 1, source`` (items counted from 1, as people do)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(f", {part}" if parts else part)
    return " ".join(parts).replace(" ,", ",") or "front matter"


def _bounds(model: type[BaseModel], name: str) -> tuple[int | None, int | None]:
    """The (min, max) length the model allows for list field ``name``."""
    info = model.model_fields.get(name)
    low = high = None
    for item in info.metadata if info else []:
        if isinstance(item, MinLen):
            low = item.min_length
        elif isinstance(item, MaxLen):
            high = item.max_length
    return low, high


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel]:
    return CompanyTag if loc[:1] == ("companies",) and len(loc) > 2 else FrontMatter


def _got(value: Any) -> str:
    return f" (got {value!r})" if not isinstance(value, dict | list) else ""


def plain_message(error: ErrorDetails) -> str:
    """``location: message`` for one pydantic error on the front matter."""
    loc = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = f"unknown field{suggest(str(loc[-1]), sorted(_model_at(loc).model_fields))}"
    elif kind == "string_pattern_mismatch" and field in ("id", "related"):
        message = f"{value!r} is not a question id (ids look like mlq-0042)"
    elif kind == "string_pattern_mismatch" and field == "source":
        message = f"{value!r} is not an https:// address; give the public report's https URL"
    elif kind == "string_pattern_mismatch" and field == "notebooks":
        message = f"{value!r} is not a notebook name: its file name in content/notebooks/, without '.py'"
    elif kind == "string_pattern_mismatch" and field in _SLUG_FIELDS:
        message = f"{value!r} is not a key of content/taxonomy.yml: lowercase words joined by hyphens"
    elif kind in ("too_short", "too_long") and field in _ITEMS:
        low, high = _bounds(FrontMatter, field)
        message = f"give {low} to {high} {_ITEMS[field]} (found {ctx.get('actual_length')})"
    elif kind == "string_too_short":
        length = len(value.strip()) if isinstance(value, str) else 0
        message = f"too short ({length} characters); write at least {ctx['min_length']}"
    elif kind == "string_too_long":
        length = len(value.strip()) if isinstance(value, str) else 0
        message = f"too long ({length} characters); keep it to {ctx['max_length']}"
    elif kind == "literal_error":
        message = f"{value!r} is not one of {ctx['expected']}"
    elif kind in ("greater_than_equal", "less_than_equal") and field == "year":
        message = f"{value!r} is not a plausible year (2000 to 2100)"
    elif kind == "string_type" and isinstance(value, bool):
        # PyYAML reads yes/no/on/off/true/false as booleans.
        message = f"should be text (got {value!r}: YAML reads words like no, yes, on and off as true/false); quote it"
    elif kind in _TYPES:
        message = _TYPES[kind] + _got(value)
    else:
        message = error["msg"] + _got(value)
    return f"{location(loc)}: {message}"
