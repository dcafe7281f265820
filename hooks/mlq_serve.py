"""`mkdocs serve` for the hook: rebuilds do only the work an edit needs, and a failed rebuild leaves the last good
site served. A plain `mkdocs build` uses none of this.

Every page's rendered HTML and finished output are kept between rebuilds (``mlq.incremental``), keyed by all they
depend on: its Markdown as the hook hands it to MkDocs (generated pages are regenerated on every rebuild, so a
question's new title reaches every listing's Markdown), its front matter and URLs, the set of files (links resolve
against it), mkdocs.yml, the theme overrides and, for the finished page, the navigation. Notebook pages are left
to mkdocs-jupyter's own cache. Each rebuild writes a complete site into a staging folder, which changes places with
the served one only when the build succeeded.

This module knows MkDocs' page internals (``Page.render`` and what it leaves on the page), so it lives beside the
hook, not in the library; ``tests/test_incremental.py`` compares an edit sequence's result with a clean build.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mlq.content import QuestionCache
from mlq.incremental import Cache, digest, tree_digest

_CACHED_TEMPLATE = "mlq-cached-page.html"  # renders nothing: the hook's on_post_page returns the kept output
# Rendered pages, finished pages, the built-site check's reading of each page, notebook pages made lighter, the
# purged notebook stylesheet.
_CACHES = ("pages", "outputs", "checks", "lightened", "purged")


@dataclass(frozen=True)
class _Rendered:
    """What Page.render and the hook's on_page_content left on a page, to put back without converting again."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: link as written}
    math: bool


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


class _ListedLoader(jinja2.FileSystemLoader):
    """The theme's folders, with their list of files taken from ``lists`` when it holds the same folders.

    MkDocs lists every file of the theme on each build (to copy its static files): walking Material's folders took
    about 0.4 s of a 2.5 s serve rebuild. Installed themes do not change while serving; the overrides folder may,
    so its contents are part of the key.
    """

    def __init__(self, searchpath: list[str], key: str, lists: dict[str, list[str]]) -> None:
        super().__init__(searchpath)
        self.key, self.lists = key, lists

    def list_templates(self) -> list[str]:
        if self.key not in self.lists:
            self.lists.clear()
            self.lists[self.key] = super().list_templates()
        return list(self.lists[self.key])


