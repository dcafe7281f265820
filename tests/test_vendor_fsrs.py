"""The vendored ts-fsrs (the FSRS scheduler the practice page uses) is the npm release its stub names, with
its licence: upgrading it means replacing the file, the LICENSE and the stub together."""

from __future__ import annotations

import hashlib
import json

from conftest import REPO

VENDOR = REPO / "docs" / "assets" / "vendor" / "ts-fsrs"


def test_stub_records_name_version_and_licence() -> None:
    stub = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    assert stub["name"] == "ts-fsrs"
    assert stub["version"] == "5.4.2"
    assert stub["license"] == "MIT"
    assert stub["source"] == "https://registry.npmjs.org/ts-fsrs/-/ts-fsrs-5.4.2.tgz"


def test_licence_text_is_shipped() -> None:
    text = (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 Open Spaced Repetition" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_module_is_the_released_file_unchanged() -> None:
    stub = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    data = (VENDOR / "index.mjs").read_bytes()
    assert hashlib.sha256(data).hexdigest() == stub["files"]["index.mjs"]["sha256"]
    # What the site's scheduler imports from it (docs/assets/javascripts/study/srs.js).
    exports = data.decode("utf-8").rsplit("export {", 1)[1]
    for name in ("fsrs", "createEmptyCard", "Rating", "State", "generatorParameters"):
        assert f" {name}," in exports or f" {name} " in exports
