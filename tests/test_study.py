"""The study pages (practice with spaced repetition, mock interview, study plan) in Debian's Chromium, served
under the sub-path, with a fixed clock.

The site is the small fixture build; its question list (api/questions.json) is replaced in the browser by a
larger set built here from the fixture's own export, with rubrics, roles and system-design questions, so the
tests do not depend on how far the writers have got with rubrics in content/."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BASIC, SUBPATH, _build_into, make_tree, serve_directory
from test_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
RUBRIC = [
    "States the definition in one sentence",
    "Gives the formula or the mechanism",
    "Names a case where it breaks",
    "Says what to do about it in practice",
]
NO_RUBRIC_CATEGORY = "deployment-mlops"  # its questions have no rubric yet, as many do in content/ today


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_tree(tmp_path_factory.mktemp("study") / "project", BASIC)
    root = project / "served"
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(project)
        _build_into(project, root / SUBPATH)
    finally:
        mp.undo()
    return root


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="module")
def questions(site: Path) -> dict[str, Any]:
    """36 questions, 4 per category, shaped like the build's export (its records are the templates)."""
    export = json.loads((site / SUBPATH / "api" / "questions.json").read_text(encoding="utf-8"))
    template = export["questions"][0]
    assert {"rubric", "roles"} <= set(template)  # the export carries what the pages read
    labels = export["labels"]
    topics = sorted(labels["topics"])
    roles = ["ml-engineer", "data-scientist", "research-scientist", "mlops-engineer"]
    difficulties = ["easy", "medium", "hard", "medium"]
    records = []
    for c, category in enumerate(labels["categories"]):
        for i in range(4):
            n = c * 4 + i
            record = copy.deepcopy(template)
            record.update(
                id=f"mlq-{9000 + n}",
                title=f"Question {n} about {labels['categories'][category]}?",
                category=category,
                topics=[topics[n % len(topics)], topics[(n + 3) % len(topics)]],
                difficulty=difficulties[i],
                short_answer=f"The short answer to question {n}.",
                rubric=[] if category == NO_RUBRIC_CATEGORY else list(RUBRIC),
                roles=[roles[n % 4], roles[(n + 1) % 4]],
                companies=[],
            )
            records.append(record)
    return {**export, "count": len(records), "questions": records}


def _study_context(browser: Any, questions: dict[str, Any], **options: Any) -> Any:  # noqa: F811
    """A browser context whose pages load ``questions`` instead of the built site's export."""
    context = browser.new_context(**options)
    context.route("**/api/questions.json", lambda route: route.fulfill(json=questions))
    return context


