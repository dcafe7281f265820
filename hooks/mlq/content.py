"""Loading and validating everything under ``content/``."""

from __future__ import annotations

import functools
import math
import os
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from mlq import checks, frontmatter, sections
from mlq.companies import LoopReport, load_loops
from mlq.mathrender import MathError, MathRenderer
from mlq.mathtext import tex_to_text
from mlq.messages import plain_message
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

    @functools.cached_property
    def title_text(self) -> str:
        """The title with its ``$...$`` math as plain text (``$\\sqrt{d_k}$`` → ``√dₖ``), where nothing typesets it:
        the page's <title>, redirects, exports."""
        return sections.INLINE_MATH.sub(lambda m: tex_to_text(m.group(0)[1:-1]), self.title)

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

    @functools.cached_property
    def body_text(self) -> str:
        """The body as plain text (the search index's words)."""
        return sections.plain_text(self.body)

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


SCAFFOLD = Path(__file__).parent / "templates" / "new_question.md.j2"  # what `mlq new` writes


@functools.cache
def _scaffold_text() -> dict[str, frozenset[str]]:
    """Section title -> the scaffold's fixed placeholder lines in it (lines with Jinja vary, so are left out)."""
    _, body, _ = frontmatter.split(SCAFFOLD.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = defaultdict(set)
    current = ""
    for line in body.split("\n"):
        if line.startswith("## "):
            current = line[3:].strip()
        elif current and line.strip() and "{{" not in line and "{%" not in line:
            found[current].add(line.strip())
    return {title: frozenset(lines) for title, lines in found.items()}


def template_text(body: str, body_line: int) -> list[tuple[int, str]]:
    """(line, message) for each section that still holds the scaffold's placeholder text."""
    placeholders = _scaffold_text()
    problems: list[tuple[int, str]] = []
    current = ""
    lines = body.split("\n")
    for index, (line, prose) in enumerate(zip(lines, sections.outside_fences(lines), strict=True)):
        if prose and line.startswith("## "):
            current = line[3:].strip()
        elif current and line.strip() in placeholders.get(current, ()):
            problems.append((body_line + index, f"replace the template text in section '## {current}'"))
            current = ""  # once per section
    return problems


def load_question(
    root: Path, path: Path, taxonomy: Taxonomy, raw: bytes | None = None
) -> tuple[Question | None, list[Problem]]:
    """The question in ``path`` (whose bytes are ``raw`` if given) and the problems found in it alone."""
    rel = _rel(root, path)
    problems: list[Problem] = []

    def report(line: int | None, message: str) -> None:
        problems.append(Problem(rel, line, message))

    raw = path.read_bytes() if raw is None else raw
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
            report(frontmatter.line_for(parsed.lines, tuple(error["loc"])), plain_message(error))
        return None, problems

    line = parsed.lines.get
    # Reported, but the question still loads: its links, ids and related pages are checked all the same.
    for name in REQUIRED_LISTS:
        for index, text in enumerate(getattr(meta, name)):
            if sections.INLINE_MATH.search(text) or sections.DISPLAY_MATH.search(text):
                report(line((name, index)), f"{name} item {index + 1}: plain text only; write λ or ‖w‖², not $...$")
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
    # Reported, but the question still loads: `mlq new` records the URL of the scaffold it just wrote.
    for body_line, message in template_text(parsed.body, parsed.body_line):
        report(body_line, message)
    return question, problems + missing


# Headings the generator adds to question pages (see templates/question.md.j2), which links may target.
GENERATED_ANCHORS = frozenset(
    {"check-your-answer", "example-notebook", "example-notebooks", "where-this-was-asked", "related-questions"}
)


def _anchors(question: Question) -> set[str]:
    found = {checks.slugify(h.text) for h in sections.headings(question.body)}
    return found | {checks.slugify(question.title)} | GENERATED_ANCHORS


def _file_link(linked: Question, here: Question, anchor: str) -> str:
    """The link to write in ``here``'s file for ``linked``: its source file, relative."""
    link = posixpath.relpath(linked.src_uri, posixpath.dirname(here.src_uri))
    return f"{link}#{anchor}" if anchor else link


def _link_checks(content: Content) -> list[Problem]:
    """Links from a question to questions (and their anchors) resolve; no link leaves the site.

    Links name a page's source file (``../evaluation-metrics/log-loss.md``), which MkDocs checks and rewrites,
    or a question's id (``mlq-0506``), which the site points at the question's file (see
    ``checks.replace_id_links``). A site URL (``../log-loss/``) would stop the strict build with a message
    naming neither file nor line.
    """
    problems: list[Problem] = []
    by_uri = {q.src_uri: q for q in content.questions}
    by_url = {q.url.rstrip("/"): q for q in content.questions}
    by_id = content.by_id()
    for q in content.questions:
        for offset, target in q.links:
            line = q.body_line + offset
            path, _, anchor = target.partition("#")
            uri, anchor = checks.resolve(target, q.src_uri) if path else (q.src_uri, anchor)
            if checks.ID_LINK.match(path):
                linked = by_id.get(path)
                if linked is None:
                    hint = suggest(path, list(by_id))
                    problems.append(Problem(q.path, line, f"link '{target}': no question has the id '{path}'{hint}"))
                else:
                    problems.extend(_anchor_check(q, line, target, linked, anchor))
            elif uri.startswith("../") or uri == "..":
                problems.append(Problem(q.path, line, f"link '{target}' points outside the site"))
            elif not posixpath.splitext(uri)[1]:
                # A site URL: read relative to the page's URL, as the writer who copied it from a browser meant it.
                as_url = posixpath.normpath(posixpath.join(q.url, path))
                linked = by_url.get(as_url) or by_url.get(uri)
                fix = (
                    f"write the link to the question's file, `{_file_link(linked, q, anchor)}`, or its id, "
                    f"`{linked.id}{'#' + anchor if anchor else ''}`"
                    if linked is not None
                    else "link to the page's Markdown file (its path ending in '.md'), as it is in the repository"
                )
                problems.append(
                    Problem(q.path, line, f"link '{target}' is a site URL, which the build cannot check; {fix}")
                )
            elif uri.startswith("questions/") and uri.endswith(".md") and not uri.endswith("/index.md"):
                linked = by_uri.get(uri)
                if linked is None:
                    hint = suggest(uri, list(by_uri))
                    problems.append(Problem(q.path, line, f"link '{target}': no question at content/{uri}{hint}"))
                else:
                    problems.extend(_anchor_check(q, line, target, linked, anchor))
    return problems


def _anchor_check(q: Question, line: int, target: str, linked: Question, anchor: str) -> list[Problem]:
    """A link's anchor names a heading of the question it points to, by file or by id."""
    if not anchor or anchor in (anchors := _anchors(linked)):
        return []
    hint = suggest(anchor, sorted(anchors))
    return [Problem(q.path, line, f"link '{target}': no heading '#{anchor}' on {linked.path}{hint}")]


def phrasing_key(text: str) -> str:
    """A question's wording reduced to what makes two phrasings the same: case, spacing, punctuation."""
    words = re.findall(r"[0-9a-z]+", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(words)


# Words that make two phrasings look alike without making them the same question.
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "to",
        "is",
        "are",
        "what",
        "how",
        "why",
        "when",
        "which",
        "do",
        "does",
        "you",
        "your",
        "would",
        "with",
        "between",
        "vs",
        "versus",
        "it",
        "its",
        "that",
        "this",
        "be",
        "can",
        "each",
        "use",
    ]
)
NEAR_DUPLICATE = 0.75  # Jaccard similarity of content words; the closest two distinct real questions score 0.5


