"""MkDocs hook: a thin adapter between MkDocs and the ``mlq`` content library.

The library does the work (load, validate, render); this file only hands its pages to MkDocs and
turns its errors into build failures. Event order and traps: see CONTRIBUTING.md ("How the build works").
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
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
from mlq.invariants import check_built_site
from mlq.mathrender import KATEX_JS, MathError, MathRenderer, has_math, source_line, typeset
from mlq.notebookpage import (
    cell_error_line,
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
from mlq_serve import ServeSession, keep_serving

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
_state: dict[str, Any] = {}  # the build in progress: its site, notebook pages and assets, timings; the math renderer
_session: ServeSession | None = None  # while `mkdocs serve` runs: what its rebuilds reuse


Event = TypeVar("Event", bound=Callable[..., Any])
T = TypeVar("T")


def _memo(name: str, parts: Callable[[], Iterable[str | bytes]], make: Callable[[], T]) -> T:
    """``make()``; while serving, kept between rebuilds by ``parts`` (computed only then)."""
    return make() if _session is None else _session.caches[name].remember(parts(), make)


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
        content = load_content(root, questions=_session.questions if _session else None)
        site = build_site(
            content,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            reuse=_session.question_pages if _session else None,
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
    if _session is not None and page.file.src_uri not in _state.get("notebooks", {}):
        _session.reuse_rendered(markdown, page)
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
    if _session is None:
        return _typeset_page(output, page, config)
    kept = _session.kept_output(page)
    if kept is not None:
        return kept
    output = _typeset_page(output, page, config)
    _session.keep_output(page, output)
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
    (they scroll sideways). Also: formulas marked for typesetting, fixed cell ids. While serving, kept by the
    page's HTML as mkdocs-jupyter gave it."""

    given = html

    def lighten() -> tuple[str, str | None, dict[str, bytes], set[str]]:
        out = stable_cell_ids(mark_math(given))
        out, css = split_bundled_css(out, get_relative_url(NOTEBOOK_CSS, page.url))
        out, figures = extract_figures(focusable_code(join_stdout_chunks(out)))
        return out, css, figures, used_classes(out)

    html, css, figures, classes = _memo("lightened", lambda: [given, page.url], lighten)
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
    if _session is not None and _session.restored(page):
        return html  # put back as this event left it in an earlier build
    html = _finish_content(html, page)
    if _session is not None:
        _session.keep_rendered(page, html)
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
    return html


def _write_notebook_assets(site_dir: Path) -> None:
    sheets = _state.get("notebook_css", {})
    if sheets:
        inputs = ("\n".join(sheets), _state["notebook_classes"], "\n".join(_state["notebook_html"]))
        css = _memo("purged", lambda: [inputs[0], *sorted(inputs[1]), inputs[2]], lambda: purge_css(*inputs))
        (site_dir / NOTEBOOK_CSS).write_text(css, encoding="utf-8")
    for uri, data in _state.get("notebook_files", {}).items():
        (site_dir / uri).write_bytes(data)


def on_post_build(config: MkDocsConfig) -> None:
    site: Site | None = _state.get("site")
    if site is None:
        return
    start = time.perf_counter()
    _write_notebook_assets(Path(config.site_dir))
    if _session is not None:
        _session.remove_stale(Path(config.site_dir))
    problems = check_built_site(site, Path(config.site_dir), memo=_session.caches["checks"] if _session else None)
    if problems:
        raise PluginError("Built site is missing content:\n" + "\n".join(f"  {p}" for p in problems))
    if _session is not None:
        _session.finish(config)
    log.info("%d questions: every one is published, indexed, exported and searchable", len(site.content.questions))
    _add_time("on_post_build", time.perf_counter() - start)
    totals: dict[str, float] = _state["seconds"]
    # bench/build_benchmark.py reads these two lines.
    log.info("hook work in this build: %.2f s", sum(totals.values()))
    log.info("hook work by event: %s", ", ".join(f"{name} {seconds:.3f} s" for name, seconds in totals.items()))


# `mkdocs serve`: the session (mlq_serve) keeps what rebuilds can reuse; these events hand it each step.


def on_startup(command: str, dirty: bool) -> None:
    global _session
    _session = ServeSession(dirty) if command == "serve" else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _session is not None:
        _session.on_config(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _session is not None:
        _session.on_pre_build()


@_timed
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _session is not None:
        _session.on_nav(nav, config, files)
    return nav


@_timed
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return env if _session is None else _session.on_env(env, files)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    return keep_serving(server, log)


def on_shutdown() -> None:
    if _session is not None:
        _session.on_shutdown()


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