@pytest.fixture
def context(browser: Any, questions: dict[str, Any]) -> Iterator[Any]:  # noqa: F811
    context = _study_context(browser, questions, timezone_id="UTC", accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Any:
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Time stands still at NOW unless a test moves it (fast_forward): dates in storage are exact.
    page.clock.install(time=NOW - dt.timedelta(minutes=1))
    page.clock.pause_at(NOW)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors
    return page


def stored(page: Any) -> Any:
    return page.evaluate("JSON.parse(localStorage.getItem('mlq-study'))")


def open_practice(page: Any, base_url: str, query: str = "") -> None:
    page.goto(base_url + "practice/" + query)
    page.wait_for_selector("#mlq-card-title")


# Scheduling and storage rules, imported from the site's own modules.


def test_intervals_grow_with_good_and_reset_with_again(page: Any, base_url: str) -> None:
    page.goto(base_url)
    intervals = page.evaluate(
        """async (base) => {
            const srs = await import(base + "assets/javascripts/study/srs.js");
            const store = await import(base + "assets/javascripts/study/store.js");
            const state = store.emptyState();
            let now = new Date("2026-12-01T09:00:00Z");
            const out = [];
            for (const grade of ["good", "good", "good", "good", "good", "again", "good"]) {
                const card = srs.grade(state, "mlq-0001", grade, now);
                out.push((Date.parse(card.due) - now.getTime()) / 60000);
                now = new Date(card.due);
            }
            return out;
        }""",
        base_url,
    )
    minutes_per_day = 24 * 60
    assert intervals[0] == 10  # the learning step, as in Anki
    assert intervals[1] >= minutes_per_day  # then days
    assert intervals[1] < intervals[2] < intervals[3] < intervals[4]
    assert intervals[4] >= 30 * minutes_per_day
    assert intervals[5] <= 10  # Again: back to minutes
    assert intervals[6] < intervals[4]  # and it grows again from there, not from where it was


def test_rubric_score_suggests_a_grade(page: Any, base_url: str) -> None:
    page.goto(base_url)
    grades = page.evaluate(
        """async (base) => {
            const srs = await import(base + "assets/javascripts/study/srs.js");
            return [[0, 4], [1, 4], [2, 4], [3, 4], [4, 4], [0, 0], [2, 3]].map(([t, n]) => srs.suggestGrade(t, n));
        }""",
        base_url,
    )
    assert grades == ["again", "again", "hard", "hard", "good", None, "hard"]


# The practice page.


def test_rubric_ticks_give_the_suggested_grade_and_grading_schedules(page: Any, base_url: str) -> None:
    open_practice(page, base_url, "?category=fundamentals")
    qid = page.get_attribute("#mlq-card-title", "data-question-id")
    assert page.locator(".mlq-rubric").count() == 0  # the rubric comes after the answer
    page.click("#mlq-reveal-answer")
    points = page.locator(".mlq-rubric input[type=checkbox]")
    assert points.count() == 4
    assert page.get_attribute("#mlq-suggestion", "data-grade") == "again"
    assert "mlq-suggested" in page.get_attribute("#mlq-grade-again", "class")
    points.nth(0).check()
    points.nth(1).check()
    assert page.get_attribute("#mlq-suggestion", "data-grade") == "hard"
    assert "mlq-suggested" in page.get_attribute("#mlq-grade-hard", "class")
    assert "mlq-suggested" not in page.get_attribute("#mlq-grade-again", "class")
    points.nth(2).check()
    points.nth(3).check()
    assert page.get_attribute("#mlq-suggestion", "data-grade") == "good"
    assert page.text_content("#mlq-suggestion") == "4 of 4 points: suggested grade Good."
    assert "10 min" in page.text_content("#mlq-grade-good")  # each button says when the question comes back
    page.click("#mlq-grade-good")
    state = stored(page)
    assert state["marks"] == {qid: "known"}
    assert state["cards"][qid]["due"] == "2026-12-01T09:10:00.000Z"
    assert page.get_attribute("#mlq-card-title", "data-question-id") != qid
    assert page.text_content("#mlq-due-count") == "1 review due today"
    assert page.errors == []


def test_a_question_without_a_rubric_is_graded_without_one(page: Any, base_url: str) -> None:
    open_practice(page, base_url, f"?category={NO_RUBRIC_CATEGORY}")
    page.click("#mlq-reveal-answer")
    assert page.locator(".mlq-rubric").count() == 0
    assert page.text_content("#mlq-suggestion") == ""
    assert page.locator(".mlq-suggested").count() == 0
    page.click("#mlq-grade-hard")
    assert list(stored(page)["marks"].values()) == ["review"]


def test_due_reviews_come_first_and_new_questions_stop_at_the_daily_limit(page: Any, base_url: str) -> None:
    open_practice(page, base_url, "?category=fundamentals")
    page.click("#mlq-data summary")
    page.fill("#mlq-new-per-day", "2")
    page.press("#mlq-new-per-day", "Enter")
    assert page.text_content("#mlq-new-count").startswith("2 new left today")
    first = page.get_attribute("#mlq-card-title", "data-question-id")
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-again")  # back in a minute
    second = page.get_attribute("#mlq-card-title", "data-question-id")
    assert second != first and page.get_attribute(".mlq-card-kind", "data-kind") == "new"
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-easy")  # days away
    # The limit of two new questions is reached: the first comes back (its minute is nearly up), then nothing.
    assert page.get_attribute("#mlq-card-title", "data-question-id") == first
    assert page.get_attribute(".mlq-card-kind", "data-kind") == "review"
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-easy")
    assert page.text_content("#mlq-card-title") == "Done for today in this selection"
    assert page.text_content("#mlq-due-count") == "0 reviews due today"
    # Tomorrow: two more new questions.
    page.clock.fast_forward("24:00:00")
    page.reload()
    page.wait_for_selector("#mlq-card-title")
    assert page.text_content("#mlq-new-count").startswith("2 new left today")


def test_a_question_in_its_learning_steps_waits_for_its_minutes(page: Any, base_url: str) -> None:
    """Good on a new question means "again in 10 minutes", not "next": new questions come first meanwhile."""
    open_practice(page, base_url, "?category=fundamentals")
    seen = []
    for minute in range(3):  # graded at 09:00, 09:01 and 09:02: due at 09:10, 09:11 and 09:12
        seen.append(page.get_attribute("#mlq-card-title", "data-question-id"))
        page.click("#mlq-reveal-answer")
        page.click("#mlq-grade-good")
        if minute < 2:
            page.clock.fast_forward(60_000)
    assert len(set(seen)) == 3
    assert page.get_attribute(".mlq-card-kind", "data-kind") == "new"
    page.clock.fast_forward(8 * 60_000 + 30_000)  # 09:10:30
    page.click("#mlq-next")  # draws again, now that the first is due
    assert page.get_attribute("#mlq-card-title", "data-question-id") == seen[0]
    assert page.get_attribute(".mlq-card-kind", "data-kind") == "review"


def test_export_then_reset_then_import_restores_the_exact_state(page: Any, base_url: str, tmp_path: Path) -> None:
    open_practice(page, base_url)
    for grade in ("good", "again", "hard"):
        page.click("#mlq-reveal-answer")
        page.click(f"#mlq-grade-{grade}")
    page.select_option("#mlq-filter-difficulty", "hard")
    before = stored(page)
    assert len(before["cards"]) == 3 and before["filters"] == {"difficulty": "hard"}
    page.click("#mlq-data summary")
    with page.expect_download() as info:
        page.click("#mlq-export")
    download = info.value
    assert download.suggested_filename == "ml-interview-progress-2026-12-01.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["format"] == "mlq-study-progress" and exported["schema"] == 1

    page.click("#mlq-reset")
    page.click("#mlq-reset-yes")
    assert stored(page)["cards"] == {} and stored(page)["marks"] == {}
    assert page.input_value("#mlq-filter-difficulty") == ""

    page.set_input_files("#mlq-import-file", str(saved))
    page.locator("#mlq-data-message", has_text="Progress imported").wait_for()
    assert stored(page) == before
    assert page.input_value("#mlq-filter-difficulty") == "hard"
    page.reload()
    page.wait_for_selector("#mlq-card-title")
    assert stored(page) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"hello": "world"}', "not a progress file from this site"),
        ("not json at all", "not a progress file from this site"),
        (json.dumps({"format": "mlq-study-progress", "schema": 2, "progress": {}}), "newer version of this site"),
        (
            json.dumps({"format": "mlq-study-progress", "schema": 1, "progress": {"schema": 1, "cards": []}}),
            "damaged",
        ),
    ],
)
def test_import_refuses_a_file_that_is_not_ours_and_changes_nothing(
    page: Any, base_url: str, tmp_path: Path, content: str, message: str
) -> None:
    open_practice(page, base_url)
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-good")
    before = stored(page)
    bad = tmp_path / "progress.json"
    bad.write_text(content, encoding="utf-8")
    page.click("#mlq-data summary")
    page.set_input_files("#mlq-import-file", str(bad))
    page.locator("#mlq-data-message", has_text="Nothing was changed.").wait_for()
    text = page.text_content("#mlq-data-message")
    assert message in text and "Nothing was changed." in text
    assert stored(page) == before


