"""Flashcard exports: one card and one CSV row per question, reproducible bytes."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

from conftest import BASIC
from mlq import load_content
from mlq.decks import anki_deck, csv_export


def test_anki_deck_has_one_note_per_question(tmp_path: Path) -> None:
    content = load_content(BASIC)
    data = anki_deck(content, "https://example.org/guide/")
    assert data == anki_deck(content, "https://example.org/guide/")  # reproducible
    with zipfile.ZipFile(io.BytesIO(data)) as apkg:
        (tmp_path / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = [row[0].split("\x1f") for row in db.execute("select flds from notes order by id")]
    db.close()
    assert [f[0] for f in fields] == [q.id for q in content.questions]
    first = fields[0]
    assert first[1] == "What is regularization and how does it help prevent overfitting?"
    assert "\\(\\lambda \\lVert w \\rVert_2^2\\)" in first[2]  # $...$ becomes Anki's MathJax delimiters
    assert first[4] == "https://example.org/guide/q/mlq-0001/"


def test_csv_has_one_row_per_question() -> None:
    content = load_content(BASIC)
    rows = list(csv.DictReader(io.StringIO(csv_export(content, "https://example.org/guide/"))))
    assert [r["id"] for r in rows] == [q.id for q in content.questions]
    assert rows[0]["url"] == "https://example.org/guide/questions/fundamentals/regularization/"
    assert rows[0]["answer"].startswith("Regularization adds a penalty")
