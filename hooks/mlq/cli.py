"""``mlq``: check content, print statistics, scaffold a new question.

mlq check            validate everything under content/ (file:line errors, exit 1 on problems)
mlq stats            counts per category, topic, company and difficulty; answer lengths
mlq new CATEGORY SLUG --title "..." --topic T [--topic T] [--difficulty D]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import jinja2
import yaml

from mlq.content import URLS_FILE, Content, load_content, load_question, load_url_history
from mlq.links import broken_links, external_links
from mlq.mathrender import MathRenderer
from mlq.problems import ContentError
from mlq.schema import SCHEMA_FILE, render_schema
from mlq.site import STALE_AFTER_YEARS, TEMPLATES, build_date, build_site, company_reports, md_escape_keep_math
from mlq.taxonomy import TAXONOMY_FILE, load_taxonomy, suggest


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder holding content/taxonomy.yml."""
    for folder in [start, *start.parents]:
        if (folder / TAXONOMY_FILE).is_file():
            return folder
    raise SystemExit("mlq: no content/taxonomy.yml found here or in any parent folder")


def cmd_check(root: Path) -> int:
    try:
        site = build_site(load_content(root, math=MathRenderer()))
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"ok: {len(site.content.questions)} questions, {len(site.pages)} pages")
    return 0


def stats_table(content: Content) -> str:
    tax = content.taxonomy
    lines: list[str] = []

    def table(title: str, counts: Counter[str], order: Sequence[str]) -> None:
        lines.append(f"\n{title}")
        for key in order:
            if counts[key]:
                lines.append(f"  {key:<28} {counts[key]:>5}")

    questions = content.questions
    words = Counter[str]()
    by_category = Counter(q.category for q in questions)
    lines.append(f"questions: {len(questions)}")
    lines.append("\nby category                  count  words(min/median/max)")
    for key in tax.ordered_categories():
        counts = [q.words for q in questions if q.category == key]
        spread = f"{min(counts)}/{int(statistics.median(counts))}/{max(counts)}" if counts else "-"
        lines.append(f"  {key:<28} {by_category[key]:>5}  {spread}")
        words[key] = sum(counts)
    table("by difficulty", Counter(q.meta.difficulty for q in questions), ["easy", "medium", "hard"])
    table("by topic", Counter(t for q in questions for t in q.meta.topics), sorted(tax.topics))
    lines.append("\nby company                   count  first-hand  relayed  newest")
    for report in company_reports(content, build_date()):
        if report.count:
            newest = str(report.newest_year) if report.newest_year else "-"
            stale = f"  (older than {STALE_AFTER_YEARS} years)" if report.stale else ""
            split = f"{report.count:>5}  {report.first_hand:>10}  {report.relayed:>7}"
            lines.append(f"  {report.key:<28} {split}  {newest:>6}{stale}")
    tags = [c for q in questions for c in q.companies]
    first_hand = sum(c.tag.evidence == "first-hand" for c in tags)
    lines.append(f"  {'all tags':<28} {len(tags):>5}  {first_hand:>10}  {len(tags) - first_hand:>7}")
    return "\n".join(lines)