def test_reset_asks_first_and_cancel_keeps_everything(page: Any, base_url: str) -> None:
    open_practice(page, base_url)
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-good")
    before = stored(page)
    page.click("#mlq-data summary")
    page.click("#mlq-reset")
    assert "1 scheduled questions" in page.text_content("#mlq-reset-question")
    page.click("#mlq-reset-no")
    assert stored(page) == before
    assert not page.is_visible("#mlq-reset-yes")
    page.click("#mlq-reset")
    page.click("#mlq-reset-yes")
    assert stored(page)["cards"] == {}
    assert page.text_content("#mlq-data-message") == "All progress was deleted."


def test_the_first_practice_pages_storage_migrates_on_first_load(page: Any, base_url: str) -> None:
    page.goto(base_url)  # a page that only reads the record (the due badge): nothing migrates here
    page.evaluate(
        """() => {
            const marks = {"mlq-9000": "known", "mlq-9001": "review", "mlq-9005": "known"};
            localStorage.setItem("mlq-progress", JSON.stringify(marks));
            localStorage.setItem("mlq-practice-filters", JSON.stringify({"category": "fundamentals", "topic": ""}));
        }"""
    )
    assert page.evaluate("localStorage.getItem('mlq-study')") is None
    open_practice(page, base_url)
    state = stored(page)
    assert state["schema"] == 1
    assert state["marks"] == {"mlq-9000": "known", "mlq-9001": "review", "mlq-9005": "known"}
    assert state["filters"] == {"category": "fundamentals"}
    assert page.evaluate("[localStorage.getItem('mlq-progress'), localStorage.getItem('mlq-practice-filters')]") == [
        None,
        None,
    ]
    assert "3 marks from the earlier practice page were kept" in page.text_content(".mlq-notice")
    assert page.input_value("#mlq-filter-category") == "fundamentals"
    assert page.text_content("#mlq-known-count") == "1 of 4 known"  # mlq-9000 is in fundamentals, 9005 is not
    # Never-marked questions first (9002, 9003), then the one to review (9001), then the known one (9000).
    drawn = []
    for _ in range(4):
        drawn.append(page.get_attribute("#mlq-card-title", "data-question-id"))
        page.click("#mlq-reveal-answer")
        page.click("#mlq-grade-easy")  # days away: not drawn again today
    assert sorted(drawn[:2]) == ["mlq-9002", "mlq-9003"] and drawn[2:] == ["mlq-9001", "mlq-9000"]
    page.reload()
    page.wait_for_selector("#mlq-card-title")
    assert page.locator(".mlq-notice p").count() == 0  # migrated once
    assert stored(page)["marks"]["mlq-9001"] == "known"  # grading updates the first page's marks