class ServeSession:
    """What one `mkdocs serve` process keeps between its rebuilds, and the steps of each rebuild that use it."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty  # `serve --dirty` relies on the files already in the served folder: no staging
        self.questions = QuestionCache()  # parsed questions by file content (mlq.content)
        self.question_pages: dict[str, Any] = {}  # the library's generated pages (mlq.site.build_site's reuse)
        self.caches: dict[str, Cache[Any]] = {name: Cache() for name in _CACHES}
        self.bytecode = _MemoryBytecodeCache()  # each rebuild has a new Jinja environment: compile templates once
        self.template_lists: dict[str, list[str]] = {}
        self.served_dir = self.staging_dir = ""
        self._start_ns = 0
        self._begin_build()
        if not dirty:
            self._rewrite_staging_in_place()

    def _begin_build(self) -> None:
        for cache in self.caches.values():
            cache.begin()
        self.page_keys: dict[str, str] = {}
        self.hits: dict[str, _Rendered] = {}  # pages restored instead of converted
        self.output_keys: dict[str, str] = {}
        self.output_hits: dict[str, str] = {}  # pages whose finished output is reused
        self.overrides = self.site_key = ""
        self.nav: Navigation | None = None

    # Events, in MkDocs' order.

    def on_config(self, config: MkDocsConfig) -> None:
        self._begin_build()
        custom_dir = config.theme.custom_dir
        self.overrides = tree_digest(Path(custom_dir)) if custom_dir else ""  # read once per rebuild, used twice
        self._list_theme_templates_once(config)
        if not self.dirty:
            self.served_dir = config.site_dir.rstrip("/" + os.sep)
            self.staging_dir = self.served_dir + ".mlq-next"
            config.site_dir = self.staging_dir

    def on_pre_build(self) -> None:
        if not self.dirty:
            # The file's time, not the clock's: it comes from the same (coarse) file-system clock as the site's.
            stamp = Path(self.staging_dir + ".stamp")
            stamp.write_bytes(b"")
            self._start_ns = stamp.stat().st_mtime_ns

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav
        listed = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.inclusion.name}" for f in files)
        self.site_key = digest(
            [
                Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                config.site_url or "",
                repr((config.use_directory_urls, config.strict)),
                self.overrides,
                *listed,
            ]
        )

    def reuse_rendered(self, markdown: str, page: Page) -> None:
        """Give the page a key; if a good build rendered the same inputs, render means putting that back."""
        key = digest(
            [
                self.site_key,
                page.file.src_uri,
                page.url,
                page.edit_url or "",
                page.canonical_url or "",
                json.dumps(page.meta, sort_keys=True, default=str),  # front matter: not in the Markdown handed over
                markdown,
            ]
        )
        self.page_keys[page.file.src_uri] = key
        kept: _Rendered | None = self.caches["pages"].get(key)
        if kept is not None:
            self.hits[page.file.src_uri] = kept
            page.render = functools.partial(_restore_rendered, page, kept)  # type: ignore[method-assign]

    def restored(self, page: Page) -> bool:
        """Whether ``page`` was put back by reuse_rendered, with the hook's on_page_content work already done."""
        return page.file.src_uri in self.hits

    def keep_rendered(self, page: Page, html: str) -> None:
        """Keep the page as rendered and finished by the hook's on_page_content."""
        key = self.page_keys.get(page.file.src_uri)
        if key is None:
            return
        links = page.links_to_anchors
        self.caches["pages"].put(
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

    def on_env(self, env: jinja2.Environment, files: Files) -> jinja2.Environment:
        """Pages whose finished output a good build made from the same inputs skip the theme's template."""
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({_CACHED_TEMPLATE: ""}), cast(Any, env.loader)])
        env.bytecode_cache = self.bytecode
        nav_key = _nav_digest(self.nav) if self.nav is not None else ""
        for src_uri, key in self.page_keys.items():
            out_key = self.output_keys[src_uri] = digest([key, nav_key])
            output = self.caches["outputs"].get(out_key)
            file = files.get_file_from_path(src_uri)
            if output is not None and file is not None and file.page is not None:
                file.page.meta["template"] = _CACHED_TEMPLATE
                self.output_hits[src_uri] = output
        return env

    def kept_output(self, page: Page) -> str | None:
        return self.output_hits.get(page.file.src_uri)

    def keep_output(self, page: Page, output: str) -> None:
        key = self.output_keys.get(page.file.src_uri)
        if key is not None:
            self.caches["outputs"].put(key, output)

    def remove_stale(self, site_dir: Path) -> None:
        """Remove what an earlier build left in the staging folder and this one did not write, and emptied folders.

        Run after everything is written and before the built site is checked."""
        if self.dirty:
            return
        for folder, subfolders, names in os.walk(site_dir, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                if os.lstat(path).st_mtime_ns < self._start_ns:
                    os.unlink(path)
            for name in subfolders:
                path = os.path.join(folder, name)
                if not os.listdir(path):
                    os.rmdir(path)

    def finish(self, config: MkDocsConfig) -> None:
        """The build passed the hook's checks: keep what it made, and serve it unless a warning fails it."""
        warned = _warnings_logged()
        if not warned:  # pages that warned must render (and warn) again
            for cache in self.caches.values():
                cache.commit()
        if self.dirty or (warned and config.strict):
            return  # the strict check after this event fails the build: the served site stays as it was
        # The two folders change places: the old site becomes the next build's staging folder.
        served, staging = Path(self.served_dir), Path(self.staging_dir)
        spare = served.with_name(served.name + ".mlq-swap")
        if served.exists():
            served.rename(spare)
        staging.rename(served)
        if spare.exists():
            spare.rename(staging)

    def on_shutdown(self) -> None:
        if self.staging_dir:  # MkDocs removes the served folder; the staging folder is ours
            shutil.rmtree(self.staging_dir, ignore_errors=True)
            Path(self.staging_dir + ".stamp").unlink(missing_ok=True)

    # Helpers.

    def _rewrite_staging_in_place(self) -> None:
        """MkDocs empties site_dir before each build; the staging folder is rewritten in place instead.

        It holds the site from two builds ago, and every rebuild writes each of the site's ~2,600 files again: on
        ext4, overwriting a file costs about a tenth of creating it and its folder, which was a third of a rebuild.
        Files this build did not write are removed after it (remove_stale), so the result is a clean build's.
        """
        clean = mkdocs_utils.clean_directory  # under ProperDocs, `mkdocs.utils` is its own module under that name

        def clean_directory(directory: str) -> None:
            if directory != self.staging_dir:
                clean(directory)

        mkdocs_utils.clean_directory = clean_directory

    def _list_theme_templates_once(self, config: MkDocsConfig) -> None:
        theme = config.theme
        key = digest([*theme.dirs, self.overrides])
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.loader = _ListedLoader(list(theme.dirs), key, self.template_lists)
            return env

        theme.get_env = get_env  # type: ignore[method-assign]


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


def _warnings_logged() -> bool:
    """Whether this build logged a warning (MkDocs counts them for --strict after on_post_build)."""
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            counts = getattr(handler, "get_counts", None)
            if callable(counts) and counts():
                return True
    return False


def keep_serving(server: LiveReloadServer, log: logging.Logger | logging.LoggerAdapter[Any]) -> LiveReloadServer:
    """A failed rebuild leaves the last good site served. (MkDocs' server would otherwise hold every request until
    a rebuild succeeds.) The problem, with file and line, is already in the log above."""
    rebuild = server.builder

    def build_or_keep_serving() -> None:
        try:
            rebuild()
        except Exception as exc:  # its details are logged above; Abort's own text is a summary
            summary = str(exc).splitlines()[0] if isinstance(exc, SystemExit) else type(exc).__name__
            log.error("The site was not rebuilt (%s). Still serving the last good build; save a fix.", summary)

    server.builder = build_or_keep_serving
    return server
