// The site's search UI: the box in the header (results as you type) and the search page, /search/?q=words,
// whose ranked results are an ordered list of links in the page itself (shareable; what the browser's
// "add search engine" uses). Nothing is fetched until the reader starts searching: the engine and its
// index load on the first focus, pointer or key press on a search field.
const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
const base = new URL(config.base || ".", location.href);
const FILTERS = ["category", "topic", "company", "difficulty"];
const DIFFICULTY = { easy: "Easy", medium: "Medium", hard: "Hard" };

let loading = null;
let onTextLoaded = [];

// The engine with the first file; the second (full-answer words) follows and re-ranks open results.
export function load() {
  if (!loading) {
    loading = Promise.all([
      import("./search-engine.js"),
      // The engine's own imports, requested now rather than after it arrives: one round trip less on a phone.
      import("../vendor/minisearch/minisearch.js"),
      import("../vendor/stemmer/stemmer.js"),
      fetch(new URL("search/index.json", base)).then((r) => r.json()),
    ]).then(([module, , , index]) => {
      const engine = new module.Engine(index);
      fetch(new URL("search/text.json", base))
        .then((r) => r.json())
        .then((text) => {
          engine.addText(text);
          document.documentElement.dataset.mlqSearch = "complete"; // tests and the benchmark wait for this
          onTextLoaded.splice(0).forEach((fn) => fn());
        })
        .catch(() => {}); // the first file alone still gives results
      return engine;
    });
  }
  return loading;
}

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function meta(engine, doc) {
  if (doc.kind === "notebook") return "Notebook";
  if (doc.kind) return "Guide";
  return `${engine.labels.categories[doc.category] || doc.category} · ${DIFFICULTY[doc.difficulty] || doc.difficulty}`;
}

// One result: the question (the link), its category and difficulty, and the first sentence of its answer.
function resultItem(engine, { doc }) {
  const link = element("a", { href: new URL(doc.url, base).href, class: "mlq-hit__link" });
  link.append(element("span", { class: "mlq-hit__title", text: doc.title }));
  link.append(element("span", { class: `mlq-hit__meta mlq-hit__meta--${doc.kind || doc.difficulty}`, text: meta(engine, doc) }));
  if (doc.answer) link.append(element("span", { class: "mlq-hit__answer", text: doc.answer }));
  return element("li", { class: "mlq-hit" }, link);
}

// ---- the header box ------------------------------------------------------------------------------

function setupHeader(box) {
  const input = box.querySelector("input[name=q]");
  const list = box.querySelector(".mlq-search__results");
  const status = box.querySelector(".mlq-search__status");
  const toggle = document.getElementById("__search");
  if (!input || !list || !status) return;

  function links() {
    return [...list.querySelectorAll("a")];
  }
  async function run() {
    const query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const engine = await load();
    if (input.value.trim() !== query) return; // a newer keystroke is on its way
    const found = engine.search(query, null, { limit: 10, typing: true });
    // A reader already moving through the results keeps them: the late second index file does not re-rank
    // the list under the focus.
    if (list.contains(document.activeElement) && list.dataset.query === query) return;
    list.replaceChildren(...found.map((r) => resultItem(engine, r)));
    list.dataset.query = query;
    if (engine.text) list.dataset.complete = "true";
    status.textContent = found.length ? `${found.length} best matches` : "No matching questions";
  }
  input.addEventListener("input", run);
  onTextLoaded.push(function again() {
    onTextLoaded.push(again);
    if (input.value.trim()) run();
  });
  // Arrow keys move between the field and the results (real focus, so Enter follows a link and screen readers
  // announce it); Enter in the field opens the search page with all results; Escape closes the panel.
  box.addEventListener("keydown", (event) => {
    const stops = [input, ...links()];
    const at = stops.indexOf(document.activeElement);
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && stops.length > 1 && at >= 0) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      stops[(at + step + stops.length) % stops.length].focus();
    } else if (event.key === "Escape") {
      if (toggle) toggle.checked = false;
      input.blur();
    }
  });
  for (const type of ["focusin", "pointerover", "pointerdown"]) box.addEventListener(type, () => load(), { once: true });
  // On phones the field opens from the header's search button: start loading as the finger comes down.
  for (const button of document.querySelectorAll("label[for='__search']")) {
    button.addEventListener("pointerdown", () => load(), { once: true, passive: true });
  }
  // On wide screens the field is always visible: focusing it opens the results panel (the theme's CSS shows
  // the panel while the #__search toggle is checked).
  input.addEventListener("focus", () => {
    if (toggle) toggle.checked = true;
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (toggle.checked) {
        load();
        setTimeout(() => input.focus(), 0);
      }
    });
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !/^[fs/]$/.test(event.key)) return;
    event.preventDefault();
    if (toggle) toggle.checked = true;
    load();
    input.focus();
  });
}

// ---- the search page -----------------------------------------------------------------------------

function readParams() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  return { query: (params.get("q") || "").trim(), filters };
}

function setupPage(form) {
  const input = form.querySelector("input[name=q]");
  const list = document.getElementById("mlq-search-results");
  const status = document.getElementById("mlq-search-status");
  const { query, filters } = readParams();
  input.value = query;
  for (const key of FILTERS) {
    const select = form.querySelector(`select[name=${key}]`);
    if (select && filters[key]) select.value = filters[key];
  }

  function current() {
    const chosen = {};
    for (const key of FILTERS) {
      const value = form.querySelector(`select[name=${key}]`)?.value;
      if (value) chosen[key] = value;
    }
    return { query: input.value.trim(), filters: chosen };
  }
  async function run(push) {
    const { query, filters } = current();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]);
    if (push) history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "Type a question or a few keywords.";
      return;
    }
    status.textContent = "Searching…";
    const engine = await load();
    const found = query ? engine.search(query, filters, { limit: 50 }) : engine.browse(filters);
    list.replaceChildren(...found.map((r) => resultItem(engine, r)));
    // Which query these results answer, and whether both index files ranked them (tests and benchmark wait on it).
    list.dataset.query = query;
    if (engine.text) list.dataset.complete = "true";
    const what = query ? `“${query}”` : "these filters";
    status.textContent = found.length
      ? `${found.length} result${found.length === 1 ? "" : "s"} for ${what}`
      : `No questions match ${what}.`;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement) run(true);
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(true), 150);
  });
  onTextLoaded.push(() => run(false));
  run(false);
}

const page = document.getElementById("mlq-search-form");
if (page) setupPage(page);
const header = document.querySelector(".mlq-search");
if (header) setupHeader(header);