def test_a_stored_record_from_a_newer_version_is_left_untouched(page: Any, base_url: str) -> None:
    newer = json.dumps({"schema": 2, "cards": {}, "something": "new"})
    page.goto(base_url)
    page.evaluate("(text) => localStorage.setItem('mlq-study', text)", newer)
    open_practice(page, base_url)
    assert "could not be read" in page.text_content(".mlq-notice")
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-good")  # the page still works, from an empty record
    assert page.evaluate("localStorage.getItem('mlq-study')") == newer


def test_mastery_bars_are_shown_on_demand(page: Any, base_url: str, questions: dict[str, Any]) -> None:
    open_practice(page, base_url)
    assert not page.is_visible("#mlq-mastery li")  # a first visit opens on the summary, not on tables
    qid = page.get_attribute("#mlq-card-title", "data-question-id")
    category = next(q["category"] for q in questions["questions"] if q["id"] == qid)
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-good")
    page.click("#mlq-mastery summary")
    row = page.locator(f".mlq-mastery-group >> nth=0 >> li[data-group='{category}']")
    assert row.locator(".mlq-count").text_content() == "1 of 4 known"
    assert row.locator(".mlq-bar-fill").evaluate("el => el.style.width") == "25%"
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-again")
    assert page.locator(".mlq-mastery-group li .mlq-count", has_text="to review").count() >= 1  # updated live


def test_due_count_is_shown_in_the_navigation_on_every_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "guides/how-to-prepare/")
    assert page.locator(".mlq-due-badge").count() == 0  # nothing studied yet
    open_practice(page, base_url)
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-again")
    page.click("#mlq-reveal-answer")
    page.click("#mlq-grade-easy")
    assert page.text_content(".md-nav__link .mlq-due-badge") == "1 due"  # updated at once on the page
    page.goto(base_url + "guides/how-to-prepare/")
    assert page.text_content(".md-nav__link .mlq-due-badge") == "1 due"  # Again: due today; Easy: not
    page.clock.fast_forward(10 * 24 * 3600 * 1000)  # ten days later both are due
    page.reload()
    assert page.text_content(".md-nav__link .mlq-due-badge") == "2 due"


