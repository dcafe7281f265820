// The practice page: today's reviews (FSRS) and new questions within the daily limit, filtered by category,
// topic, company and difficulty; the rubric as a checklist that suggests a grade; mastery bars; export,
// import and reset of all progress. Scheduling and storage rules live in srs.js and store.js.

import { bar, el, link, meta, mount, rubricChecklist, typeset, updateBadge } from "./dom.js";
import * as srs from "./srs.js";
import * as store from "./store.js";

const FIELDS = store.FILTER_FIELDS;
const TITLES = { category: "Category", topic: "Topic", company: "Company", difficulty: "Difficulty" };

function run(app, data) {
  const { labels, questions } = data;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const loaded = store.load(localStorage);
  let state = loaded.state;
  let readOnly = loaded.readOnly;
  const now = () => new Date();
  const persist = () => {
    if (!readOnly) store.save(localStorage, state);
    updateBadge();
  };
  // A study-plan week or a topic can be opened straight from a link (?week=N, ?topic=key, ...).
  const params = new URLSearchParams(location.search);
  let planWeek = null;
  if (params.has("week") && state.plan && Array.isArray(state.plan.weeks)) {
    const week = state.plan.weeks[Number(params.get("week")) - 1];
    if (week) planWeek = { number: Number(params.get("week")), ids: week.ids.filter((id) => byId.has(id)) };
  }
  if (FIELDS.some((field) => params.has(field))) {
    state.filters = {};
    for (const field of FIELDS) if (params.get(field)) state.filters[field] = params.get(field);
  }
  let current = null;
  let extra = false; // drawing outside today's schedule, after the reader asked for more

  app.textContent = "";
  const notice = el("div", { class: "mlq-notice", role: "status" });
  if (readOnly) {
    notice.append(
      el("p", {}, `Your saved progress could not be read (${loaded.error}). It is left as it is; nothing you do here is saved until you import a file or reset.`),
    );
  } else if (loaded.migrated) {
    notice.append(el("p", {}, `Your ${loaded.migrated} marks from the earlier practice page were kept: questions you knew count as known.`));
  }
  const summary = el("p", { id: "mlq-summary", class: "mlq-summary" });
  app.append(notice, summary);

  // Filters
  const used = { category: {}, topic: {}, company: {}, difficulty: {} };
  for (const q of questions) {
    used.category[q.category] = 1;
    used.difficulty[q.difficulty] = 1;
    q.topics.forEach((t) => (used.topic[t] = 1));
    q.companies.forEach((c) => (used.company[c.name] = 1));
  }
  const options = { category: labels.categories, topic: labels.topics, company: labels.companies, difficulty: labels.difficulties };
  const form = el("form", { class: "mlq-filters", "aria-label": "Filters", onsubmit: (e) => e.preventDefault() });
  const selects = {};
  for (const field of FIELDS) {
    const id = `mlq-filter-${field}`;
    const select = el("select", { id, name: field }, el("option", { value: "" }, "Any"));
    for (const key of Object.keys(options[field])) {
      if (used[field][key]) select.append(el("option", { value: key }, options[field][key]));
    }
    select.value = state.filters[field] && used[field][state.filters[field]] ? state.filters[field] : "";
    select.addEventListener("change", () => {
      if (select.value) state.filters[field] = select.value;
      else delete state.filters[field];
      if (planWeek || location.search) history.replaceState(null, "", location.pathname); // a reload keeps these filters
      planWeek = null;
      extra = false;
      persist();
      draw();
    });
    selects[field] = select;
    form.append(el("div", { class: "mlq-filter" }, el("label", { for: id }, TITLES[field]), select));
  }
  const planNote = el("p", { class: "mlq-plan-note" });
  app.append(form, planNote);

  const card = el("section", { class: "mlq-card", "aria-label": "Question" });
  const live = el("p", { class: "mlq-visually-hidden", "aria-live": "polite" });
  app.append(card, live);
  const next = el("button", { type: "button", class: "md-button", id: "mlq-next" }, "Skip this question");
  app.append(el("div", { class: "mlq-actions" }, next));

  // Mastery, on demand: a first visit shows only the summary line above, not tables of zeros.
  const mastery = el("details", { class: "mlq-panel mlq-mastery", id: "mlq-mastery" }, el("summary", {}, "Mastery by category and topic"));
  const masteryBody = el("div");
  mastery.append(masteryBody);
  mastery.addEventListener("toggle", () => mastery.open && renderMastery());
  app.append(mastery);

  app.append(dataPanel());

  function matching() {
    if (planWeek) return planWeek.ids.map((id) => byId.get(id));
    const f = state.filters;
    return questions.filter(
      (q) =>
        (!f.category || q.category === f.category) &&
        (!f.difficulty || q.difficulty === f.difficulty) &&
        (!f.topic || q.topics.includes(f.topic)) &&
        (!f.company || q.companies.some((c) => c.name === f.company)),
    );
  }

  function choose(pool) {
    const ids = pool.map((q) => q.id);
    const plan = srs.queue(state, ids, now());
    const skip = current ? current.id : null;
    const pickFrom = (list) => list.find((id) => id !== skip) || null;
    let id = pickFrom(plan.queued) || pickFrom(plan.due);
    let kind = plan.queued.includes(id) ? "queued" : "review";
    if (!id) {
      // At random within the best tier left, so a selection is not always met in the same order.
      let fresh = plan.fresh.filter((x) => x !== skip);
      if (fresh.length) {
        const best = srs.tier(state, fresh[0]);
        fresh = fresh.filter((x) => srs.tier(state, x) === best);
      }
      id = fresh.length ? fresh[Math.floor(Math.random() * fresh.length)] : null;
      kind = "new";
    }
    if (!id) {
      id = pickFrom(plan.ahead);
      kind = "review";
    }
    if (!id && extra) {
      const any = ids.filter((x) => x !== skip);
      id = any.length ? any[Math.floor(Math.random() * any.length)] : ids[0] || null;
      kind = "extra";
    }
    return { id, kind, plan };
  }

  function draw() {
    const pool = matching();
    planNote.textContent = "";
    if (planWeek) {
      planNote.append(`Week ${planWeek.number} of your study plan (${pool.length} questions). `);
      planNote.append(el("a", { href: "./" }, "Back to all questions"));
    }
    const { id, kind, plan } = choose(pool);
    card.textContent = "";
    current = id ? byId.get(id) : null;
    if (!current) {
      card.append(
        el("h2", { class: "mlq-card-title", id: "mlq-card-title", tabindex: "-1" }, pool.length ? "Done for today in this selection" : "No question matches these filters"),
      );
      if (pool.length) {
        const later = plan.later.map((x) => Date.parse(state.cards[x].due)).sort((a, b) => a - b);
        card.append(
          el(
            "p",
            { id: "mlq-done-note" },
            later.length
              ? `${later.length} ${later.length === 1 ? "question comes" : "questions come"} back later today, the first in ${srs.intervalText(now(), new Date(later[0]))}. `
              : "No review is due and today's new questions are used up. Come back tomorrow. ",
            "Or keep going: extra questions are scheduled like any other.",
          ),
        );
        card.append(
          el("button", { type: "button", class: "md-button", id: "mlq-more", onclick: () => { extra = true; draw(); focusTitle(); } }, "Practise more anyway"),
        );
      }
      next.hidden = true;
      render();
      return;
    }
    next.hidden = false;
    const kinds = { queued: "From your mock interview", review: "Review", new: "New", extra: "Extra practice" };
    card.append(el("p", { class: "mlq-card-meta" }, meta(current, labels)));
    card.append(el("p", { class: "mlq-card-kind", "data-kind": kind }, kinds[kind]));
    const title = el("h2", { class: "mlq-card-title", id: "mlq-card-title", tabindex: "-1", "data-question-id": current.id }, link(current));
    card.append(title);
    const reveal = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-reveal-answer", "aria-expanded": "false", "aria-controls": "mlq-card-answer" }, "Reveal the answer");
    const answer = el("div", { class: "mlq-card-answer", id: "mlq-card-answer", hidden: true });
    card.append(reveal, answer);
    reveal.addEventListener("click", () => {
      fillAnswer(answer);
      answer.hidden = false;
      reveal.hidden = true;
      reveal.setAttribute("aria-expanded", "true");
      typeset(answer.querySelector(".mlq-short-answer"));
      answer.querySelector("h3").focus();
    });
    render();
  }

  function fillAnswer(answer) {
    const q = current;
    answer.textContent = "";
    answer.append(el("h3", { tabindex: "-1" }, "The 30-second answer"));
    answer.append(el("p", { class: "mlq-short-answer" }, q.short_answer));
    answer.append(el("p", {}, link(q, "Read the full answer")));
    const suggestion = el("p", { class: "mlq-suggestion", id: "mlq-suggestion", "aria-live": "polite" });
    const times = srs.preview(state, q.id, now());
    const buttons = {};
    const grades = el("div", { class: "mlq-grades", role: "group", "aria-labelledby": "mlq-grade-label" });
    for (const g of srs.GRADES) {
      const after = srs.intervalText(now(), times[g.key]);
      const button = el(
        "button",
        { type: "button", class: "md-button mlq-grade", id: `mlq-grade-${g.key}`, "data-grade": g.key, "aria-label": `${g.label}, next in ${after}` },
        el("span", { class: "mlq-grade-name" }, g.label),
        el("span", { class: "mlq-grade-next" }, after),
      );
      button.addEventListener("click", () => gradeCurrent(g.key));
      buttons[g.key] = button;
      grades.append(button);
    }
    const suggest = (ticked, total) => {
      const key = srs.suggestGrade(ticked.length, total);
      for (const [k, b] of Object.entries(buttons)) {
        b.classList.toggle("mlq-suggested", k === key);
        b.classList.toggle("md-button--primary", k === key);
      }
      suggestion.dataset.grade = key || "";
      suggestion.textContent = key
        ? `${ticked.length} of ${total} points: suggested grade ${srs.GRADES.find((g) => g.key === key).label}.`
        : "";
    };
    const checklist = rubricChecklist(q, "mlq-rubric", suggest);
    if (checklist) {
      answer.append(checklist);
      suggest([], q.rubric.length);
    }
    answer.append(el("p", { id: "mlq-grade-label", class: "mlq-grade-label" }, "How well did you answer? The next review comes after the time on the button."));
    answer.append(suggestion, grades);
  }

  function gradeCurrent(key) {
    if (!current) return;
    const record = srs.grade(state, current.id, key, now());
    live.textContent = `Graded ${key}. Next review in ${srs.intervalText(now(), new Date(record.due))}.`;
    persist();
    draw();
    focusTitle();
  }

  function focusTitle() {
    const title = document.getElementById("mlq-card-title");
    if (title) title.focus();
  }

  function render() {
    const pool = matching();
    const ids = pool.map((q) => q.id);
    const plan = srs.queue(state, ids, now());
    const known = ids.filter((id) => state.marks[id] === "known").length;
    const due = plan.dueToday;
    summary.textContent = "";
    summary.append(
      el("span", { class: "mlq-stat", id: "mlq-due-count" }, el("strong", {}, String(due)), due === 1 ? " review due today" : " reviews due today"),
      el("span", { class: "mlq-stat", id: "mlq-new-count" }, el("strong", {}, String(plan.fresh.length)), ` new left today (limit ${state.settings.newPerDay})`),
      el("span", { class: "mlq-stat", id: "mlq-known-count" }, el("strong", {}, String(known)), ` of ${ids.length} known`),
    );
    summary.append(bar(ids.length ? known / ids.length : 0));
    if (mastery.open) renderMastery();
  }

  function renderMastery() {
    const pool = matching();
    const byCategory = {};
    const byTopic = {};
    for (const q of pool) {
      (byCategory[q.category] = byCategory[q.category] || []).push(q.id);
      q.topics.forEach((t) => (byTopic[t] = byTopic[t] || []).push(q.id));
    }
    masteryBody.textContent = "";
    masteryBody.append(masteryList("By category", byCategory, labels.categories, "category"));
    masteryBody.append(masteryList("By topic", byTopic, labels.topics, "topic"));
  }

  function masteryList(title, groups, names, field) {
    const counts = srs.mastery(state, groups);
    const list = el("ul", { class: "mlq-mastery-list" });
    for (const key of Object.keys(groups)) {
      const c = counts[key];
      const item = el(
        "li",
        { "data-group": key },
        el("button", { type: "button", class: "mlq-linklike", title: `Practise ${names[key] || key}`, onclick: () => focusOn(field, key) }, names[key] || key),
        bar(c.total ? c.known / c.total : 0),
        el("span", { class: "mlq-count" }, el("span", { class: "mlq-known" }, String(c.known)), ` of ${c.total} known`, c.review ? `, ${c.review} to review` : ""),
      );
      list.append(item);
    }
    return el("div", { class: "mlq-mastery-group" }, el("h3", {}, title), list);
  }

  function focusOn(field, key) {
    state.filters = { [field]: key };
    planWeek = null;
    for (const f of FIELDS) selects[f].value = state.filters[f] || "";
    persist();
    draw();
    focusTitle();
  }

  function dataPanel() {
    const panel = el("details", { class: "mlq-panel mlq-data", id: "mlq-data" }, el("summary", {}, "Settings, export, import and reset"));
    const message = el("p", { class: "mlq-data-message", id: "mlq-data-message", role: "status" });
    const limit = el("input", { type: "number", id: "mlq-new-per-day", min: "0", max: "500", step: "1", value: String(state.settings.newPerDay) });
    limit.addEventListener("change", () => {
      const n = Number(limit.value);
      if (Number.isInteger(n) && n >= 0 && n <= 500) {
        state.settings.newPerDay = n;
        persist();
        draw();
      } else limit.value = String(state.settings.newPerDay);
    });
    panel.append(el("p", {}, el("label", { for: "mlq-new-per-day" }, "New questions per day "), limit));

    panel.append(el("p", {}, "Your progress lives only in this browser. Save it to a file to keep it safe or to move it to another browser; everything (reviews, marks, mock interviews, study plan) is in it."));
    const exportButton = el("button", { type: "button", class: "md-button", id: "mlq-export" }, "Export progress");
    exportButton.addEventListener("click", () => {
      const at = now();
      const blob = new Blob([store.exportText(state, at)], { type: "application/json" });
      const a = el("a", { href: URL.createObjectURL(blob), download: store.exportName(at) });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      message.textContent = "Progress exported.";
    });
    const file = el("input", { type: "file", id: "mlq-import-file", accept: "application/json,.json" });
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      if (!chosen) return;
      chosen.text().then((text) => {
        file.value = "";
        try {
          const imported = store.parseImport(text);
          state = imported;
          readOnly = false;
          notice.textContent = "";
          persist();
          for (const f of FIELDS) selects[f].value = state.filters[f] || "";
          limit.value = String(state.settings.newPerDay);
          message.textContent = `Progress imported: ${Object.keys(state.cards).length} scheduled questions, ${Object.keys(state.marks).length} marks.`;
          draw();
        } catch (e) {
          message.textContent = e.message;
        }
      });
    });
    panel.append(el("div", { class: "mlq-actions" }, exportButton, el("label", { for: "mlq-import-file", class: "mlq-file-label" }, "Import progress from a file "), file));

    const resetButton = el("button", { type: "button", class: "md-button", id: "mlq-reset", "aria-expanded": "false", "aria-controls": "mlq-reset-confirm" }, "Reset progress…");
    const confirm = el("div", { class: "mlq-confirm", id: "mlq-reset-confirm", hidden: true, role: "group", "aria-labelledby": "mlq-reset-question" });
    const yes = el("button", { type: "button", class: "md-button mlq-danger", id: "mlq-reset-yes" }, "Delete all my progress");
    const no = el("button", { type: "button", class: "md-button", id: "mlq-reset-no" }, "Cancel");
    const question = el("p", { id: "mlq-reset-question" });
    confirm.append(question, yes, no);
    resetButton.addEventListener("click", () => {
      question.textContent = `Delete all progress in this browser: ${Object.keys(state.cards).length} scheduled questions, ${Object.keys(state.marks).length} marks, mock interviews and the study plan? Export it first if you may want it back.`;
      confirm.hidden = false;
      resetButton.setAttribute("aria-expanded", "true");
      no.focus();
    });
    const close = () => {
      confirm.hidden = true;
      resetButton.setAttribute("aria-expanded", "false");
      resetButton.focus();
    };
    no.addEventListener("click", () => {
      close();
      message.textContent = "Nothing was deleted.";
    });
    yes.addEventListener("click", () => {
      state = store.reset(localStorage);
      readOnly = false;
      notice.textContent = "";
      for (const f of FIELDS) selects[f].value = "";
      limit.value = String(state.settings.newPerDay);
      close();
      message.textContent = "All progress was deleted.";
      updateBadge();
      draw();
    });
    panel.append(el("div", { class: "mlq-actions" }, resetButton), confirm, message);
    return panel;
  }

  next.addEventListener("click", () => {
    draw();
    focusTitle();
  });
  if (planWeek) planNote.hidden = false;
  draw();
}

// A module runs once the page is parsed (modules are deferred) and the theme does not swap pages in place
// here (no navigation.instant), so there is nothing to wait for.
mount("mlq-practice-app", run);
