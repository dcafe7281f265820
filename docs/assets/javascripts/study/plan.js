// The study plan page: a form (weeks, hours per week, role) and the plan planner.js makes from it, saved with
// the reader's progress so the practice page can open a week's questions (practice/?week=N).

import { BASE, el, link, mount } from "./dom.js";
import * as planner from "./planner.js";
import * as store from "./store.js";

function run(app, data) {
  const { labels, questions } = data;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const loaded = store.load(localStorage);
  const state = loaded.state;
  const input = state.plan ? state.plan.input : { weeks: 6, hours: 8, role: "ml-engineer" };
  app.textContent = "";

  const form = el("form", { class: "mlq-plan-form", id: "mlq-plan-form" });
  const number = (id, label, value, min, max) => {
    const field = el("input", { type: "number", id, name: id, min: String(min), max: String(max), step: "1", value: String(value), required: true });
    return el("div", { class: "mlq-filter" }, el("label", { for: id }, label), field);
  };
  const role = el("select", { id: "mlq-plan-role", name: "role" });
  Object.entries(planner.ROLE_TITLES).forEach(([key, title]) => role.append(el("option", { value: key }, title)));
  role.value = input.role;
  form.append(
    el(
      "div",
      { class: "mlq-filters" },
      number("mlq-plan-weeks", "Weeks until the interview", input.weeks, 1, 52),
      number("mlq-plan-hours", "Hours per week", input.hours, 1, 60),
      el("div", { class: "mlq-filter" }, el("label", { for: "mlq-plan-role" }, "Role"), role),
    ),
    el("button", { type: "submit", class: "md-button md-button--primary", id: "mlq-plan-make" }, "Make my plan"),
  );
  const output = el("div", { id: "mlq-plan", "aria-live": "polite" });
  app.append(form, output);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const weeks = Number(form.querySelector("#mlq-plan-weeks").value);
    const hours = Number(form.querySelector("#mlq-plan-hours").value);
    state.plan = planner.makePlan({ weeks, hours, role: role.value }, questions, Object.keys(labels.categories), state, new Date());
    if (!loaded.readOnly) store.save(localStorage, state);
    render();
    const heading = document.getElementById("mlq-plan-heading");
    if (heading) heading.focus();
  });

  function render() {
    output.textContent = "";
    const plan = state.plan;
    if (!plan) return;
    const roleTitle = planner.ROLE_TITLES[plan.input.role];
    output.append(el("h2", { id: "mlq-plan-heading", tabindex: "-1" }, `Your ${plan.input.weeks}-week plan (${roleTitle}, ${plan.input.hours} h a week)`));
    const total = plan.weeks.reduce((n, w) => n + w.ids.length, 0);
    const facts = [`${total} questions, up to ${plan.perWeek} new ones a week (about ${planner.MINUTES_PER_QUESTION} minutes each, with the rest of your time for reviews and mock interviews).`];
    if (plan.skippedKnown) facts.push(`${plan.skippedKnown} questions you already know are left out: they come back as reviews on the practice page.`);
    if (plan.left) facts.push(`${plan.left} more questions do not fit; the plan keeps those that matter most for the role.`);
    output.append(el("p", { id: "mlq-plan-summary" }, facts.join(" ")));
    const list = el("ol", { class: "mlq-plan-weeks" });
    for (const week of plan.weeks) {
      const ids = week.ids.filter((id) => byId.has(id));
      const item = el("li", { class: "mlq-plan-week", "data-week": String(week.number) });
      const focus = week.review ? "Mock interviews and review" : week.categories.map((c) => labels.categories[c] || c).join(", ") || "Review";
      item.append(el("h3", {}, `Week ${week.number}: ${focus}`));
      if (ids.length) {
        const topics = el("p", { class: "mlq-plan-topics" }, "Topics: ");
        week.topics.forEach((t, i) => {
          if (i) topics.append(", ");
          topics.append(el("a", { href: `${BASE}topics/${t}/` }, labels.topics[t] || t));
        });
        item.append(topics);
        const done = ids.filter((id) => state.marks[id] === "known").length;
        const details = el("details", { class: "mlq-panel" }, el("summary", {}, `${ids.length} questions${done ? `, ${done} known` : ""}`));
        const ol = el("ul");
        ids.forEach((id) => ol.append(el("li", {}, link(byId.get(id)))));
        details.append(ol);
        item.append(details);
      } else if (week.review) {
        item.append(el("p", {}, "No new questions: run two or three mock interviews, clear the reviews that come due, and rehearse your project story."));
      }
      const actions = el("p", { class: "mlq-plan-links" });
      if (ids.length) actions.append(el("a", { href: `${BASE}practice/?week=${week.number}` }, `Practise week ${week.number}`));
      if (week.mock) {
        if (ids.length) actions.append(" · ");
        const cats = week.review ? "" : `&categories=${week.categories.filter((c) => c !== "ml-system-design").join(",")}`;
        actions.append(el("a", { href: `${BASE}mock/?role=${plan.input.role}${cats}` }, week.review ? "Mock interview (all topics)" : "Mock interview on this week's categories"));
      }
      item.append(actions);
      list.append(item);
    }
    output.append(list);
  }

  render();
}

mount("mlq-plan-app", run);