def test_practice_works_with_the_keyboard_alone(page: Any, base_url: str) -> None:
    open_practice(page, base_url, "?category=fundamentals")
    qid = page.get_attribute("#mlq-card-title", "data-question-id")
    page.focus("#mlq-filter-difficulty")  # the last filter; from here on only keys
    active = "document.activeElement && document.activeElement.id"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "mlq-reveal-answer":
            break
    assert page.evaluate(active) == "mlq-reveal-answer"
    page.keyboard.press("Enter")
    assert page.is_visible("#mlq-card-answer")
    for _ in range(10):  # to the first rubric point
        page.keyboard.press("Tab")
        if page.evaluate(active) == "mlq-rubric-0":
            break
    for i in range(4):
        assert page.evaluate(active) == f"mlq-rubric-{i}"
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert page.get_attribute("#mlq-suggestion", "data-grade") == "good"
    for _ in range(4):
        if page.evaluate(active) == "mlq-grade-good":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert stored(page)["marks"] == {qid: "known"}
    assert page.evaluate(active) == "mlq-card-title"  # focus goes to the next question


# The mock interview.


@pytest.mark.parametrize(("minutes", "breadth", "design"), [(30, 6, 0), (45, 5, 1), (60, 7, 1)])
def test_mock_sessions_draw_a_balanced_set(
    page: Any, base_url: str, questions: dict[str, Any], minutes: int, breadth: int, design: int
) -> None:
    page.goto(base_url)
    items = page.evaluate(
        """async ([base, questions, minutes]) => {
            const mock = await import(base + "assets/javascripts/study/session.js");
            return mock.drawSet(questions, {minutes, role: "data-scientist", categories: []}).items;
        }""",
        [base_url, questions["questions"], minutes],
    )
    by_id = {q["id"]: q for q in questions["questions"]}
    kinds = [item["kind"] for item in items]
    assert kinds == ["breadth"] * breadth + ["design"] * design
    breadth_qs = [by_id[item["id"]] for item in items if item["kind"] == "breadth"]
    assert all(q["category"] != "ml-system-design" for q in breadth_qs)
    assert len({q["category"] for q in breadth_qs}) == len(breadth_qs)  # one per category while they last
    assert all("data-scientist" in q["roles"] for q in breadth_qs)
    if design:
        assert by_id[items[-1]["id"]]["category"] == "ml-system-design"
    assert sum(item["budget"] for item in items) == minutes * 60_000


def timers(page: Any) -> tuple[str, str]:
    return page.text_content("#mlq-question-timer"), page.text_content("#mlq-session-timer")


