"""Loading and validating everything under ``content/``."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from mlq import checks, frontmatter, sections
from mlq.companies import LoopReport, load_loops
from mlq.model import CompanyTag, FrontMatter
from mlq.problems import ContentError, Problem
from mlq.taxonomy import Taxonomy, load_taxonomy, suggest

URLS_FILE = "content/urls.yml"  # every URL each question has had, so moved pages keep redirecting
MAX_FILE_BYTES = 200_000  # the longest real answer is ~10 KB; anything near this is a mistake
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_LISTS = {
    "asked_as": "2-5 other ways interviewers ask this question (CONTRIBUTING.md, 'Also asked as')",
    "rubric": "3-5 points a complete answer must make (CONTRIBUTING.md, 'Rubric')",
}


@dataclass(frozen=True)
class ResolvedCompany:
    key: str
    tag: CompanyTag


@dataclass(frozen=True)
class Question:
    meta: FrontMatter
    path: str  # relative to the repository root, POSIX separators
    slug: str
    body: str
    body_line: int
    sections: dict[str, sections.Section]
    companies: tuple[ResolvedCompany, ...]
    lines: dict[frontmatter.Path_, int]  # front matter key path -> line, for error messages
    links: tuple[tuple[int, str], ...] = ()  # (body line offset, target) of relative links, checked after loading

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def category(self) -> str:
        return self.meta.category

    @property
    def src_uri(self) -> str:
        return f"questions/{self.category}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"questions/{self.category}/{self.slug}/"

    # Cached: the page description, the JSON export and both flashcard exports read these, and the question
    # never changes once loaded (frozen; cached_property writes to the instance dict, not through __setattr__).
    @functools.cached_property
    def short_answer(self) -> str:
        return sections.plain_text(self.sections[sections.SHORT_ANSWER].text)

    @functools.cached_property
    def short_answer_math(self) -> str:
        """The 30-second answer as text with its ``$...$`` math kept."""
        return sections.answer_text(self.sections[sections.SHORT_ANSWER].text)

    @property
    def words(self) -> int:
        return sections.word_count(self.body)


@dataclass(frozen=True)
class Notebook:
    name: str
    path: str  # relative to the repository root
    title: str
    summary: str  # the first paragraph after the title, for the notebooks index

    @property
    def src_uri(self) -> str:
        return f"notebooks/{self.name}.py"


@dataclass
class Content:
    root: Path
    taxonomy: Taxonomy
    questions: list[Question] = field(default_factory=list)
    notebooks: dict[str, Notebook] = field(default_factory=dict)
    url_history: dict[str, list[str]] = field(default_factory=dict)  # id -> every URL it has had
    loops: dict[str, tuple[LoopReport, ...]] = field(default_factory=dict)  # company -> reports on its rounds

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _walk(root: Path, folder: Path, problems: list[Problem]) -> list[Path]:
    """All files below ``folder``, refusing symlinks (they could point outside the repository)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                problems.append(Problem(_rel(root, here / name), None, "symlinks are not allowed in content/"))
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            if path.is_symlink():
                problems.append(Problem(_rel(root, path), None, "symlinks are not allowed in content/"))
            elif not name.startswith("."):
                found.append(path)
    return found


def _notebook_header(text: str, fallback: str) -> tuple[str, str]:
    """Title and first paragraph of a jupytext percent notebook's opening Markdown cell."""
    title, summary_lines = fallback, []
    in_markdown = False
    for line in text.split("\n"):
        if line.startswith("# %%"):
            if in_markdown:
                break
            in_markdown = "[markdown]" in line
            continue
        if not in_markdown:
            continue
        stripped = line.removeprefix("#").strip()
        heading = re.match(r"^#\s+(.+)$", stripped)
        if heading and title == fallback:
            title = heading.group(1).strip()
        elif stripped:
            summary_lines.append(stripped)
        elif summary_lines:
            break
    return title, " ".join(summary_lines)


