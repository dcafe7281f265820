"""Strict front matter parsing with line numbers.

MkDocs silently ignores broken front matter, so we parse it ourselves: the file must start with a
``---`` line, the YAML must parse, keys must be unique, and every value keeps its source line so
schema errors can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Parsed:
    data: dict[str, Any]
    lines: dict[Path_, int]  # YAML path -> 1-based line in the file
    body: str
    body_line: int  # 1-based line where the body starts


class FrontMatterError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def normalise_text(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is accepted) and normalise line endings to ``\\n``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(line, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line)."""
    if not text.strip():
        raise FrontMatterError(1, "file is empty; a question needs front matter and a body")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError(1, "file must start with a '---' line opening the front matter")
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise FrontMatterError(1, "front matter opened with '---' is never closed by a second '---' line")


def _line_map(node: yaml.Node, path: Path_, offset: int, out: dict[Path_, int]) -> None:
    out[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + offset
            if key in seen:
                raise FrontMatterError(line, f"duplicate key '{key}' (first set on line {seen[key]})")
            seen[key] = line
            out[(*path, key)] = line
            _line_map(value_node, (*path, key), offset, out)
            out[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), offset, out)


# libyaml's parser and emitter (about 10x faster) when PyYAML was built with it, as its wheels are.
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def parse_yaml(yaml_text: str, offset: int, what: str = "front matter") -> tuple[dict[str, Any], dict[Path_, int]]:
    """A YAML mapping and the file line of every key path in it (YAML line 0 is file line ``offset``).

    Duplicate keys and bad scalars are errors with their line, as for front matter.
    """
    try:
        try:
            node = yaml.compose(yaml_text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            # libyaml words errors differently; the pure-Python parser gives the messages the docs show.
            node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        reason = exc.problem or str(exc)
        mark = exc.problem_mark
        if exc.context_mark is not None and ("end of stream" in reason or "stream end" in reason):
            # An unclosed quote or bracket: point at where it was opened, not at the end of the file.
            mark = exc.context_mark
            reason = f"{exc.context} that is never closed"
        line = mark.line + offset if mark is not None else None
        if "'\\t'" in reason:
            reason += " (YAML does not allow tabs for indentation: use spaces)"
        raise FrontMatterError(line, f"invalid YAML in {what}: {reason}") from None
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(offset, f"{what} must be a YAML mapping of keys to values")
    lines: dict[Path_, int] = {}
    _line_map(node, (), offset, lines)
    # Construct value by value so a bad scalar (e.g. the date 2026-13-45) is reported on its line.
    loader = yaml.SafeLoader("")
    data: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        try:
            data[key] = loader.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            raise FrontMatterError(lines[(key,)], f"invalid value for '{key}': {exc}") from None
    return data, lines


def parse(text: str) -> Parsed:
    yaml_text, body, body_line = split(text)
    # YAML line 0 is file line 2 (after the opening '---')
    data, lines = parse_yaml(yaml_text, offset=2)
    return Parsed(data=data, lines=lines, body=body, body_line=body_line)


def line_for(lines: dict[Path_, int], loc: Path_) -> int | None:
    """The line of the longest prefix of ``loc`` that has one."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None