def test_mock_timer_pause_resume_after_reload_and_summary(page: Any, base_url: str) -> None:
    page.goto(base_url + "mock/")
    page.check("#mlq-mock-length-30")
    page.check("#mlq-mock-cat-fundamentals")  # 4 questions: the first four of the six are from there
    page.click("#mlq-mock-start")
    first = page.get_attribute("#mlq-mock-question", "data-question-id")
    assert timers(page) == ("5:00 left", "30:00 left")
    page.clock.fast_forward(60_000)
    assert timers(page) == ("4:00 left", "29:00 left")
    page.fill("#mlq-mock-notes", "bias and variance\nthe decomposition")
    page.click("#mlq-mock-pause")
    assert page.text_content("#mlq-mock-status") == "Paused. The clocks are stopped."
    page.clock.fast_forward(5 * 60_000)
    assert timers(page) == ("4:00 left", "29:00 left")

    page.reload()
    page.wait_for_selector("#mlq-mock-question")
    assert page.get_attribute("#mlq-mock-question", "data-question-id") == first
    assert timers(page) == ("4:00 left", "29:00 left")
    assert page.input_value("#mlq-mock-notes") == "bias and variance\nthe decomposition"
    assert page.text_content("#mlq-mock-pause") == "Resume"
    page.click("#mlq-mock-pause")
    page.clock.fast_forward(30_000)
    assert timers(page) == ("3:30 left", "28:30 left")
    page.clock.fast_forward(4 * 60_000)
    assert timers(page) == ("0:30 over time", "24:30 left")
    assert "mlq-over" in page.get_attribute("#mlq-question-timer", "class")

    page.click("#mlq-mock-reveal")
    for i in range(4):
        page.check(f"#mlq-mock-rubric-{i}")
    assert page.text_content("#mlq-mock-score") == "Score: 100 %."
    page.clock.fast_forward(60_000)  # reading the answer does not count
    page.click("#mlq-mock-next")
    second = page.get_attribute("#mlq-mock-question", "data-question-id")
    assert page.text_content("#mlq-mock-progress").startswith("Question 2 of 6")
    assert timers(page) == ("5:00 left", "24:30 left")
    page.clock.fast_forward(2 * 60_000)
    page.click("#mlq-mock-reveal")  # no point ticked: 0 %
    page.click("#mlq-mock-end")  # leaving early

    assert page.text_content("#mlq-mock-overall") == (
        "2 of 6 questions answered (ended early), 50 % of the rubric points, in 7:30 of 30:00."
    )
    state = stored(page)
    scores = {item["id"]: item["score"] for item in state["mock"]["items"] if item["revealed"]}
    assert scores == {first: 1, second: 0}
    weakest = page.locator("#mlq-mock-weakest li").all_text_contents()
    assert weakest and page.locator("#mlq-mock-topics li").count() >= len(weakest)
    page.click("#mlq-mock-queue")
    assert page.text_content("#mlq-mock-queued").split()[0] != "0"
    queued = stored(page)["queued"]
    assert queued[0] == second and first not in queued
    assert state["mocks"][-1]["answered"] == 2

    page.reload()  # the summary stays until a new session is started
    assert page.text_content("#mlq-mock-overall").startswith("2 of 6 questions answered")
    open_practice(page, base_url)
    assert page.get_attribute("#mlq-card-title", "data-question-id") == second
    assert page.get_attribute(".mlq-card-kind", "data-kind") == "queued"
    page.goto(base_url + "mock/")
    page.click("#mlq-mock-new")
    assert page.is_visible("#mlq-mock-start")
    assert stored(page)["mock"] is None


def test_queueing_weak_topics_leaves_out_what_the_session_showed_is_known(page: Any, base_url: str) -> None:
    page.goto(base_url)
    queued = page.evaluate(
        """async (base) => {
            const mock = await import(base + "assets/javascripts/study/session.js");
            const store = await import(base + "assets/javascripts/study/store.js");
            const q = (id, topics) => ({id, topics, category: "fundamentals", roles: [], companies: []});
            const questions = [q("a", ["t1", "t2"]), q("b", ["t2"]), q("c", ["t2"]), q("d", ["t3"]), q("e", ["t2"])];
            const state = Object.assign(store.emptyState(), {marks: {e: "known"}});
            const items = ["a", "b"].map((id) => ({id, kind: "breadth", budget: 1, spent: 0, notes: "", revealed: true,
                                                   ticked: [], total: 4, score: id === "a" ? 1 : 0.25}));
            const session = mock.start({minutes: 30}, items, new Date());
            const sum = mock.summary(session, new Map(questions.map((x) => [x.id, x])));
            return [sum.weakest, mock.queueWeakest(state, session, questions, sum.weakest), state.queued];
        }""",
        base_url,
    )
    weakest, ids, state_queue = queued
    assert weakest == ["t2"]  # t1 had full marks; t2 averaged (1 + 0.25) / 2
    assert ids == ["b", "c"] == state_queue  # b missed points; c is in t2 and unknown; a was aced, e is known


def test_a_mock_left_running_comes_back_paused(page: Any, base_url: str) -> None:
    page.goto(base_url + "mock/")
    page.check("#mlq-mock-length-45")
    page.click("#mlq-mock-start")
    page.clock.fast_forward(30_000)
    page.goto(base_url)  # leaving the page stops the clock
    page.clock.fast_forward(10 * 60_000)
    page.goto(base_url + "mock/")
    page.wait_for_selector("#mlq-mock-question")
    assert timers(page) == ("4:30 left", "44:30 left")
    assert page.text_content("#mlq-mock-pause") == "Resume"


