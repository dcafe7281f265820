"""MkDocs hook: a thin adapter between MkDocs and the ``mlq`` content library.

The library does the work (load, validate, render); this file only hands its pages to MkDocs and
turns its errors into build failures. Event order and traps: see CONTRIBUTING.md ("How the build works").
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

# Imported at module level: MkDocs puts this folder on sys.path only while the hook module loads.
from mlq import ContentError, Site, load_content
from mlq.content import QuestionCache
from mlq.incremental import Cache, digest, tree_digest
from mlq.invariants import check_built_site
from mlq.mathrender import KATEX_JS, MathError, MathRenderer, has_math, hide_from_search, source_line, typeset
from mlq.notebookpage import (
    cell_error_line,
    exclude_from_search,
    extract_figures,
    focusable_code,
    join_stdout_chunks,
    mark_math,
    purge_css,
    split_bundled_css,
    used_classes,
)
from mlq.site import build_site, stable_cell_ids
from mlq.tables import wrap_tables

log = get_plugin_logger("mlq")

# mkdocs-jupyter's nbconvert reads jupyter_nbconvert_config.* from the Jupyter config path. Ours has the kernel
# manager give each notebook's kernel CurveZMQ keys (its kernelspec declares support): the kernel then stops
# printing "Kernel is running over TCP without encryption" to the build log, once per notebook. Appended, so a
# contributor's own Jupyter configuration still comes first.
_JUPYTER_CONFIG = str(Path(__file__).resolve().parent / "jupyter-config")
if _JUPYTER_CONFIG not in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        filter(None, [os.environ.get("JUPYTER_CONFIG_PATH"), _JUPYTER_CONFIG])
    )
_state: dict[str, Any] = {}

Event = TypeVar("Event", bound=Callable[..., Any])


def _timed(event: Event) -> Event:
    """Add the event's wall time to this build's totals, which on_post_build reports (the benchmark reads them)."""

    @functools.wraps(event)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return event(*args, **kwargs)
        finally:
            _add_time(event.__name__, time.perf_counter() - start)

    return cast(Event, timed)


def _add_time(event: str, seconds: float) -> None:
    totals: dict[str, float] = _state.setdefault("seconds", {})
    totals[event] = totals.get(event, 0.0) + seconds


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _nav_uris(nav: Any) -> set[str]:
    """Every Markdown path named in the configured ``nav``."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_uris(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_uris(value)
    return found


