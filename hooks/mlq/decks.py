"""Flashcard exports of every question and its 30-second answer: an Anki deck and a CSV file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from mlq.content import Content

ANKI_URI = "downloads/ml-interview-guide.apkg"
CSV_URI = "downloads/ml-interview-guide.csv"
# Fixed ids: Anki matches decks and note types by id, so re-importing a newer deck updates cards in place.
DECK_ID = 1_760_400_000_001
MODEL_ID = 1_760_400_000_002
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_CARD_CSS = """
.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; max-width: 40em; margin: auto; }
.meta { color: #555; font-size: 14px; }
.asked { color: #555; font-size: 15px; font-style: italic; }
"""


def _anki_math(text: str) -> str:
    """$...$ and $$...$$ as Anki's MathJax delimiters."""
    text = re.sub(r"\$\$(.+?)\$\$", r"\\[\1\\]", text, flags=re.S)
    return re.sub(r"\$(.+?)\$", r"\\(\1\\)", text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def anki_deck(content: Content, site_url: str) -> bytes:
    """An .apkg with one note per question. Reproducible: same content, same bytes."""
    import genanki  # imported here: only the build needs it

    model = genanki.Model(
        MODEL_ID,
        "ML Interview Guide question",
        fields=[
            {"name": "Id"},
            {"name": "Question"},
            {"name": "Answer"},
            {"name": "Meta"},
            {"name": "Link"},
            {"name": "AskedAs"},
            {"name": "Rubric"},
        ],
        templates=[
            {
                "name": "Question → answer",
                "qfmt": "<div class='meta'>{{Meta}}</div><h2>{{Question}}</h2>"
                "{{#AskedAs}}<div class='asked'>Also asked as: {{AskedAs}}</div>{{/AskedAs}}",
                "afmt": "{{FrontSide}}<hr id='answer'><p>{{Answer}}</p>"
                "{{#Rubric}}<p class='meta'>A complete answer:</p>{{Rubric}}{{/Rubric}}"
                "<p><a href='{{Link}}'>Full answer</a></p>",
            }
        ],
        css=_CARD_CSS,
    )
    deck = genanki.Deck(DECK_ID, "ML Interview Guide")
    tax = content.taxonomy
    for q in content.questions:
        meta = f"{tax.categories[q.category].title} · {q.meta.difficulty} · {q.id}"
        link = site_url.rstrip("/") + f"/q/{q.id}/"
        asked = " · ".join(_escape(p) for p in q.meta.asked_as)
        rubric = "<ul>" + "".join(f"<li>{_escape(point)}</li>" for point in q.meta.rubric) + "</ul>"
        fields = [
            q.id,
            _anki_math(_escape(q.title)),
            _anki_math(_escape(q.short_answer_math)),
            _escape(meta),
            link,
            asked,
            rubric,
        ]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(q.id), tags=list(q.meta.topics)))
    newest = max((q.meta.last_reviewed for q in content.questions), default=dt.date(2026, 1, 1))
    timestamp = dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC).timestamp()
    raw = io.BytesIO()
    genanki.Package(deck).write_to_file(raw, timestamp=timestamp)
    # genanki stamps zip entries with the temporary file's mtime: repack with a fixed one.
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME), source.read(info.filename))
    return out.getvalue()


def csv_export(content: Content, site_url: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "question", "answer", "category", "difficulty", "topics", "url", "asked_as", "rubric"])
    for q in content.questions:
        url = site_url.rstrip("/") + "/" + q.url
        writer.writerow(
            [
                q.id,
                q.title_text,
                q.short_answer_math,
                q.category,
                q.meta.difficulty,
                ";".join(q.meta.topics),
                url,
                # One cell each, entries on their own lines: spreadsheets and Anki's CSV import keep them.
                "\n".join(q.meta.asked_as),
                "\n".join(q.meta.rubric),
            ]
        )
    return buffer.getvalue()