def tab_to(page: Any, element_id: str, limit: int = 40) -> None:
    """Presses Tab until the element has focus (keyboard only: no click, no focus() call)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_mock_works_with_the_keyboard_alone(page: Any, base_url: str) -> None:
    page.goto(base_url + "mock/")
    page.wait_for_selector("#mlq-mock-start")
    tab_to(page, "mlq-mock-length-45")  # the checked radio of the group takes focus
    page.keyboard.press("ArrowUp")  # arrows move between radios: 30 minutes
    assert page.is_checked("#mlq-mock-length-30")
    tab_to(page, "mlq-mock-start")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mlq-mock-question"
    tab_to(page, "mlq-mock-notes")
    page.keyboard.type("typed with the keyboard")
    tab_to(page, "mlq-mock-reveal")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mlq-mock-answer-heading"
    first = stored(page)["mock"]["items"][0]
    if first["total"] or page.locator("#mlq-mock-rubric-0").count():
        tab_to(page, "mlq-mock-rubric-0")
    else:
        tab_to(page, "mlq-mock-estimate-0")
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "mlq-mock-next")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mlq-mock-question"
    mock = stored(page)["mock"]
    assert mock["index"] == 1 and mock["items"][0]["notes"] == "typed with the keyboard"
    assert mock["items"][0]["score"] > 0


# The study plan.


def make_plan(page: Any, base_url: str, questions: dict[str, Any], state: dict[str, Any], **input: Any) -> Any:
    return page.evaluate(
        """async ([base, questions, order, state, input]) => {
            const planner = await import(base + "assets/javascripts/study/planner.js");
            const store = await import(base + "assets/javascripts/study/store.js");
            const full = Object.assign(store.emptyState(), state);
            return planner.makePlan(input, questions, order, full, new Date("2026-12-01T09:00:00Z"));
        }""",
        [base_url, questions["questions"], list(questions["labels"]["categories"]), state, input],
    )


def test_plan_fits_the_hours_leaves_out_what_is_known_and_follows_the_role(
    page: Any, base_url: str, questions: dict[str, Any]
) -> None:
    page.goto(base_url)
    ids = [q["id"] for q in questions["questions"]]
    known = {qid: "known" for qid in ids[-6:]}
    plan = make_plan(page, base_url, questions, {"marks": known}, weeks=4, hours=100, role="ml-engineer")
    planned = [qid for week in plan["weeks"] for qid in week["ids"]]
    assert plan["skippedKnown"] == 6 and not set(planned) & set(known)
    assert sorted(planned) == sorted(ids[:-6])  # time for everything else, each question once
    assert [w["number"] for w in plan["weeks"]] == [1, 2, 3, 4]
    assert plan["weeks"][-1]["ids"] == [] and plan["weeks"][-1]["review"]  # the last week is for mocks
    by_id = {q["id"]: q for q in questions["questions"]}
    assert by_id[plan["weeks"][0]["ids"][0]]["category"] == "fundamentals"  # foundations first

    small = make_plan(page, base_url, questions, {}, weeks=3, hours=1, role="mlops-engineer")
    assert small["perWeek"] == 5  # 1 h x 70 % / 8 min
    assert all(len(w["ids"]) <= small["perWeek"] for w in small["weeks"])

    def share(plan: Any, category: str) -> int:
        return sum(by_id[qid]["category"] == category for w in plan["weeks"] for qid in w["ids"])

    # A question the reader missed before is chosen even from a category the role weighs least.
    hard_math = [q["id"] for q in questions["questions"] if q["category"] == "math-statistics"]
    missed = make_plan(
        page,
        base_url,
        questions,
        {"marks": {qid: "review" for qid in hard_math}},
        weeks=2,
        hours=1,
        role="mlops-engineer",
    )
    assert set(hard_math) <= {qid for w in missed["weeks"] for qid in w["ids"]}
    assert not set(hard_math) & {qid for w in small["weeks"] for qid in w["ids"]}

    mlops = make_plan(page, base_url, questions, {}, weeks=2, hours=3, role="mlops-engineer")
    scientist = make_plan(page, base_url, questions, {}, weeks=2, hours=3, role="data-scientist")
    assert share(mlops, "deployment-mlops") > share(scientist, "deployment-mlops")
    assert share(scientist, "math-statistics") > share(mlops, "math-statistics")


def test_plan_page_links_weeks_to_practice_and_mock_and_is_kept(page: Any, base_url: str) -> None:
    page.goto(base_url + "plan/")
    page.fill("#mlq-plan-weeks", "3")
    page.fill("#mlq-plan-hours", "2")
    page.select_option("#mlq-plan-role", "research-scientist")
    page.click("#mlq-plan-make")
    assert page.text_content("#mlq-plan-heading") == "Your 3-week plan (Research scientist, 2 h a week)"
    assert page.locator(".mlq-plan-week").count() == 3
    week1 = stored(page)["plan"]["weeks"][0]["ids"]
    assert len(week1) == 10  # 2 h x 70 % / 8 min
    page.reload()
    page.wait_for_selector("#mlq-plan-heading")  # kept
    assert page.input_value("#mlq-plan-weeks") == "3"
    page.click(".mlq-plan-week[data-week='1'] a:text('Practise week 1')")
    page.wait_for_selector("#mlq-card-title")
    assert page.text_content(".mlq-plan-note").startswith("Week 1 of your study plan (10 questions).")
    for _ in range(3):
        assert page.get_attribute("#mlq-card-title", "data-question-id") in week1
        page.click("#mlq-next")
    page.goto(base_url + "plan/")
    mock = page.locator(".mlq-plan-week[data-week='2'] a", has_text="Mock interview")
    href = mock.get_attribute("href")
    assert "role=research-scientist" in href and "categories=" in href
    mock.click()
    page.wait_for_selector("#mlq-mock-start")
    week2 = stored(page)["plan"]["weeks"][1]["categories"]
    checked = page.eval_on_selector_all("input[name=category]:checked", "els => els.map(e => e.value)")
    assert checked and set(checked) <= set(week2)
    assert page.input_value("#mlq-mock-role") == "research-scientist"


def test_how_to_prepare_and_the_study_pages_link_to_each_other() -> None:
    from conftest import REPO

    guide = (REPO / "docs" / "guides" / "how-to-prepare.md").read_text(encoding="utf-8")
    assert "](../plan.md)" in guide and "](../mock.md)" in guide and "](../practice.md)" in guide
    plan = (REPO / "docs" / "plan.md").read_text(encoding="utf-8")
    assert "](guides/how-to-prepare.md)" in plan and "](practice.md)" in plan and "](mock.md)" in plan


# Every study page: accessible, and usable on a phone.

STUDY_PAGES = {"practice": "practice/", "mock": "mock/", "plan": "plan/"}


def _open_everything(page: Any, kind: str) -> None:
    if kind == "practice":
        page.wait_for_selector("#mlq-card-title")
        page.click("#mlq-reveal-answer")
        page.click("#mlq-mastery summary")
        page.click("#mlq-data summary")
        page.click("#mlq-reset")
    elif kind == "mock":
        page.click("#mlq-mock-start")
        page.click("#mlq-mock-reveal")
    elif kind == "plan":
        page.click("#mlq-plan-make")
        page.click(".mlq-plan-week >> nth=0 >> summary")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", STUDY_PAGES)
def test_study_pages_have_no_serious_accessibility_violations(
    browser: Any,  # noqa: F811
    questions: Any,
    base_url: str,
    kind: str,
    scheme: str,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # On the real clock: axe waits on timers, which a paused clock never fires.
    context = _study_context(browser, questions, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + STUDY_PAGES[kind], wait_until="networkidle")
    _open_everything(page, kind)
    # Let the theme's button transitions (colour, 125 ms) finish: axe would measure a focused button's contrast
    # half-way through (it did, once in three runs).
    page.wait_for_timeout(500)
    results = Axe().run(page)
    context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)
    assert errors == []


@pytest.mark.parametrize("kind", STUDY_PAGES)
def test_study_pages_fit_a_phone_without_horizontal_scroll(
    browser: Any,  # noqa: F811
    questions: Any,
    base_url: str,
    kind: str,
) -> None:
    context = _study_context(browser, questions, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + STUDY_PAGES[kind], wait_until="networkidle")
    _open_everything(page, kind)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