def content_words(text: str) -> frozenset[str]:
    """A phrasing's words without filler and plural s: what two near-identical questions share."""
    return frozenset(w.removesuffix("s") for w in phrasing_key(text).split() if w not in _FILLER)


def near_duplicates(items: list[frozenset[str]], threshold: float = NEAR_DUPLICATE) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of word sets with Jaccard similarity >= threshold.

    Prefix filtering (each set indexed by its rarest words only): two sets that similar must share one of them,
    so the check stays near-linear in the number of phrasings instead of comparing every pair.
    """
    freq: Counter[str] = Counter(w for words in items for w in words)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for i, words in enumerate(items):
        if not words:
            continue
        ordered = sorted(words, key=lambda w: (freq[w], w))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        candidates = {j for w in prefix for j in index[w]}
        for j in sorted(candidates):
            other = items[j]
            if len(words & other) / len(words | other) >= threshold:
                pairs.append((j, i))
        for w in prefix:
            index[w].append(i)
    return pairs


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
    # Near-identical (not equal) titles on two pages: the same question asked twice. Titles only: short keyword
    # phrasings share most of their few words by nature, and comparing every phrasing costs seconds at 10,000
    # questions (equal phrasings are caught above).
    flat = [(q, ("title",), q.title) for q in content.questions]
    for i, j in near_duplicates([content_words(text) for _, _, text in flat]):
        (qa, la, ta), (qb, lb, tb) = flat[i], flat[j]
        if qa.path == qb.path or phrasing_key(ta) == phrasing_key(tb):
            continue
        for q, loc, other_q, other_text in ((qa, la, qb, tb), (qb, lb, qa, ta)):
            what = "title" if loc == ("title",) else "asked_as phrasing"
            problems.append(
                Problem(
                    q.path,
                    q.lines.get(loc),
                    f"{what} is nearly the same question as {other_q.path} ('{other_text}'); "
                    "merge the two pages or give each a distinct question",
                )
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


_DECLARED_ID = re.compile(r"^id:\s*['\"]?(mlq-[0-9]+)['\"]?\s*(?:#.*)?$", re.M)


def _declared_id(path: Path) -> str | None:
    """The id a question file declares, read without parsing it (for a file whose front matter failed)."""
    head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
    match = _DECLARED_ID.search(head)
    return match.group(1) if match else None


def _url_checks(content: Content, unloaded: set[str]) -> list[Problem]:
    """Each question's URL is recorded; each recorded id is a question. ``unloaded``: ids of question files
    that failed to load, whose entries are not orphans (their own problem is reported instead)."""
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
        if qid not in current and qid not in unloaded:
            problems.append(
                Problem(
                    URLS_FILE, None, f"'{qid}' is not the id of any question; restore the question or remove its entry"
                )
            )
    return problems


def _math_checks(questions: list[Question], renderer: MathRenderer) -> list[Problem]:
    """Every formula in titles and bodies typesets, as the build will require."""
    problems: list[Problem] = []
    for q in questions:
        found = [(q.lines.get(("title",)), tex, display) for _, tex, display in checks.formulas(q.title)]
        found += [(q.body_line + line, tex, display) for line, tex, display in checks.formulas(q.body)]
        for line, tex, display in found:
            try:
                renderer.render(tex.strip(), display)
            except MathError as exc:
                problems.append(Problem(q.path, line, f"KaTeX cannot typeset this math: {exc}"))
    return problems


class QuestionCache:
    """Questions as loaded from each file's bytes, for the rebuilds of one `mkdocs serve` process: a file that did
    not change (under the same taxonomy) is not parsed and validated again, and its Question keeps what it has
    computed (its plain text, summaries). Checks across files (links, ids, phrasings, URLs) run on every load."""

    def __init__(self) -> None:
        self._taxonomy: Taxonomy | None = None
        self._loaded: dict[tuple[str, bytes], tuple[Question | None, list[Problem]]] = {}
        self._kept: dict[tuple[str, bytes], tuple[Question | None, list[Problem]]] = {}

    def load(self, root: Path, path: Path, taxonomy: Taxonomy) -> tuple[Question | None, list[Problem]]:
        if taxonomy is not self._taxonomy:  # compared once per load (a new object each time), not per file
            if taxonomy != self._taxonomy:
                self._loaded = {}
            self._taxonomy = taxonomy
        raw = path.read_bytes()
        key = (_rel(root, path), raw)
        found = self._loaded.get(key)
        if found is None:
            found = load_question(root, path, taxonomy, raw)
        self._kept[key] = found
        return found[0], list(found[1])

    def finish(self) -> None:
        """One load is done: keep only its files' entries."""
        self._loaded, self._kept = self._kept, {}


def load_content(root: Path, math: MathRenderer | None = None, questions: QuestionCache | None = None) -> Content:
    """Load and validate ``root/content``. Raises ContentError listing every problem found.

    With ``math``, also typeset every formula (slower: the build does it anyway, `mlq check` needs it). With
    ``questions``, unchanged question files come from that cache.
    """
    root = root.resolve()
    content_dir = root / "content"
    taxonomy = load_taxonomy(root)
    content = Content(root=root, taxonomy=taxonomy)
    problems: list[Problem] = []
    unloaded: set[str] = set()

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
        question, found = (questions.load if questions else load_question)(root, path, taxonomy)
        problems.extend(found)
        if question is not None:
            content.questions.append(question)
        elif (declared := _declared_id(path)) is not None:
            unloaded.add(declared)
    if questions is not None:
        questions.finish()
    problems.extend(_cross_checks(content))
    if math is not None:
        problems.extend(_math_checks(content.questions, math))
    content.loops, found = load_loops(root, taxonomy)
    problems.extend(found)
    content.url_history, found = load_url_history(root)
    problems.extend(found)
    if not found:
        problems.extend(_url_checks(content, unloaded))
    if problems:
        raise ContentError(problems)
    content.questions.sort(key=lambda q: q.id)
    return content
