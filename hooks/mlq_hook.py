"""MkDocs hook: a thin adapter between MkDocs and the ``mlq`` content library.

The library does the work (load, validate, render); this file only hands its pages to MkDocs and
turns its errors into build failures. Event order and traps: see CONTRIBUTING.md ("How the build works").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# Imported at module level: MkDocs puts this folder on sys.path only while the hook module loads.
from mlq import ContentError, Site, load_content
from mlq.invariants import check_built_site
from mlq.site import build_site, stable_cell_ids

log = get_plugin_logger("mlq")
_state: dict[str, Any] = {}


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
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = _root(config)
    try:
        site = build_site(load_content(root), site_url=config.site_url or "", repo_url=config.repo_url or "")
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    _state["site"] = site
    _state["notebooks"] = site.notebooks_by_src_uri()
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages embed generated fragments (counts, downloads) with ``<!-- mlq:NAME -->``."""
    site: Site | None = _state.get("site")
    if site is None or page.file.generated_by is not None:
        return markdown
    try:
        return _SNIPPET.sub(lambda m: site.snippet(m.group(1), page.file.src_uri), markdown)
    except ContentError as exc:
        raise PluginError(str(exc)) from None


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Point a notebook's edit link at content/notebooks/.

    mkdocs-jupyter wraps notebook files after our on_files and the wrapper drops the edit_uri set there.
    """
    notebook = _state.get("notebooks", {}).get(page.file.src_uri)
    if notebook is not None:
        page.file.edit_uri = f"../{notebook.path}"
        page._set_edit_url(config.repo_url, config.edit_uri, config.edit_uri_template)
    return page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notebook pages: fixed cell ids (reproducible builds) and the library's backlinks appended."""
    site: Site | None = _state.get("site")
    appendix = site.appendices.get(page.file.src_uri) if site else None
    return stable_cell_ids(html) + appendix if appendix is not None else html


@event_priority(-100)  # after Material's search plugin has written the search index
def on_post_build(config: MkDocsConfig) -> None:
    site: Site | None = _state.get("site")
    if site is None:
        return
    problems = check_built_site(site, Path(config.site_dir))
    if problems:
        raise PluginError("Built site is missing content:\n" + "\n".join(f"  {p}" for p in problems))
    log.info("%d questions: every one is published, indexed, exported and searchable", len(site.content.questions))
