"""Theme partials the site overrides are the theme's own with one stated change. A theme upgrade that changes
one of the originals fails here, so the override is looked at again instead of silently going stale."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import REPO

THEME = Path(material.__file__).parent / "templates"

# partial -> (the theme's text, ours): the one change each override makes.
CHANGES = {
    # The theme's palette component is not mounted; partials/javascripts/palette.html switches the colours.
    "partials/palette.html": (' data-md-component="palette"', ""),
    # No repository facts fetched from the GitHub API.
    "partials/source.html": (' data-md-component="source"', ""),
    # The site's own search box (partials/search.html) in place of the search plugin's, which the site does not use.
    "partials/header.html": (
        """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
""",
        """    <label class="md-header__button md-icon" for="__search" aria-label="Search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% include "partials/search.html" %}
""",
    ),
}
_LEADING_COMMENTS = re.compile(r"\A(?:\s*\{#.*?#\})*\s*", re.S)


def _markup(path: Path) -> str:
    return _LEADING_COMMENTS.sub("", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("partial", sorted(CHANGES))
def test_override_is_the_themes_partial_with_one_change(partial: str) -> None:
    theirs, ours = CHANGES[partial]
    original = _markup(THEME / partial)
    assert original.count(theirs) == 1, f"the theme's {partial} changed: review overrides/{partial}"
    assert _markup(REPO / "overrides" / partial) == original.replace(theirs, ours)


def test_every_override_is_accounted_for() -> None:
    """A new override is either listed above or one of the partials the site writes itself."""
    own = {"main.html", "partials/search.html", "partials/javascripts/palette.html"}
    found = {p.relative_to(REPO / "overrides").as_posix() for p in (REPO / "overrides").rglob("*.html")}
    assert found == own | set(CHANGES)