def load_question(root: Path, path: Path, taxonomy: Taxonomy) -> tuple[Question | None, list[Problem]]:
    rel = _rel(root, path)
    problems: list[Problem] = []

    def report(line: int | None, message: str) -> None:
        problems.append(Problem(rel, line, message))

    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        report(None, f"file is {len(raw):,} bytes; a question page must be under {MAX_FILE_BYTES:,} bytes")
        return None, problems
    try:
        parsed = frontmatter.parse(frontmatter.normalise_text(raw))
    except frontmatter.FrontMatterError as exc:
        report(exc.line, exc.message)
        return None, problems

    try:
        meta = FrontMatter.model_validate(parsed.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            name = ".".join(map(str, loc)) or "front matter"
            message = error["msg"]
            if error["type"] == "missing":
                message = "required field is missing"
            elif error["type"] == "extra_forbidden":
                known = sorted(FrontMatter.model_fields)
                message = f"unknown field{suggest(str(loc[-1]), known)}"
            elif "input" in error and not isinstance(error["input"], dict | list):
                message = f"{message} (got {error['input']!r})"
            report(frontmatter.line_for(parsed.lines, loc), f"{name}: {message}")
        return None, problems

    line = parsed.lines.get
    # Reported, but the question still loads: its links, ids and related pages are checked all the same.
    missing = [
        Problem(rel, 2, f"{name}: required field is missing; add {what}")
        for name, what in REQUIRED_LISTS.items()
        if not getattr(meta, name)
    ]
    slug = path.stem
    parts = Path(rel).parts  # content/questions/<category>/<slug>.md
    if not _SLUG.match(slug):
        report(None, "file name must be lowercase words joined by hyphens, e.g. 'bias-variance.md'")
    if parts[-2] != meta.category:
        report(line(("category",)), f"category '{meta.category}' does not match the folder '{parts[-2]}'")
    if meta.category not in taxonomy.categories:
        report(
            line(("category",)),
            f"unknown category '{meta.category}'{suggest(meta.category, list(taxonomy.categories))}",
        )
    for index, topic in enumerate(meta.topics):
        if topic not in taxonomy.topics:
            report(line(("topics", index)), f"unknown topic '{topic}'{suggest(topic, list(taxonomy.topics))}")
        elif topic in meta.topics[:index]:
            report(line(("topics", index)), f"topic '{topic}' is listed twice")
    for index, role in enumerate(meta.roles):
        if role not in taxonomy.roles:
            report(line(("roles", index)), f"unknown role '{role}'{suggest(role, list(taxonomy.roles))}")
    companies: list[ResolvedCompany] = []
    for index, tag in enumerate(meta.companies):
        key = taxonomy.company_key(tag.name)
        if key is None:
            known = list(taxonomy.companies) + [a for c in taxonomy.companies.values() for a in c.aliases]
            hint = suggest(tag.name.lower(), known)
            report(line(("companies", index, "name")), f"unknown company '{tag.name}'{hint}")
        elif key in (c.key for c in companies):
            report(line(("companies", index, "name")), f"company '{key}' is listed twice")
        else:
            companies.append(ResolvedCompany(key, tag))

    found, structure = sections.split_sections(parsed.body, parsed.body_line)
    for body_line, message in structure:
        report(body_line, message)
    prose = checks.prose_lines(parsed.body)  # once: both checks read it
    for offset, message in checks.unsafe_html(prose):
        report(parsed.body_line + offset, message)
    if problems:
        return None, problems + missing
    question = Question(
        meta=meta,
        path=rel,
        slug=slug,
        body=parsed.body,
        body_line=parsed.body_line,
        sections=found,
        companies=tuple(companies),
        lines=parsed.lines,
        links=tuple(checks.relative_links(prose)),
    )
    return question, missing


# Headings the generator adds to question pages (see templates/question.md.j2), which links may target.
GENERATED_ANCHORS = frozenset(
    {"check-your-answer", "example-notebook", "example-notebooks", "where-this-was-asked", "related-questions"}
)


def _anchors(question: Question) -> set[str]:
    found = {checks.slugify(h.text) for h in sections.headings(question.body)}
    return found | {checks.slugify(question.title)} | GENERATED_ANCHORS


def _link_checks(content: Content) -> list[Problem]:
    """Links from a question to questions (and their anchors) resolve; no link leaves the site."""
    problems: list[Problem] = []
    by_uri = {q.src_uri: q for q in content.questions}
    for q in content.questions:
        for offset, target in q.links:
            line = q.body_line + offset
            uri, anchor = checks.resolve(target, q.src_uri) if not target.startswith("#") else (q.src_uri, target[1:])
            if uri.startswith("../") or uri == "..":
                problems.append(Problem(q.path, line, f"link '{target}' points outside the site"))
            elif uri.startswith("questions/") and uri.endswith(".md") and not uri.endswith("/index.md"):
                linked = by_uri.get(uri)
                if linked is None:
                    hint = suggest(uri, list(by_uri))
                    problems.append(Problem(q.path, line, f"link '{target}': no question at content/{uri}{hint}"))
                elif anchor and anchor not in _anchors(linked):
                    problems.append(Problem(q.path, line, f"link '{target}': no heading '#{anchor}' on {linked.path}"))
    return problems


def phrasing_key(text: str) -> str:
    """A question's wording reduced to what makes two phrasings the same: case, spacing, punctuation."""
    words = re.findall(r"[0-9a-z]+", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(words)


def _phrasing_checks(content: Content) -> list[Problem]:
    """``asked_as`` entries differ from the title and from each other, and no two pages share a phrasing
    (a phrasing names the one page that answers it; search ranks by it)."""
    problems: list[Problem] = []
    owners: dict[str, list[tuple[Question, tuple[str | int, ...]]]] = defaultdict(list)
    for q in content.questions:
        owners[phrasing_key(q.title)].append((q, ("title",)))
        seen: dict[str, int] = {}
        for index, phrasing in enumerate(q.meta.asked_as):
            key = phrasing_key(phrasing)
            where = q.lines.get(("asked_as", index))
            if key == phrasing_key(q.title):
                problems.append(Problem(q.path, where, "asked_as: this phrasing is the title; write another wording"))
            elif key in seen:
                problems.append(Problem(q.path, where, f"asked_as: same phrasing as entry {seen[key] + 1}"))
            else:
                seen[key] = index
                owners[key].append((q, ("asked_as", index)))
    for entries in owners.values():
        pages = {q.path for q, _ in entries}
        if len(pages) < 2:
            continue
        for q, loc in entries:
            others = ", ".join(sorted(p for p in pages if p != q.path))
            what = "title" if loc == ("title",) else "asked_as phrasing"
            problems.append(
                Problem(q.path, q.lines.get(loc), f"{what} is also a phrasing of {others}; one page per phrasing")
            )
    return problems


def _cross_checks(content: Content) -> list[Problem]:
    problems: list[Problem] = _link_checks(content) + _phrasing_checks(content)
    by_id: dict[str, list[Question]] = defaultdict(list)
    for question in content.questions:
        by_id[question.id].append(question)
    for qid, same in by_id.items():
        if len(same) > 1:
            paths = ", ".join(q.path for q in same)
            for question in same:
                problems.append(
                    Problem(question.path, question.lines.get(("id",)), f"duplicate id '{qid}' (used by {paths})")
                )
    for question in content.questions:
        where = question.lines
        for index, rid in enumerate(question.meta.related):
            if rid == question.id:
                problems.append(
                    Problem(question.path, where.get(("related", index)), "a question cannot be related to itself")
                )
            elif rid not in by_id:
                hint = suggest(rid, list(by_id))
                problems.append(
                    Problem(question.path, where.get(("related", index)), f"related id '{rid}' does not exist{hint}")
                )
        for index, name in enumerate(question.meta.notebooks):
            if name not in content.notebooks:
                hint = suggest(name, list(content.notebooks))
                problems.append(
                    Problem(
                        question.path,
                        where.get(("notebooks", index)),
                        f"notebook '{name}' not found in content/notebooks/{hint}",
                    )
                )
    return problems


def load_url_history(root: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    path = root / URLS_FILE
    if not path.is_file():
        return {}, []
    try:
        # libyaml when PyYAML has it: this file has one entry per question.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=frontmatter.FAST_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(URLS_FILE, mark.line + 1 if mark else None, f"invalid YAML: {exc}")]
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(u, str) for u in v) for k, v in data.items()
    ):
        return {}, [Problem(URLS_FILE, None, "must map each question id to a list of URLs")]
    return data, []


def _url_checks(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    current = {q.id: q for q in content.questions}
    for q in content.questions:
        if q.url not in content.url_history.get(q.id, []):
            problems.append(
                Problem(
                    q.path,
                    q.lines.get(("id",)),
                    f"new or moved question: its URL '{q.url}' is not in {URLS_FILE}; run `mlq urls` to record it "
                    "(earlier URLs of the same id keep redirecting here)",
                )
            )
    for qid in content.url_history:
        if qid not in current:
            problems.append(
                Problem(
                    URLS_FILE, None, f"'{qid}' is not the id of any question; restore the question or remove its entry"
                )
            )
    return problems


def load_content(root: Path) -> Content:
    """Load and validate ``root/content``. Raises ContentError listing every problem found."""
    root = root.resolve()
    content_dir = root / "content"
    taxonomy = load_taxonomy(root)
    content = Content(root=root, taxonomy=taxonomy)
    problems: list[Problem] = []

    notebooks_dir = content_dir / "notebooks"
    if notebooks_dir.is_dir():
        for path in _walk(root, notebooks_dir, problems):
            rel = _rel(root, path)
            if path.suffix != ".py" or path.parent != notebooks_dir:
                problems.append(
                    Problem(rel, None, "content/notebooks/ holds only jupytext '.py' notebooks, no sub-folders")
                )
            elif not _SLUG.match(path.stem):
                problems.append(Problem(rel, None, "notebook file name must be lowercase words joined by hyphens"))
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
                title, summary = _notebook_header(text, path.stem)
                content.notebooks[path.stem] = Notebook(path.stem, rel, title, summary)

    questions_dir = content_dir / "questions"
    for path in _walk(root, questions_dir, problems) if questions_dir.is_dir() else []:
        rel = _rel(root, path)
        depth = len(path.relative_to(questions_dir).parts)
        if path.suffix != ".md":
            problems.append(Problem(rel, None, "only '.md' question files belong in content/questions/"))
            continue
        if depth != 2:
            problems.append(Problem(rel, None, "question files live at content/questions/<category>/<slug>.md"))
            continue
        question, found = load_question(root, path, taxonomy)
        problems.extend(found)
        if question is not None:
            content.questions.append(question)
    problems.extend(_cross_checks(content))
    content.loops, found = load_loops(root, taxonomy)
    problems.extend(found)
    content.url_history, found = load_url_history(root)
    problems.extend(found)
    if not found:
        problems.extend(_url_checks(content))
    if problems:
        raise ContentError(problems)
    content.questions.sort(key=lambda q: q.id)
    return content
