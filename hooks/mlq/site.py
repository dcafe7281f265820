"""From validated content to the generated site: Markdown pages, static exports, index memberships."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import html
import json
import operator
import os
import posixpath
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import yaml

from mlq.checks import replace_id_links
from mlq.codeblocks import code_blocks
from mlq.companies import LoopReport
from mlq.content import Content, Notebook, Question, ResolvedCompany, load_content
from mlq.decks import ANKI_URI, CSV_URI, anki_deck, csv_export
from mlq.frontmatter import FAST_DUMPER
from mlq.model import DIFFICULTIES
from mlq.problems import ContentError, Problem
from mlq.searchindex import SEARCH_PAGE, guide_pages, render_search_files
from mlq.sections import INLINE_MATH, summary

TEMPLATES = Path(__file__).parent / "templates"
EXPORT_URI = "api/questions.json"
OPENSEARCH_URI = "opensearch.xml"  # lets browsers add the site's search (search/?q=) as a search engine
SNIPPETS = ("browse", "downloads")
RELATED_LIMIT = 6
DIFFICULTY_TITLES = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}
EVIDENCE_TITLES = {"first-hand": "first-hand", "relayed": "relayed"}
STALE_AFTER_YEARS = 4  # a company whose newest report is older than this says so on its page
CONTRIBUTING_ANCHOR = "CONTRIBUTING.md#company-tags"


@dataclass
class Site:
    """Everything the builder needs. Keys are ``src_uri`` values relative to the docs root."""

    content: Content
    pages: dict[str, str] = field(default_factory=dict)  # Markdown pages
    static: dict[str, str | bytes] = field(default_factory=dict)  # other generated files (JSON, decks, redirects)
    sources: dict[str, str] = field(default_factory=dict)  # page src_uri -> editable source file
    listings: dict[str, list[str]] = field(default_factory=dict)  # index page src_uri -> question ids
    # HTML appended to pages the builder renders itself (notebooks): src_uri -> fragment
    appendices: dict[str, str] = field(default_factory=dict)

    _render: Callable[..., str] | None = None  # (template, here, **context) -> str, set by build_site
    _published: dict[str, str] = field(default_factory=dict)  # lower-cased dest path -> first src_uri
    _collisions: list[Problem] = field(default_factory=list)

    def _claim(self, uri: str) -> None:
        # Two files with the same published path (even differing only by case) would overwrite each other.
        key = dest_path(uri).lower()
        if key in self._published:
            first = self._published[key]
            culprit = self.sources.get(uri) or self.sources.get(first) or uri
            self._collisions.append(Problem(culprit, None, f"'{uri}' and '{first}' would be published at the same URL"))
        else:
            self._published[key] = uri

    def snippet(self, name: str, here: str) -> str:
        """A generated Markdown fragment for a hand-written page (``<!-- mlq:NAME -->``), linked from ``here``."""
        if name not in SNIPPETS:
            raise ContentError(
                [Problem(f"docs/{here}", None, f"unknown snippet 'mlq:{name}' (known: {', '.join(SNIPPETS)})")]
            )
        assert self._render is not None, "Site objects come from build_site()"
        return self._render(f"snippets/{name}.md.j2", here)

    def notebooks_by_src_uri(self) -> dict[str, Notebook]:
        return {nb.src_uri: nb for nb in self.content.notebooks.values()}

    def add_page(self, src_uri: str, markdown: str, source: str | None = None) -> None:
        if source is not None:
            self.sources.setdefault(src_uri, source)
        self._claim(src_uri)
        self.pages.setdefault(src_uri, markdown)

    def add_static(self, uri: str, text: str | bytes) -> None:
        self._claim(uri)
        self.static.setdefault(uri, text)

    def check_collisions(self) -> None:
        if self._collisions:
            raise ContentError(self._collisions)


def dest_path(src_uri: str) -> str:
    """The published path of a page, as MkDocs computes it with ``use_directory_urls``.

    Notebooks (``notebooks/*.py``) are pages too: mkdocs-jupyter renders them.
    """
    if src_uri.endswith(".py") and src_uri.startswith("notebooks/"):
        stem = src_uri[:-3]
    elif not src_uri.endswith(".md"):
        return src_uri
    else:
        stem = src_uri[:-3]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return posixpath.join(stem, "index.html") if stem else "index.html"


def page_url(src_uri: str) -> str:
    """The directory URL of a page relative to the site root (``''`` for the home page)."""
    return dest_path(src_uri).removesuffix("index.html")


@functools.lru_cache(maxsize=65536)  # index pages link the same few hundred targets thousands of times
def relative_url(target: str, from_uri: str) -> str:
    """An HTML link from the published page of ``from_uri`` to the published path of ``target``."""
    start = page_url(from_uri) or "."
    link = posixpath.relpath(page_url(target) or ".", start)
    return link + "/" if target.endswith(".md") or target.endswith(".py") else link


def _plain(path: str) -> bool:
    return all(part not in ("", ".", "..") for part in path.split("/"))  # no leading/trailing/double slash either


def relative(target: str, from_uri: str) -> str:
    """A link from page ``from_uri`` to ``target`` (both src_uris), as MkDocs resolves it."""
    return _relative_from_folder(target, posixpath.dirname(from_uri))


# Keyed by folder, not page: every topic page (or company, or difficulty page) links the same questions and
# chips from the same folder, so most of the tens of thousands of links a build makes are cache hits.
@functools.lru_cache(maxsize=1 << 17)
def _relative_from_folder(target: str, start: str) -> str:
    """What ``posixpath.relpath(target, start)`` computes, without its ``abspath`` calls on both sides."""
    if not (_plain(target) and (not start or _plain(start))):
        return posixpath.relpath(target, start or ".")
    to_parts = target.split("/")
    from_parts = start.split("/") if start else []
    common = 0
    for a, b in zip(from_parts, to_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


@functools.lru_cache(maxsize=1 << 16)  # the same titles are escaped on every listing and related list they appear in
def md_escape(text: str) -> str:
    """Escape text for use inside Markdown link text and table cells."""
    return _MD_SPECIAL.sub(r"\\\1", text)


_MATH_SPLIT = re.compile(f"({INLINE_MATH.pattern})")


def md_escape_keep_math(text: str) -> str:
    """Like ``md_escape`` for prose that contains ``$...$`` math: the math is kept as written (escaping would
    corrupt the TeX), except ``|``, which would end a table cell, written as ``\\vert``."""
    parts = _MATH_SPLIT.split(text)
    return "".join(part.replace("|", r"\vert ") if index % 2 else md_escape(part) for index, part in enumerate(parts))


def html_math(text: str) -> markupsafe.Markup:
    """Escaped HTML for text with ``$...$`` math, the math wrapped as arithmatex wraps it, for the build to typeset
    (HTML templates, which Markdown does not read)."""
    parts = _MATH_SPLIT.split(text)
    return markupsafe.Markup(
        "".join(
            f'<span class="arithmatex">\\({html.escape(part[1:-1], quote=False)}\\)</span>'
            if index % 2
            else html.escape(part, quote=False)
            for index, part in enumerate(parts)
        )
    )


def front_matter(data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=FAST_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + text + "---\n"


# Chips are functions, not template macros: pages make some twenty thousand of them at 1,000 questions, and
# calling a Jinja macro costs several times as much as calling a function.
@jinja2.pass_context
def chip(context: jinja2.runtime.Context, label: str, target: str, kind: str) -> str:
    """A link to ``target`` shown as a chip of ``kind`` (category, topic, company or a difficulty level)."""
    return f"[{md_escape(label)}]({relative(target, context['here'])}){{ .mlq-chip .mlq-chip--{kind} }}"


@jinja2.pass_context
def difficulty_chip(context: jinja2.runtime.Context, level: str) -> str:
    return chip(context, DIFFICULTY_TITLES[level], LINKS.difficulty(level), level)


_SHARED_HOSTS = frozenset({"github.com", "medium.com", "gist.github.com"})  # the account says whose report it is


def source_host(url: str) -> str:
    """Where a report lives, as a reader recognises it: ``mlgrad.com``, or ``github.com/owner`` on shared hosts."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    owner = parts.path.strip("/").split("/", 1)[0]
    return f"{host}/{owner}" if host in _SHARED_HOSTS and owner else host


def md_url(url: str) -> str:
    """A URL safe as a Markdown link target: parentheses would end it."""
    return url.replace("(", "%28").replace(")", "%29")


def md_quote(text: str) -> str:
    """Quoted text from a report as one Markdown paragraph: escaped, ``$`` too (it is not math), in quotes so a
    leading ``-`` or ``1.`` does not start a list."""
    return "“" + md_escape(" ".join(text.split())).replace("$", r"\$") + "”"


def build_date() -> dt.date:
    """The date a build describes: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


@dataclass(frozen=True)
class CompanyReport:
    """What the site can say about one company: its tagged questions, how they are sourced, how fresh they are."""

    key: str
    tags: list[tuple[Question, ResolvedCompany]]  # easiest first, as every listing
    loop: tuple[LoopReport, ...]
    first_hand: int
    relayed: int
    newest_year: int | None  # None when no report gives a year
    stale: bool  # the newest dated report is older than STALE_AFTER_YEARS

    @property
    def count(self) -> int:
        return len(self.tags)


def company_reports(content: Content, today: dt.date) -> list[CompanyReport]:
    """Every company with a tagged question or a described loop, most reported questions first."""
    tagged: dict[str, list[tuple[Question, ResolvedCompany]]] = defaultdict(list)
    for q in _sorted(content.questions):
        for company in q.companies:
            tagged[company.key].append((q, company))
    reports = []
    for key in content.taxonomy.companies:
        tags = tagged.get(key, [])
        loop = content.loops.get(key, ())
        if not tags and not loop:
            continue
        evidence = Counter(c.tag.evidence for _, c in tags)
        years = [c.tag.year for _, c in tags if c.tag.year is not None]
        newest = max(years, default=None)
        reports.append(
            CompanyReport(
                key=key,
                tags=tags,
                loop=loop,
                first_hand=evidence["first-hand"],
                relayed=evidence["relayed"],
                newest_year=newest,
                stale=newest is not None and today.year - newest > STALE_AFTER_YEARS,
            )
        )
    titles = content.taxonomy.companies
    return sorted(reports, key=lambda r: (-r.count, titles[r.key].title.lower()))


@functools.cache  # one per process: the templates are compiled once, not on every rebuild of `mkdocs serve`
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(["html"]),
        auto_reload=False,  # the templates are part of the code: no need to stat one on every render
    )
    env.globals["chip"] = chip
    env.globals["difficulty_chip"] = difficulty_chip
    env.filters["md"] = md_escape
    env.filters["md_math"] = md_escape_keep_math
    env.filters["html_math"] = html_math
    env.filters["md_quote"] = md_quote
    env.filters["md_url"] = md_url
    env.filters["host"] = source_host
    env.filters["rel"] = relative
    env.filters["rel_url"] = relative_url
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["urlencode_query"] = lambda params: urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    return env


class _Links:
    """src_uris of every generated page, in one place."""

    questions_index = "questions/index.md"
    topics_index = "topics/index.md"
    companies_index = "companies/index.md"
    difficulty_index = "difficulty/index.md"
    notebooks_index = "notebooks/index.md"

    @staticmethod
    def category(key: str) -> str:
        return f"questions/{key}/index.md"

    @staticmethod
    def topic(key: str) -> str:
        return f"topics/{key}.md"

    @staticmethod
    def company(key: str) -> str:
        return f"companies/{key}.md"

    @staticmethod
    def difficulty(key: str) -> str:
        return f"difficulty/{key}.md"

    @staticmethod
    def notebook(name: str) -> str:
        return f"notebooks/{name}.py"

    @staticmethod
    def notebook_download(name: str) -> str:
        return f"notebooks/{name}.ipynb"


LINKS = _Links()


def _sorted(questions: Iterable[Question]) -> list[Question]:
    """Easy first, then alphabetically: the order a learner works through a list."""
    return sorted(questions, key=lambda q: (DIFFICULTIES.index(q.meta.difficulty), q.title.lower(), q.id))


def related_questions(
    question: Question,
    by_id: dict[str, Question],
    topic_ids: dict[str, list[str]],
    category_ids: dict[str, set[str]],
) -> list[Question]:
    """Explicit ``related`` first, then the questions sharing most topics (same category first on ties,
    then by id).

    Candidates come from the topic index (``topic_ids``: topic -> ids), so the cost grows with topic sizes,
    not with the square of N. Topics hold hundreds of questions at 10,000, so the work stays in C: counting
    (``Counter.update``), ordering by count (``most_common``), and within a tied group set operations and
    ``heapq.nsmallest`` on ids.
    """
    chosen = [by_id[rid] for rid in question.meta.related]
    need = RELATED_LIMIT - len(chosen)
    shared: Counter[str] = Counter()
    for topic in question.meta.topics:
        shared.update(topic_ids[topic])
    for qid in (question.id, *question.meta.related):
        shared.pop(qid, None)
    ranked = shared.most_common()  # by shared topics, descending
    same_category = category_ids[question.category]
    start = 0
    while need > 0 and start < len(ranked):
        count = ranked[start][1]
        end = bisect.bisect_left(ranked, -count + 1, lo=start, key=lambda item: -item[1])
        group = set(map(operator.itemgetter(0), ranked[start:end]))
        first = group & same_category
        for ids in (first, group - first):
            best = heapq.nsmallest(need, ids)
            chosen.extend(by_id[qid] for qid in best)
            need -= len(best)
        start = end
    return chosen


def _file_of(by_id: dict[str, Question], here: Question, qid: str) -> str | None:
    """The relative link from ``here``'s page to the file of question ``qid``, for links written with an id."""
    linked = by_id.get(qid)
    return None if linked is None else relative(linked.src_uri, here.src_uri)


def export(content: Content) -> str:
    records = [
        {
            "id": q.id,
            "title": q.title_text,
            "asked_as": list(q.meta.asked_as),
            "url": page_url(q.src_uri),
            "category": q.category,
            "topics": list(q.meta.topics),
            "companies": [
                {
                    "name": c.key,
                    "source": c.tag.source,
                    "evidence": c.tag.evidence,
                    "excerpt": c.tag.excerpt,
                    **({"year": c.tag.year} if c.tag.year else {}),
                    **({"role": c.tag.role} if c.tag.role else {}),
                }
                for c in q.companies
            ],
            "difficulty": q.meta.difficulty,
            "short_answer": q.short_answer_math,
            "rubric": list(q.meta.rubric),
            "notebooks": list(q.meta.notebooks),
            "roles": list(q.meta.roles),
        }
        for q in content.questions
    ]
    tax = content.taxonomy
    labels = {
        "categories": {key: tax.categories[key].title for key in tax.ordered_categories()},
        "topics": {key: topic.title for key, topic in sorted(tax.topics.items())},
        "companies": {key: company.title for key, company in sorted(tax.companies.items())},
        "difficulties": DIFFICULTY_TITLES,
    }
    data = {"version": 2, "count": len(records), "labels": labels, "questions": records}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _question_meta(q: Question, tax: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": q.title_text,  # the page's <title>, navigation and search results: text, not TeX
        "description": summary(q.short_answer),
        # Material's search boosts `tags`: topic and company names make topic searches land here.
        "tags": [tax.topics[t].title for t in q.meta.topics] + [tax.companies[c.key].title for c in q.companies],
        "question_id": q.id,
    }
    # The substring test first: parsing every body's code blocks is most of the cost, and few have diagrams.
    if "mermaid" in q.body and any(block.language == "mermaid" for block in code_blocks(q.body)):
        meta["mermaid"] = True  # overrides/main.html then loads the site's own copy of Mermaid
    return meta


def build_site(
    content: Content,
    site_url: str = "",
    repo_url: str = "",
    today: dt.date | None = None,
    reuse: dict[str, Any] | None = None,
) -> Site:
    """Render every generated page. Pure: the same content (and date) always gives the same site.

    ``site_url`` makes absolute links in the flashcard exports; ``repo_url`` the report-a-problem links;
    ``today`` (default: ``build_date()``) decides which company reports count as old. ``reuse`` (an initially
    empty dict, passed again on each call: `mkdocs serve` rebuilds) keeps question pages for the next call.
    """
    today = today or build_date()
    env = _environment()
    tax = content.taxonomy
    site = Site(content=content)
    ctx: dict[str, Any] = {
        "tax": tax,
        "links": LINKS,
        "difficulties": DIFFICULTIES,
        "difficulty_titles": DIFFICULTY_TITLES,
        "repo_url": repo_url.rstrip("/"),
        "contributing_url": f"{repo_url.rstrip('/')}/blob/main/{CONTRIBUTING_ANCHOR}" if repo_url else "",
        "evidence_titles": EVIDENCE_TITLES,
        "stale_after": STALE_AFTER_YEARS,
        "content": content,
        "decks": {"anki": ANKI_URI, "csv": CSV_URI},
    }

    def render(template: str, src_uri: str, **kwargs: Any) -> str:
        return env.get_template(template).render(**ctx, **kwargs, here=src_uri)

    site._render = render

    by_category: dict[str, list[Question]] = defaultdict(list)
    by_topic: dict[str, list[Question]] = defaultdict(list)
    by_company: dict[str, list[Question]] = defaultdict(list)
    by_difficulty: dict[str, list[Question]] = defaultdict(list)
    for q in content.questions:
        by_category[q.category].append(q)
        by_difficulty[q.meta.difficulty].append(q)
        for topic in q.meta.topics:
            by_topic[topic].append(q)
        for company in q.companies:
            by_company[company.key].append(q)
    # For the home page's snippet (a template summing every question's topic list grew quadratically).
    ctx["topics_in_use"] = sorted(by_topic)
    ctx["companies_in_use"] = sorted(by_company)

    by_id = content.by_id()
    topic_ids = {topic: [q.id for q in questions] for topic, questions in by_topic.items()}
    category_ids = {category: {q.id for q in questions} for category, questions in by_category.items()}
    # Pages and exports are kept from the previous call when made from the same Question objects (their files and
    # the taxonomy did not change: see content.QuestionCache) and the same other inputs.
    kept: dict[str, Any] = {}
    if reuse is not None:
        kept = dict(reuse) if reuse.get("taxonomy") == tax and reuse.get("repo_url") == repo_url else {}
        reuse.clear()
        reuse.update(taxonomy=tax, repo_url=repo_url)

    def kept_or(name: str, questions: list[Question], make: Callable[[], Any], extra: Any = None) -> Any:
        """``make()``, or what it gave last call if it was made from the same Question objects (and ``extra``)."""
        previous = kept.get(name)
        if (
            previous is not None
            and previous[1] == extra
            and len(previous[0]) == len(questions)
            and all(a is b for a, b in zip(previous[0], questions, strict=True))
        ):
            value = previous[2]
        else:
            value = make()
        if reuse is not None:
            reuse[name] = (questions, extra, value)
        return value

    def question_page(q: Question, body: str, related: list[Question], notebooks: list[Any]) -> str:
        return front_matter(_question_meta(q, tax)) + render(
            "question.md.j2", q.src_uri, q=q, body=body, related=related, notebooks=notebooks
        )

    for q in content.questions:
        # Links by id point at the question's file wherever it is now; MkDocs then checks them as usual.
        body = replace_id_links(q.body, functools.partial(_file_of, by_id, q)).strip()
        related = related_questions(q, by_id, topic_ids, category_ids)
        notebooks = [content.notebooks[n] for n in q.meta.notebooks]
        # The page shows the body and its related questions' and notebooks' titles: those are its other inputs.
        inputs = (
            body,
            [(r.src_uri, r.title, r.meta.difficulty) for r in related],
            [(nb.name, nb.title) for nb in notebooks],
        )
        make = functools.partial(question_page, q, body, related, notebooks)
        site.add_page(q.src_uri, kept_or(q.src_uri, [q], make, inputs), source=q.path)

    def listing(src_uri: str, template: str, questions: list[Question], **kwargs: Any) -> None:
        ordered = _sorted(questions)
        markdown = kept_or(
            src_uri, ordered, lambda: render(template, src_uri, questions=ordered, **kwargs), (template, kwargs)
        )
        site.add_page(src_uri, markdown)
        site.listings[src_uri] = [q.id for q in ordered]

    categories = tax.ordered_categories()
    site.add_page(
        LINKS.questions_index,
        render("categories.md.j2", LINKS.questions_index, categories=categories, by_category=by_category),
    )
    for key in categories:
        listing(LINKS.category(key), "category.md.j2", by_category[key], key=key)

    topics = sorted((t for t in tax.topics if by_topic[t]), key=lambda t: tax.topics[t].title.lower())
    site.add_page(LINKS.topics_index, render("topics.md.j2", LINKS.topics_index, topics=topics, by_topic=by_topic))
    for key in topics:
        listing(LINKS.topic(key), "topic.md.j2", by_topic[key], key=key)

    reports = company_reports(content, today)
    site.add_page(LINKS.companies_index, render("companies.md.j2", LINKS.companies_index, reports=reports))
    for report in reports:
        src_uri = LINKS.company(report.key)
        site.add_page(src_uri, render("company.md.j2", src_uri, key=report.key, report=report))
        site.listings[src_uri] = [q.id for q, _ in report.tags]
    companies = sorted((r.key for r in reports if r.count), key=lambda c: tax.companies[c].title.lower())

    site.add_page(
        LINKS.difficulty_index, render("difficulties.md.j2", LINKS.difficulty_index, by_difficulty=by_difficulty)
    )
    for key in DIFFICULTIES:
        listing(LINKS.difficulty(key), "difficulty.md.j2", by_difficulty[key], key=key)

    notebook_questions: dict[str, list[Question]] = defaultdict(list)
    for q in content.questions:
        for name in q.meta.notebooks:
            notebook_questions[name].append(q)
    notebooks = sorted(content.notebooks.values(), key=lambda nb: nb.title.lower())
    site.add_page(
        LINKS.notebooks_index,
        render("notebooks.md.j2", LINKS.notebooks_index, notebooks=notebooks, questions=notebook_questions),
    )
    for nb in notebooks:
        site.appendices[nb.src_uri] = render(
            "notebook_appendix.html.j2", nb.src_uri, nb=nb, questions=_sorted(notebook_questions[nb.name])
        )
        site.add_static(
            LINKS.notebook_download(nb.name), to_ipynb((content.root / nb.path).read_text(encoding="utf-8"))
        )

    for q in content.questions:
        # Earlier URLs of a moved or renamed question redirect to where it is now.
        for old in content.url_history.get(q.id, []):
            if old != page_url(q.src_uri):
                moved = f"{old}index.html"
                site.add_static(
                    moved, render("redirect.html.j2", moved, target=relative(page_url(q.src_uri), moved) + "/", q=q)
                )
        # A permanent address by id: survives renames and moves of the file.
        redirect = f"q/{q.id}/index.html"
        site.add_static(
            redirect, render("redirect.html.j2", redirect, target=relative(page_url(q.src_uri), redirect) + "/", q=q)
        )
    site.add_page(SEARCH_PAGE, render("search.md.j2", SEARCH_PAGE, topics=topics, companies=companies))
    for uri, text in render_search_files(content, guide_pages(content.root)).items():
        site.add_static(uri, text)
    if site_url:
        site.add_static(
            OPENSEARCH_URI, render("opensearch.xml.j2", OPENSEARCH_URI, site_url=site_url.rstrip("/") + "/")
        )
    # Keyed by the questions in their order of the content (by id).
    site.add_static(EXPORT_URI, kept_or(EXPORT_URI, content.questions, lambda: export(content)))
    site.add_static(ANKI_URI, kept_or(ANKI_URI, content.questions, lambda: anki_deck(content, site_url), site_url))
    site.add_static(CSV_URI, kept_or(CSV_URI, content.questions, lambda: csv_export(content, site_url), site_url))
    site.check_collisions()
    return site


@functools.lru_cache(maxsize=256)  # `mkdocs serve` rebuilds: converting every notebook is a large part of a rebuild
def to_ipynb(percent_source: str) -> str:
    """A jupytext percent-format script as an (unexecuted) .ipynb, for readers to download and run."""
    import jupytext  # imported here: only sites with notebooks need it

    notebook = jupytext.reads(percent_source, fmt="py:percent")
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"  # nbformat draws random ids; fixed ones keep builds reproducible
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return str(jupytext.writes(notebook, fmt="ipynb"))


_CELL_ID = re.compile(r'id="cell-id=[0-9a-f]{8}"')


def stable_cell_ids(html: str) -> str:
    """Replace the random cell ids in rendered notebook HTML by their position, for reproducible builds."""
    counter = iter(range(1_000_000))
    return _CELL_ID.sub(lambda _: f'id="cell-id=cell-{next(counter)}"', html)


def load_site(root: Path) -> Site:
    return build_site(load_content(root))
