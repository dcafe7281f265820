// DOM helpers shared by the study pages (practice, mock interview, study plan).

// The site's root, from this module's own URL (assets/javascripts/study/dom.js): right under any sub-path
// the site is served from, with no configuration.
export const BASE = new URL("../../../", import.meta.url).href;

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export async function loadQuestions() {
  const response = await fetch(BASE + "api/questions.json");
  if (!response.ok) throw new Error(`api/questions.json: HTTP ${response.status}`);
  const data = await response.json();
  for (const q of data.questions) {
    // Optional fields: the export gains them as content gets them; pages work without.
    q.rubric = Array.isArray(q.rubric) ? q.rubric : [];
    q.roles = Array.isArray(q.roles) ? q.roles : [];
  }
  return data;
}

// Starts a study page once: loads the question list and hands it to the page's run(app, data).
export function mount(appId, run) {
  const app = document.getElementById(appId);
  if (!app || app.dataset.ready) return;
  app.dataset.ready = "1";
  loadQuestions()
    .then((data) => run(app, data))
    .catch(() => {
      app.textContent = "The question list could not be loaded.";
    });
}

export function link(q, text) {
  return el("a", { href: BASE + q.url }, text || q.title);
}

export function meta(q, labels) {
  return [labels.categories[q.category], labels.difficulties[q.difficulty]]
    .concat(q.topics.map((t) => labels.topics[t] || t))
    .join(" · ");
}

// KaTeX (the site's copy) is fetched the first time a shown answer has math: question pages have their math
// typeset at build time, only the study pages show answers from JSON.
let katex = null;
function script(src) {
  return new Promise((resolve, reject) => {
    const node = el("script", { src });
    node.onload = resolve;
    node.onerror = reject;
    document.head.append(node);
  });
}
export function typeset(node) {
  if (node.textContent.indexOf("$") < 0) return;
  if (!katex) {
    const dir = BASE + "assets/vendor/katex/";
    document.head.append(el("link", { rel: "stylesheet", href: dir + "katex.min.css" }));
    katex = script(dir + "katex.min.js").then(() => script(dir + "auto-render.min.js"));
  }
  katex
    .then(() => {
      window.renderMathInElement(node, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
        ],
        throwOnError: false,
      });
    })
    .catch(() => {
      /* the answer stays readable as TeX */
    });
}

// The rubric as a checklist the reader ticks. Calls onChange(ticked, total) on every tick. Returns the
// fieldset, or null when the question has no rubric yet.
export function rubricChecklist(q, idPrefix, onChange, ticked) {
  if (!q.rubric.length) return null;
  const box = el("fieldset", { class: "mlq-rubric" }, el("legend", {}, "Did your answer make these points?"));
  const inputs = q.rubric.map((point, i) => {
    const id = `${idPrefix}-${i}`;
    const input = el("input", { type: "checkbox", id, "data-point": String(i) });
    if (ticked && ticked.includes(i)) input.checked = true;
    box.append(el("div", { class: "mlq-rubric-point" }, input, el("label", { for: id }, point)));
    return input;
  });
  const read = () => inputs.map((input, i) => (input.checked ? i : -1)).filter((i) => i >= 0);
  box.addEventListener("change", () => onChange(read(), inputs.length));
  return box;
}

export function bar(fraction, label) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  // The numbers are written next to the bar; the bar itself is decoration for sighted readers.
  const outer = el("span", { class: "mlq-bar", "aria-hidden": "true", title: label || `${pct} %` });
  outer.append(el("span", { class: "mlq-bar-fill", style: `width: ${pct}%` }));
  return outer;
}

export function clock(ms) {
  const negative = ms < 0;
  const total = Math.round(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${negative ? "−" : ""}${m}:${String(s).padStart(2, "0")}`;
}

export function updateBadge() {
  if (typeof window.mlqUpdateDueBadge === "function") window.mlqUpdateDueBadge();
}