@event_priority(50)  # before mkdocs-jupyter's on_files (priority 0), so it picks up the notebooks we add
@_timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state["seconds"] = {}  # the first of this hook's events in a build
    root = _root(config)
    try:
        content = load_content(root, questions=_state.get("questions"))
        site = build_site(
            content, site_url=config.site_url or "", repo_url=config.repo_url or "", reuse=_state.get("question_pages")
        )
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    _state["site"] = site
    _state["notebooks"] = site.notebooks_by_src_uri()
    _state["notebook_css"] = {}  # stylesheet text -> None (an ordered set; one entry unless pages differ)
    _state["notebook_classes"] = set()
    _state["notebook_html"] = []
    _state["notebook_files"] = {}  # path under site_dir -> bytes, written after the build
    in_nav = _nav_uris(config.nav)
    for src_uri, markdown in site.pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} collides with a generated page of the same path; rename or remove it")
        inclusion = InclusionLevel.INCLUDED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=markdown, inclusion=inclusion)
        if src_uri in site.sources:
            # Edit links go to the question's real source in content/, not to docs/.
            file.edit_uri = f"../{site.sources[src_uri]}"
        files.append(file)
    for uri, text in site.static.items():
        files.append(File.generated(config, uri, content=text))
    # The library's KaTeX (it typesets pages at build time) also serves the practice page, which typesets
    # answers from the JSON export in the browser. Its stylesheet and fonts live in docs/assets/vendor/katex.
    for script in (KATEX_JS, KATEX_JS.with_name("auto-render.min.js")):
        files.append(File.generated(config, f"assets/vendor/katex/{script.name}", abs_src_path=str(script)))
    for notebook in site.content.notebooks.values():
        # mkdocs-jupyter loses abs_src_path of File.generated files; a plain File keeps it. Its wrapper also
        # drops `inclusion`, so mkdocs.yml keeps notebooks out of the nav with `not_in_nav` instead.
        files.append(
            File(
                notebook.src_uri,
                src_dir=str(root / "content"),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
    return files


_SNIPPET = re.compile(r"<!-- mlq:([a-z-]+) -->")


@_timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages embed generated fragments (counts, downloads) with ``<!-- mlq:NAME -->``."""
    site: Site | None = _state.get("site")
    if site is not None and page.file.generated_by is None:
        try:
            markdown = _SNIPPET.sub(lambda m: site.snippet(m.group(1), page.file.src_uri), markdown)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
    if _serving() and page.file.src_uri not in _state.get("notebooks", {}):
        _reuse_rendered(markdown, page)
    return markdown


@_timed
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Point a notebook's edit link at content/notebooks/.

    mkdocs-jupyter wraps notebook files after our on_files and the wrapper drops the edit_uri set there.
    """
    _state["current_page"] = page.file.src_uri
    notebook = _state.get("notebooks", {}).get(page.file.src_uri)
    if notebook is not None:
        page.file.edit_uri = f"../{notebook.path}"
        page._set_edit_url(config.repo_url, config.edit_uri, config.edit_uri_template)
    return page


@_timed
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not _serving():
        return _typeset_page(output, page, config)
    cached = _state["output_hits"].get(page.file.src_uri)
    if cached is not None:
        return str(cached)
    output = _typeset_page(output, page, config)
    key = _state["output_keys"].get(page.file.src_uri)
    if key is not None:
        _state["outputs"].put(key, output)
    return output


def _typeset_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Math typeset with KaTeX at build time, in the finished page.

    Done in the finished page rather than in on_page_content, so nothing that reads page.content in between
    (other plugins, the theme's table of contents) walks KaTeX's few hundred tags per formula.
    """
    if not page.meta.get("math"):
        return output
    if "math" not in _state:
        _state["math"] = MathRenderer()  # one V8 context per `mkdocs build` or `serve` session
    try:
        return typeset(output, _state["math"])[0]
    except MathError as exc:
        site: Site | None = _state.get("site")
        source = site.sources.get(page.file.src_uri) if site else None
        path = Path(source) if source else Path(config.docs_dir, page.file.src_uri).relative_to(_root(config))
        text = (_root(config) / path).read_text(encoding="utf-8") if (_root(config) / path).is_file() else ""
        line = source_line(text, exc.tex)
        where = f"{path}" if line is None else f"{path}:{line}"
        raise PluginError(f"{where}: KaTeX cannot typeset this math: {exc}") from None


NOTEBOOK_CSS = "assets/stylesheets/notebook.css"


def _lighten_notebook(html: str, page: Page) -> str:
    """JupyterLab's inlined stylesheet moves to one shared, purged file; figures become lazy PNG files;
    a cell's standard output is one block however the kernel flushed it; code and output blocks are focusable
    (they scroll sideways); outputs stay out of the search index. Also: formulas marked for typesetting, fixed
    cell ids. While serving, kept by the page's HTML as mkdocs-jupyter gave it."""
    key = digest([html, page.url]) if _serving() else None
    kept = _state["lightened"].get(key) if key else None
    if kept is None:
        html = stable_cell_ids(mark_math(html))
        html, css = split_bundled_css(html, get_relative_url(NOTEBOOK_CSS, page.url))
        html, figures = extract_figures(exclude_from_search(focusable_code(join_stdout_chunks(html))))
        kept = (html, css, figures, used_classes(html))
    if key:
        _state["lightened"].put(key, kept)
    html, css, figures, classes = kept
    if css is not None:
        _state["notebook_css"][css] = None
    folder = Path(page.file.dest_uri).parent
    for name, data in figures.items():
        _state["notebook_files"][(folder / name).as_posix()] = data
    _state["notebook_classes"] |= classes
    _state["notebook_html"].append(html)  # var() reads in its remaining inline styles keep properties alive
    return html


@_timed
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tables wrapped as the theme's script would; math flagged (typeset in on_post_page); notebook pages
    made lighter, with fixed cell ids (reproducible builds) and the library's backlinks."""
    if _serving() and page.file.src_uri in _state["hits"]:
        return html  # restored by _restore_rendered with this event's work already done
    html = _finish_content(html, page)
    key = _state["page_keys"].get(page.file.src_uri) if _serving() else None
    if key is not None:
        links = page.links_to_anchors
        _state["pages"].put(
            key,
            _Rendered(
                content=html,
                toc=page.toc,
                title=page._title_from_render,
                anchors=frozenset(page.present_anchor_ids or ()),
                links=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                math=bool(page.meta.get("math")),
            ),
        )
    return html


def _finish_content(html: str, page: Page) -> str:
    site: Site | None = _state.get("site")
    appendix = site.appendices.get(page.file.src_uri) if site else None
    if appendix is not None:
        # A notebook's formulas (and its question titles' in the appendix) are typeset below like any page's.
        html = _lighten_notebook(html, page) + appendix
    html = wrap_tables(html)
    if has_math(html):
        page.meta["math"] = True  # overrides/main.html links KaTeX's stylesheet; on_post_page typesets
        html = hide_from_search(html)
    return html


def _write_notebook_assets(site_dir: Path) -> None:
    sheets = _state.get("notebook_css", {})
    if sheets:
        inputs = ("\n".join(sheets), _state["notebook_classes"], "\n".join(_state["notebook_html"]))
        key = digest([inputs[0], *sorted(inputs[1]), inputs[2]]) if _serving() else None
        css = _state["purged"].get(key) if key else None
        if css is None:
            css = purge_css(*inputs)
        if key:
            _state["purged"].put(key, css)
        (site_dir / NOTEBOOK_CSS).write_text(css, encoding="utf-8")
    for uri, data in _state.get("notebook_files", {}).items():
        (site_dir / uri).write_bytes(data)


def on_post_build(config: MkDocsConfig) -> None:
    site: Site | None = _state.get("site")
    if site is None:
        return
    start = time.perf_counter()
    _write_notebook_assets(Path(config.site_dir))
    if _serving() and not _state["dirty"]:
        _remove_stale(Path(config.site_dir), _state["build_start_ns"])
    problems = check_built_site(site, Path(config.site_dir), memo=_state.get("checks"))
    if problems:
        raise PluginError("Built site is missing content:\n" + "\n".join(f"  {p}" for p in problems))
    if _serving():
        _finish_serve_build(config)
    log.info("%d questions: every one is published, indexed, exported and searchable", len(site.content.questions))
    _add_time("on_post_build", time.perf_counter() - start)
    totals: dict[str, float] = _state["seconds"]
    # bench/build_benchmark.py reads these two lines.
    log.info("hook work in this build: %.2f s", sum(totals.values()))
    log.info("hook work by event: %s", ", ".join(f"{name} {seconds:.3f} s" for name, seconds in totals.items()))


# `mkdocs serve`: rebuilds do only the work an edit needs, and a failed rebuild leaves the last good site served.
#
# Every page's rendered HTML and finished output are kept between rebuilds (mlq.incremental), keyed by all they
# depend on: its Markdown as this hook hands it to MkDocs (generated pages are regenerated on every rebuild, so a
# question's new title reaches every listing's Markdown), its URLs, the set of files (links resolve against it),
# mkdocs.yml, the theme overrides and, for the finished page, the navigation. Notebook pages are left to
# mkdocs-jupyter's own cache. Each rebuild writes a complete site into a staging folder, which changes places with
# the served one only when the build succeeded; a plain `mkdocs build` uses none of this.

_CACHED_TEMPLATE = "mlq-cached-page.html"  # renders nothing: on_post_page returns the kept output instead
# Rendered pages, finished pages, the built-site check's reading of each page, notebook pages made lighter, the
# purged notebook stylesheet.
_CACHES = ("pages", "outputs", "checks", "lightened", "purged")


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory; Jinja checks each against its source's checksum before using it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_THEME_BYTECODE = _MemoryBytecodeCache()


@dataclass(frozen=True)
class _Rendered:
    """What Page.render and this hook's on_page_content left on a page, to put back without converting again."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: link as written}
    math: bool


def _serving() -> bool:
    return bool(_state.get("serving"))


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"
    _state["dirty"] = dirty
    if command == "serve":
        for name in _CACHES:
            _state[name] = Cache()
        _state["questions"], _state["question_pages"] = QuestionCache(), {}
        if not dirty:
            _rewrite_staging_in_place()


def on_shutdown() -> None:
    if _state.get("staging_dir"):  # MkDocs removes the served folder; the staging folder is ours
        shutil.rmtree(_state["staging_dir"], ignore_errors=True)
        Path(_state["staging_dir"] + ".stamp").unlink(missing_ok=True)


def _rewrite_staging_in_place() -> None:
    """MkDocs empties site_dir before each build; while serving, the staging folder is rewritten in place instead.

    It holds the site from two builds ago, and every rebuild writes each of the site's ~2,600 files again: on ext4,
    overwriting a file costs about a tenth of creating it and its folder, which was a third of a rebuild. Files
    this build did not write are removed after it (_remove_stale), so the result is still a clean build's.
    """
    clean = mkdocs_utils.clean_directory
    if getattr(clean, "keeps_staging", False):
        return

    def clean_directory(directory: str) -> None:
        if directory != _state.get("staging_dir"):
            clean(directory)

    clean_directory.keeps_staging = True  # type: ignore[attr-defined]
    mkdocs_utils.clean_directory = clean_directory


def on_pre_build(config: MkDocsConfig) -> None:
    if _serving() and not _state["dirty"]:
        # The file's time, not the clock's: it comes from the same (coarse) file-system clock as the site's files.
        stamp = Path(_state["staging_dir"] + ".stamp")
        stamp.write_bytes(b"")
        _state["build_start_ns"] = stamp.stat().st_mtime_ns


def _remove_stale(site_dir: Path, since_ns: int) -> None:
    """Remove what an earlier build left in the staging folder and this one did not write, and emptied folders."""
    for folder, subfolders, names in os.walk(site_dir, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            if os.lstat(path).st_mtime_ns < since_ns:
                os.unlink(path)
        for name in subfolders:
            path = os.path.join(folder, name)
            if not os.listdir(path):
                os.rmdir(path)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not _serving():
        return config
    for name in _CACHES:
        _state[name].begin()
    _state.update(page_keys={}, hits={}, output_keys={}, output_hits={})
    custom_dir = config.theme.custom_dir
    _state["overrides"] = tree_digest(Path(custom_dir)) if custom_dir else ""  # read once per rebuild, used twice
    _list_theme_templates_once(config, _state["overrides"])
    if not _state["dirty"]:  # a --dirty build relies on the files already in the served folder
        served = config.site_dir.rstrip("/" + os.sep)
        _state["served_dir"], _state["staging_dir"] = served, served + ".mlq-next"
        config.site_dir = _state["staging_dir"]
    return config


_TEMPLATE_LISTS: dict[str, list[str]] = {}


class _ListedLoader(jinja2.FileSystemLoader):
    """The theme's folders, with their list of files taken from ``_TEMPLATE_LISTS`` when it holds the same folders.

    MkDocs lists every file of the theme on each build (to copy its static files): walking Material's folders took
    about 0.4 s of a 2.5 s serve rebuild. Installed themes do not change while serving; the overrides folder may,
    so its contents are part of the key.
    """

    def __init__(self, searchpath: list[str], key: str) -> None:
        super().__init__(searchpath)
        self.key = key

    def list_templates(self) -> list[str]:
        if self.key not in _TEMPLATE_LISTS:
            _TEMPLATE_LISTS.clear()
            _TEMPLATE_LISTS[self.key] = super().list_templates()
        return list(_TEMPLATE_LISTS[self.key])


def _list_theme_templates_once(config: MkDocsConfig, overrides: str) -> None:
    theme = config.theme
    key = digest([*theme.dirs, overrides])
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _ListedLoader(list(theme.dirs), key)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


@_timed
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _serving():
        _state["nav"] = nav
        listed = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.inclusion.name}" for f in files)
        _state["site_key"] = digest(
            [
                Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                config.site_url or "",
                repr((config.use_directory_urls, config.strict)),
                _state["overrides"],
                *listed,
            ]
        )
    return nav


def _reuse_rendered(markdown: str, page: Page) -> None:
    """Give the page a key; if a good build rendered the same inputs, render means putting that back."""
    key = digest(
        [
            _state["site_key"],
            page.file.src_uri,
            page.url,
            page.edit_url or "",
            page.canonical_url or "",
            json.dumps(page.meta, sort_keys=True, default=str),  # front matter: not in the Markdown handed over
            markdown,
        ]
    )
    _state["page_keys"][page.file.src_uri] = key
    kept: _Rendered | None = _state["pages"].get(key)
    if kept is not None:
        _state["hits"][page.file.src_uri] = kept
        page.render = functools.partial(_restore_rendered, page, kept)  # type: ignore[method-assign]


def _restore_rendered(page: Page, kept: _Rendered, config: MkDocsConfig, files: Files) -> None:
    page.content = kept.content
    page.toc = kept.toc
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors)
    if kept.links is None:
        page.links_to_anchors = None
    else:  # the same set of files (it is in the key), but new File objects
        targets = {uri: files.get_file_from_path(uri) for uri in kept.links}
        page.links_to_anchors = {f: dict(kept.links[uri]) for uri, f in targets.items() if f is not None}
    if kept.math:
        page.meta["math"] = True


def _nav_digest(nav: Navigation) -> str:
    parts: list[str] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            parts.append(f"{depth}\0{type(item).__name__}\0{item.title}\0{getattr(item, 'url', '')}")
            walk(getattr(item, "children", None) or [], depth + 1)

    walk(nav.items, 0)
    return digest(parts)


@_timed
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Pages whose finished output a good build made from the same inputs skip the theme's template."""
    if not _serving():
        return env
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({_CACHED_TEMPLATE: ""}), cast(Any, env.loader)])
    env.bytecode_cache = _THEME_BYTECODE  # each rebuild has a new environment: compile the theme's templates once
    nav_key = _nav_digest(_state["nav"])
    for src_uri, key in _state["page_keys"].items():
        out_key = _state["output_keys"][src_uri] = digest([key, nav_key])
        output = _state["outputs"].get(out_key)
        file = files.get_file_from_path(src_uri)
        if output is not None and file is not None and file.page is not None:
            file.page.meta["template"] = _CACHED_TEMPLATE
            _state["output_hits"][src_uri] = output
    return env


def _warnings_logged() -> bool:
    """Whether this build logged a warning (MkDocs counts them for --strict after on_post_build)."""
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            counts = getattr(handler, "get_counts", None)
            if callable(counts) and counts():
                return True
    return False


def _finish_serve_build(config: MkDocsConfig) -> None:
    warned = _warnings_logged()
    if not warned:  # pages that warned must render (and warn) again
        for name in _CACHES:
            _state[name].commit()
    if _state["dirty"] or (warned and config.strict):
        return  # the strict check after this event fails the build: the served site stays as it was
    # The two folders change places: the old site becomes the next build's staging folder.
    served, staging = Path(_state["served_dir"]), Path(_state["staging_dir"])
    spare = served.with_name(served.name + ".mlq-swap")
    if served.exists():
        served.rename(spare)
    staging.rename(served)
    if spare.exists():
        spare.rename(staging)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    """A failed rebuild leaves the last good site served. (MkDocs' server would otherwise hold every request until
    a rebuild succeeds.) The problem, with file and line, is already in the log above."""
    rebuild = server.builder

    def keep_serving() -> None:
        try:
            rebuild()
        except Exception as exc:  # its details are logged above; Abort's own text is a summary
            summary = str(exc).splitlines()[0] if isinstance(exc, SystemExit) else type(exc).__name__
            log.error("The site was not rebuilt (%s). Still serving the last good build; save a fix.", summary)

    server.builder = keep_serving
    return server


def on_build_error(error: Exception) -> None:
    """A notebook cell that raised, reported at its line in the notebook's source."""
    notebook = _state.get("notebooks", {}).get(_state.get("current_page"))
    if notebook is None or not hasattr(error, "ename"):
        return
    root = Path(_state["site"].content.root)
    text = (root / notebook.path).read_text(encoding="utf-8")
    line = cell_error_line(text, str(error))
    where = notebook.path if line is None else f"{notebook.path}:{line}"
    log.error("%s: a code cell raised %s: %s", where, getattr(error, "ename", ""), getattr(error, "evalue", ""))
