"""Python code blocks in answers: every one runs in the test suite unless marked as illustration."""

from __future__ import annotations

import re
from dataclasses import dataclass

ILLUSTRATION_MARK = "<!-- illustration -->"
_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")


@dataclass(frozen=True)
class CodeBlock:
    language: str
    code: str
    line: int  # 1-based line of the opening fence, in the body
    illustration: bool


def code_blocks(body: str) -> list[CodeBlock]:
    """Fenced code blocks in Markdown, with the fence's language and whether it is marked illustration-only."""
    lines = body.split("\n")
    blocks: list[CodeBlock] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = match.group("indent"), match.group("fence")
        info = match.group("info").strip()
        language = info.split()[0].lstrip(".{").rstrip("}") if info else ""
        previous = next((lines[j].strip() for j in range(index - 1, -1, -1) if lines[j].strip()), "")
        body_lines: list[str] = []
        end = index + 1
        while end < len(lines):
            stripped = lines[end].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            body_lines.append(lines[end][len(indent) :] if lines[end].startswith(indent) else lines[end].lstrip())
            end += 1
        blocks.append(CodeBlock(language, "\n".join(body_lines), index + 1, previous == ILLUSTRATION_MARK))
        index = end + 1
    return blocks


def runnable_python(body: str) -> list[CodeBlock]:
    return [b for b in code_blocks(body) if b.language in ("python", "py") and not b.illustration]
