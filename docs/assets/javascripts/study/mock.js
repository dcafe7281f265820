// The mock interview page: set up a timed session, answer each question against its countdown with a notes
// box, then see the answer and score yourself on its rubric; a summary per topic at the end, and the weakest
// topics queued for the practice page. Session rules are in session.js; the session is saved after every
// step, so a reload or a closed tab resumes where it was (paused).

import { BASE, bar, clock, el, link, mount, rubricChecklist, typeset, updateBadge } from "./dom.js";
import * as mock from "./session.js";
import * as store from "./store.js";

const ROLES = { "ml-engineer": "ML engineer", "data-scientist": "Data scientist", "research-scientist": "Research scientist", "mlops-engineer": "MLOps engineer" };

function run(app, data) {
  const { labels, questions } = data;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const loaded = store.load(localStorage);
  const state = loaded.state;
  const now = () => new Date();
  const persist = () => {
    if (!loaded.readOnly) store.save(localStorage, state);
  };
  let timer = null;
  const params = new URLSearchParams(location.search);

  // A session left running (tab closed, page reloaded) comes back paused: the reader resumes when ready.
  if (state.mock && state.mock.phase !== "summary" && state.mock.running !== null) {
    mock.pause(state.mock, now());
    persist();
  }
  window.addEventListener("pagehide", () => {
    if (state.mock && state.mock.phase === "question" && state.mock.running !== null) {
      mock.pause(state.mock, now());
      persist();
    }
  });

  function view() {
    clearInterval(timer);
    app.textContent = "";
    if (!state.mock) setup();
    else if (state.mock.phase === "summary") summaryView();
    else sessionView();
  }

  function setup() {
    const form = el("form", { class: "mlq-mock-setup", id: "mlq-mock-setup" });
    const length = el("fieldset", {}, el("legend", {}, "Length"));
    for (const minutes of Object.keys(mock.LENGTHS)) {
      const spec = mock.LENGTHS[minutes];
      const id = `mlq-mock-length-${minutes}`;
      const what = `${spec.breadth} breadth questions` + (spec.design ? ` and 1 system-design question` : "");
      const input = el("input", { type: "radio", name: "minutes", value: minutes, id, checked: minutes === "45" });
      length.append(el("div", { class: "mlq-choice" }, input, el("label", { for: id }, `${minutes} minutes: ${what}`)));
    }
    form.append(length);
    const role = el("select", { id: "mlq-mock-role", name: "role" }, el("option", { value: "" }, "Any role"));
    Object.entries(ROLES).forEach(([key, title]) => role.append(el("option", { value: key }, title)));
    const company = el("select", { id: "mlq-mock-company", name: "company" }, el("option", { value: "" }, "Any company"));
    const companies = new Set(questions.flatMap((q) => q.companies.map((c) => c.name)));
    Object.entries(labels.companies).forEach(([key, title]) => companies.has(key) && company.append(el("option", { value: key }, title)));
    const difficulty = el("select", { id: "mlq-mock-difficulty", name: "difficulty" }, el("option", { value: "" }, "Any difficulty"));
    Object.entries(labels.difficulties).forEach(([key, title]) => difficulty.append(el("option", { value: key }, title)));
    form.append(
      el(
        "div",
        { class: "mlq-filters" },
        el("div", { class: "mlq-filter" }, el("label", { for: "mlq-mock-role" }, "Role"), role),
        el("div", { class: "mlq-filter" }, el("label", { for: "mlq-mock-company" }, "Company"), company),
        el("div", { class: "mlq-filter" }, el("label", { for: "mlq-mock-difficulty" }, "Difficulty"), difficulty),
      ),
    );
    const cats = el("fieldset", { class: "mlq-mock-categories" }, el("legend", {}, "Categories for the breadth questions (none ticked: all)"));
    const wanted = (params.get("categories") || "").split(",").filter(Boolean);
    for (const [key, title] of Object.entries(labels.categories)) {
      if (key === mock.DESIGN) continue;
      const id = `mlq-mock-cat-${key}`;
      cats.append(el("div", { class: "mlq-choice" }, el("input", { type: "checkbox", id, name: "category", value: key, checked: wanted.includes(key) }), el("label", { for: id }, title)));
    }
    form.append(cats);
    if (params.get("role") && ROLES[params.get("role")]) role.value = params.get("role");
    form.append(el("button", { type: "submit", class: "md-button md-button--primary", id: "mlq-mock-start" }, "Start the interview"));
    const message = el("p", { role: "status", id: "mlq-mock-message" });
    form.append(message);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const fd = new FormData(form);
      const opts = {
        minutes: Number(fd.get("minutes")),
        role: fd.get("role") || "",
        company: fd.get("company") || "",
        difficulty: fd.get("difficulty") || "",
        categories: fd.getAll("category"),
      };
      const { items, relaxed } = mock.drawSet(questions, opts);
      if (!items.length) {
        message.textContent = "No question matches these choices.";
        return;
      }
      state.mock = mock.start({ ...opts, relaxed }, items, now());
      persist();
      view();
      focus("#mlq-mock-question");
    });
    app.append(el("p", {}, "Answer out loud, as in the interview. Each question has its own countdown; the clock stops while you read the answer and score yourself. You can pause, reload or come back later: the session is kept in this browser."));
    app.append(form);
    if (state.mocks.length) {
      const last = state.mocks[state.mocks.length - 1];
      app.append(el("p", { id: "mlq-mock-last" }, `Your last mock interview (${last.date.slice(0, 10)}, ${last.minutes} minutes): ${Math.round(last.overall * 100)} % of the rubric points.`));
    }
  }

  function sessionView() {
    const s = state.mock;
    const it = s.items[s.index];
    const q = byId.get(it.id);
    const header = el(
      "div",
      { class: "mlq-mock-head" },
      el("p", { class: "mlq-card-meta", id: "mlq-mock-progress" }, `Question ${s.index + 1} of ${s.items.length} · ${it.kind === "design" ? "System design" : "Breadth"}${q ? " · " + labels.categories[q.category] : ""}`),
      el(
        "div",
        { class: "mlq-timers" },
        el("p", {}, "This question ", el("span", { class: "mlq-timer", id: "mlq-question-timer", role: "timer" })),
        el("p", {}, "Session ", el("span", { class: "mlq-timer", id: "mlq-session-timer", role: "timer" })),
      ),
    );
    const card = el("section", { class: "mlq-card", "aria-label": "Question" }, header);
    app.append(card);
    if (s.opts.relaxed && s.index === 0) card.append(el("p", { class: "mlq-note" }, "Too few questions matched all your choices: some were drawn from a wider selection."));
    card.append(el("h2", { class: "mlq-card-title", id: "mlq-mock-question", tabindex: "-1", "data-question-id": it.id }, q ? q.title : it.id));
    const notesId = "mlq-mock-notes";
    const notes = el("textarea", { id: notesId, rows: "5", readonly: s.phase !== "question" });
    notes.value = it.notes;
    notes.addEventListener("input", () => {
      mock.notes(s, notes.value);
      persist();
    });
    card.append(el("label", { for: notesId, class: "mlq-notes-label" }, "Your notes (key points, a sketch of the design)"), notes);

    const status = el("p", { class: "mlq-paused", id: "mlq-mock-status", role: "status" });
    card.append(status);
    const actions = el("div", { class: "mlq-actions" });
    card.append(actions);
    if (s.phase === "question") {
      const pauseButton = el("button", { type: "button", class: "md-button", id: "mlq-mock-pause" });
      const showButton = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-mock-reveal" }, "Show the answer");
      const setPaused = () => {
        const paused = s.running === null;
        pauseButton.textContent = paused ? "Resume" : "Pause";
        status.textContent = paused ? "Paused. The clocks are stopped." : "";
        notes.readOnly = paused;
      };
      pauseButton.addEventListener("click", () => {
        if (s.running === null) mock.resume(s, now());
        else mock.pause(s, now());
        persist();
        setPaused();
        tick();
      });
      showButton.addEventListener("click", () => {
        mock.reveal(s, now());
        persist();
        view();
        focus("#mlq-mock-answer-heading");
      });
      actions.append(pauseButton, showButton, endButton(s));
      setPaused();
      timer = setInterval(tick, 1000);
    } else {
      answerView(card, s, it, q);
    }
    tick();
  }

  function tick() {
    const s = state.mock;
    if (!s || s.phase === "summary") return;
    const c = mock.clocks(s, now());
    const qt = document.getElementById("mlq-question-timer");
    const st = document.getElementById("mlq-session-timer");
    if (!qt || !st) return;
    qt.textContent = c.questionLeft >= 0 ? `${clock(c.questionLeft)} left` : `${clock(-c.questionLeft)} over time`;
    st.textContent = c.sessionLeft >= 0 ? `${clock(c.sessionLeft)} left` : `${clock(-c.sessionLeft)} over time`;
    qt.classList.toggle("mlq-over", c.questionLeft < 0);
    st.classList.toggle("mlq-over", c.sessionLeft < 0);
  }

  function answerView(card, s, it, q) {
    const answer = el("div", { class: "mlq-card-answer" });
    answer.append(el("h3", { id: "mlq-mock-answer-heading", tabindex: "-1" }, "The 30-second answer"));
    const short = el("p", { class: "mlq-short-answer" }, q ? q.short_answer : "");
    answer.append(short, q ? el("p", {}, link(q, "Read the full answer")) : "");
    const result = el("p", { id: "mlq-mock-score", "aria-live": "polite" });
    const checklist = q ? rubricChecklist(q, "mlq-mock-rubric", (ticked, total) => { mock.score(s, ticked, total); persist(); show(); }, it.ticked) : null;
    const show = () => {
      result.textContent = it.score === null ? "Not scored yet." : `Score: ${Math.round(it.score * 100)} %.`;
    };
    if (checklist) {
      answer.append(checklist);
      if (it.score === null) mock.score(s, it.ticked, q.rubric.length);
    } else {
      // No rubric for this question yet: the reader's own estimate of how much of the answer they gave.
      const box = el("fieldset", { class: "mlq-rubric" }, el("legend", {}, "How much of this answer did you give?"));
      [["0", "None of it"], ["0.33", "Some of it"], ["0.67", "Most of it"], ["1", "All of it"]].forEach(([value, text], i) => {
        const id = `mlq-mock-estimate-${i}`;
        const input = el("input", { type: "radio", name: "estimate", id, value, checked: it.score !== null && Math.abs(it.score - Number(value)) < 0.01 });
        input.addEventListener("change", () => { mock.score(s, [], 0, Number(value)); persist(); show(); });
        box.append(el("div", { class: "mlq-choice" }, input, el("label", { for: id }, text)));
      });
      answer.append(box);
    }
    answer.append(result);
    show();
    card.insertBefore(answer, card.querySelector(".mlq-paused"));
    typeset(short);
    const last = s.index >= s.items.length - 1;
    const nextButton = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-mock-next" }, last ? "Finish and see the summary" : "Next question");
    nextButton.addEventListener("click", () => {
      if (it.score === null) mock.score(s, [], 0, 0);
      mock.next(s, now());
      if (s.phase === "summary") record();
      persist();
      view();
      focus(s.phase === "summary" ? "#mlq-mock-summary-heading" : "#mlq-mock-question");
    });
    card.querySelector(".mlq-actions").append(nextButton, endButton(s));
  }

  function endButton(s) {
    const button = el("button", { type: "button", class: "md-button", id: "mlq-mock-end" }, "End the interview now");
    button.addEventListener("click", () => {
      mock.finish(s, now(), true);
      record();
      persist();
      view();
      focus("#mlq-mock-summary-heading");
    });
    return button;
  }

  // A finished session's summary is kept (date, length, overall, per topic) for the next visit's setup page.
  function record() {
    const sum = mock.summary(state.mock, byId);
    state.mocks.push({ date: state.mock.ended, minutes: state.mock.opts.minutes, overall: sum.overall, answered: sum.answered, total: sum.total });
    state.mocks = state.mocks.slice(-50);
  }

  function summaryView() {
    const s = state.mock;
    const sum = mock.summary(s, byId);
    app.append(el("h2", { id: "mlq-mock-summary-heading", tabindex: "-1" }, "Your mock interview"));
    app.append(
      el(
        "p",
        { id: "mlq-mock-overall" },
        `${sum.answered} of ${sum.total} questions answered${s.endedEarly ? " (ended early)" : ""}, ${Math.round(sum.overall * 100)} % of the rubric points, in ${clock(mock.clocks(s, now()).used)} of ${clock(mock.totalBudget(s))}.`,
      ),
    );
    if (sum.perTopic.length) {
      const list = el("ul", { class: "mlq-mastery-list", id: "mlq-mock-topics" });
      for (const t of sum.perTopic) {
        list.append(el("li", { "data-topic": t.topic }, el("span", {}, labels.topics[t.topic] || t.topic), bar(t.score), el("span", { class: "mlq-count" }, `${Math.round(t.score * 100)} %`)));
      }
      app.append(el("h3", {}, "Score per topic"), list);
    }
    if (sum.weakest.length) {
      app.append(el("h3", {}, "Weakest topics"));
      const weak = el("ul", { id: "mlq-mock-weakest" });
      sum.weakest.forEach((t) => weak.append(el("li", {}, el("a", { href: `${BASE}topics/${t}/` }, labels.topics[t] || t))));
      app.append(weak);
      const message = el("p", { role: "status", id: "mlq-mock-queued" });
      const queueButton = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-mock-queue" }, "Queue these topics for review");
      queueButton.addEventListener("click", () => {
        const ids = mock.queueWeakest(state, s, questions, sum.weakest);
        persist();
        updateBadge();
        message.textContent = "";
        message.append(`${ids.length} questions queued: they come first on the `, el("a", { href: `${BASE}practice/` }, "practice page"), ".");
      });
      app.append(el("div", { class: "mlq-actions" }, queueButton), message);
    }
    const review = el("details", { class: "mlq-panel" }, el("summary", {}, "Your answers and notes"));
    const ol = el("ol");
    s.items.forEach((it) => {
      const q = byId.get(it.id);
      ol.append(el("li", {}, q ? link(q) : it.id, it.revealed ? ` — ${Math.round((it.score || 0) * 100)} %` : " — not reached", it.notes ? el("p", { class: "mlq-note" }, it.notes) : ""));
    });
    review.append(ol);
    app.append(review);
    const again = el("button", { type: "button", class: "md-button", id: "mlq-mock-new" }, "Start a new mock interview");
    again.addEventListener("click", () => {
      state.mock = null;
      persist();
      view();
      focus("#mlq-mock-start");
    });
    app.append(el("div", { class: "mlq-actions" }, again));
  }

  function focus(selector) {
    const node = app.querySelector(selector);
    if (node) node.focus();
  }

  view();
}

mount("mlq-mock-app", run);
