"""Results kept between the rebuilds of one ``mkdocs serve`` process, keyed by a hash of everything they depend on.

A rebuild after an edit then redoes only the work whose inputs changed: a page whose Markdown, URL, file set,
navigation and configuration hash the same as in the last good build is not converted or rendered again. The
output of such a rebuild is byte-identical to a clean full build (``tests/test_incremental.py`` checks it); a
plain ``mkdocs build`` uses none of this.

Nothing here knows MkDocs: the hook says what a result's inputs are and hands over the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


def digest(parts: Iterable[str | bytes]) -> str:
    """A hash of ``parts`` in order; each is length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` differ."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """A hash of every file's path and bytes below ``folder`` (a theme's override templates: a few small files)."""
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(part for path in files for part in (path.relative_to(folder).as_posix(), path.read_bytes()))


class Cache(Generic[T]):
    """Results by input key, committed only by a build that succeeded.

    A result made in a build that then failed stays pending and is dropped: with ``strict``, a page whose
    rendering logged a warning must render (and warn) again next time, not come back silently from the cache.
    Committing keeps only the entries the build used or made, so the cache holds one site's worth of results.
    """

    def __init__(self) -> None:
        self._good: dict[str, T] = {}
        self._used: dict[str, T] = {}

    def begin(self) -> None:
        """Start a build: forget what an unfinished earlier build used or made."""
        self._used = {}

    def get(self, key: str) -> T | None:
        value = self._good.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: T) -> None:
        self._used[key] = value

    def remember(self, parts: Iterable[str | bytes], make: Callable[[], T]) -> T:
        """What a good build made from the same ``parts`` (hashed with ``digest``), or else ``make()``."""
        key = digest(parts)
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def commit(self) -> None:
        """The build succeeded: what it used or made is what the next build may reuse."""
        self._good, self._used = self._used, {}

    def __len__(self) -> int:
        return len(self._good)