def cmd_stats(root: Path) -> int:
    try:
        content = load_content(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(stats_table(content))
    return 0


def record_urls(root: Path) -> list[str]:
    """Add each question's current URL to content/urls.yml, keeping every earlier one. Returns the added URLs."""
    history, problems = load_url_history(root)
    if problems:
        raise ContentError(problems)
    taxonomy = load_taxonomy(root)
    added: list[str] = []
    for path in sorted((root / "content" / "questions").glob("*/*.md")):
        question, _ = load_question(root, path, taxonomy)
        if question is None:
            continue  # `mlq check` reports it; its URL is recorded once it loads
        urls = history.setdefault(question.id, [])
        if question.url not in urls:
            urls.append(question.url)
            added.append(question.url)
    header = (
        "# Every URL each question has had, by id. Maintained by `mlq urls`;"
        " earlier URLs redirect to the current one.\n"
    )
    text = yaml.safe_dump(dict(sorted(history.items())), sort_keys=False, default_flow_style=False)
    (root / URLS_FILE).write_text(header + text, encoding="utf-8")
    return added


def cmd_urls(root: Path) -> int:
    try:
        added = record_urls(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"recorded {len(added)} new URL{'s' if len(added) != 1 else ''}" + "".join(f"\n  {u}" for u in added))
    return 0


def cmd_schema(root: Path, check: bool) -> int:
    taxonomy = load_taxonomy(root)
    path = root / SCHEMA_FILE
    text = render_schema(taxonomy)
    if check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{SCHEMA_FILE} is out of date with the model or the taxonomy: run `mlq schema`", file=sys.stderr)
            return 1
        print(f"ok: {SCHEMA_FILE} is up to date")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


def cmd_links(root: Path, check: bool) -> int:
    links = external_links(root)
    if not check:
        for url, files in links.items():
            print(f"{url}  ({', '.join(files)})")
        return 0
    broken = broken_links(links)
    print(f"{len(links)} external links checked, {len(broken)} broken")
    for url, reason in broken.items():
        print(f"- {url}: {reason} (in {', '.join(links[url])})")
    return 1 if broken else 0


def next_id(root: Path) -> str:
    """One past the highest id ever used in content/questions (ids are never reused)."""
    highest = 0
    for path in (root / "content" / "questions").rglob("*.md"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:30]:
            if line.startswith("id:") and "mlq-" in line:
                digits = line.split("mlq-", 1)[1].strip().strip("'\"")
                if digits.isdigit():
                    highest = max(highest, int(digits))
    return f"mlq-{highest + 1:04d}"


def link_example(root: Path, path: Path) -> dict[str, str] | None:
    """An existing question (same category first) for the scaffold's example of a link by id."""
    taxonomy = load_taxonomy(root)
    questions = root / "content" / "questions"
    candidates = sorted(path.parent.glob("*.md")) + sorted(questions.glob("*/*.md"))
    for candidate in candidates:
        question, _ = load_question(root, candidate, taxonomy)
        if question is not None:
            return {"title": question.title, "id": question.id}
    return None


def cmd_new(root: Path, args: argparse.Namespace) -> int:
    tax = load_taxonomy(root)
    if args.category not in tax.categories:
        print(
            f"mlq new: unknown category '{args.category}'{suggest(args.category, list(tax.categories))}",
            file=sys.stderr,
        )
        return 2
    for topic in args.topic:
        if topic not in tax.topics:
            print(f"mlq new: unknown topic '{topic}'{suggest(topic, list(tax.topics))}", file=sys.stderr)
            return 2
    path = root / "content" / "questions" / args.category / f"{args.slug}.md"
    if path.exists():
        print(f"mlq new: {path.relative_to(root)} already exists", file=sys.stderr)
        return 2
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.filters["md_math"] = md_escape_keep_math
    text = env.get_template("new_question.md.j2").render(
        example=link_example(root, path),
        id=next_id(root),
        title=args.title,
        category=args.category,
        topics=args.topic,
        difficulty=args.difficulty,
        today=dt.date.today().isoformat(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    record_urls(root)
    print(path.relative_to(root).as_posix())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mlq", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: found from the current folder)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate all content")
    sub.add_parser("stats", help="print content statistics")
    sub.add_parser("urls", help="record new or moved question URLs in content/urls.yml")
    links = sub.add_parser("links", help="list external links in content and guides")
    links.add_argument("--check", action="store_true", help="request each link and report broken ones (network)")
    schema = sub.add_parser("schema", help="write the front matter JSON Schema (content/question.schema.json)")
    schema.add_argument("--check", action="store_true", help="fail if the committed schema is out of date")
    new = sub.add_parser("new", help="scaffold a new question")
    new.add_argument("category")
    new.add_argument("slug")
    new.add_argument("--title", required=True)
    new.add_argument("--topic", action="append", required=True, help="repeat for several topics")
    new.add_argument("--difficulty", choices=["easy", "medium", "hard"], default="medium")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd())).resolve()
    if args.command == "check":
        return cmd_check(root)
    if args.command == "stats":
        return cmd_stats(root)
    if args.command == "urls":
        return cmd_urls(root)
    if args.command == "schema":
        return cmd_schema(root, args.check)
    if args.command == "links":
        return cmd_links(root, args.check)
    return cmd_new(root, args)


if __name__ == "__main__":
    raise SystemExit(main())
