// The practice page: draw a random question matching the filters, reveal its 30-second answer,
// and record "I knew it" / "Review again" in localStorage. Everything runs in the browser from the
// build's export (api/questions.json).
(function () {
  "use strict";
  var PROGRESS = "mlq-progress";
  var FILTERS = "mlq-practice-filters";
  var FIELDS = ["category", "topic", "company", "difficulty"];

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* not remembered */ }
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // KaTeX (the site's copy) is fetched the first time a revealed answer has math, not with the page:
  // question pages have their math typeset at build time, only this page shows answers from JSON.
  var katex = null;
  function script(src) {
    return new Promise(function (resolve, reject) {
      var node = el("script", { src: src });
      node.onload = resolve;
      node.onerror = reject;
      document.head.appendChild(node);
    });
  }
  function typeset(node, base) {
    if (node.textContent.indexOf("$") < 0) return;
    if (!katex) {
      var dir = base + "assets/vendor/katex/";
      document.head.appendChild(el("link", { rel: "stylesheet", href: dir + "katex.min.css" }));
      katex = script(dir + "katex.min.js").then(function () { return script(dir + "auto-render.min.js"); });
    }
    katex.then(function () {
      renderMathInElement(node, {
        delimiters: [{ left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false }],
        throwOnError: false,
      });
    }).catch(function () { /* the answer stays readable as TeX */ });
  }

  function start(app) {
    if (app.dataset.ready) return;
    app.dataset.ready = "1";
    var base = app.dataset.base;
    fetch(base + "api/questions.json")
      .then(function (response) { return response.json(); })
      .then(function (data) { run(app, base, data); })
      .catch(function () { app.textContent = "The question list could not be loaded."; });
  }

  function run(app, base, data) {
    var labels = data.labels;
    var questions = data.questions;
    var progress = load(PROGRESS, {});
    var filters = load(FILTERS, {});
    var current = null;
    app.textContent = "";

    var form = el("form", { class: "mlq-filters", "aria-label": "Filters" });
    var options = {
      category: labels.categories,
      topic: labels.topics,
      company: labels.companies,
      difficulty: labels.difficulties,
    };
    var used = { category: {}, topic: {}, company: {}, difficulty: {} };
    questions.forEach(function (q) {
      used.category[q.category] = 1;
      used.difficulty[q.difficulty] = 1;
      q.topics.forEach(function (t) { used.topic[t] = 1; });
      q.companies.forEach(function (c) { used.company[c.name] = 1; });
    });
    var selects = {};
    FIELDS.forEach(function (field) {
      var id = "mlq-filter-" + field;
      var label = el("label", { for: id }, field.charAt(0).toUpperCase() + field.slice(1));
      var select = el("select", { id: id, name: field });
      select.appendChild(el("option", { value: "" }, "Any"));
      Object.keys(options[field]).forEach(function (key) {
        if (used[field][key]) select.appendChild(el("option", { value: key }, options[field][key]));
      });
      select.value = filters[field] && used[field][filters[field]] ? filters[field] : "";
      select.addEventListener("change", function () {
        filters[field] = select.value;
        save(FILTERS, filters);
        draw();
      });
      selects[field] = select;
      var wrap = el("div", { class: "mlq-filter" });
      wrap.appendChild(label);
      wrap.appendChild(select);
      form.appendChild(wrap);
    });
    app.appendChild(form);

    var card = el("section", { class: "mlq-card", "aria-live": "polite", "aria-label": "Question" });
    app.appendChild(card);
    var actions = el("div", { class: "mlq-actions" });
    var next = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-next" }, "Next question");
    var reset = el("button", { type: "button", class: "md-button", id: "mlq-reset" }, "Reset progress");
    actions.appendChild(next);
    actions.appendChild(reset);
    app.appendChild(actions);
    var stats = el("section", { class: "mlq-progress", "aria-label": "Progress" });
    app.appendChild(stats);

    function matching() {
      return questions.filter(function (q) {
        return (!filters.category || q.category === filters.category) &&
          (!filters.difficulty || q.difficulty === filters.difficulty) &&
          (!filters.topic || q.topics.indexOf(filters.topic) >= 0) &&
          (!filters.company || q.companies.some(function (c) { return c.name === filters.company; }));
      });
    }

    function pick(pool) {
      // Questions not yet known come first: unseen and "review again" ones are drawn before known ones.
      var fresh = pool.filter(function (q) { return progress[q.id] !== "known" && (!current || q.id !== current.id); });
      var from = fresh.length ? fresh : pool;
      return from[Math.floor(Math.random() * from.length)];
    }

    function draw() {
      var pool = matching();
      card.textContent = "";
      current = pool.length ? pick(pool) : null;
      if (!current) {
        card.appendChild(el("p", {}, "No question matches these filters."));
      } else {
        var meta = [labels.categories[current.category], labels.difficulties[current.difficulty]]
          .concat(current.topics.map(function (t) { return labels.topics[t]; })).join(" · ");
        card.appendChild(el("p", { class: "mlq-card-meta" }, meta));
        var title = el("h2", { class: "mlq-card-title", id: "mlq-card-title", "data-question-id": current.id });
        title.appendChild(el("a", { href: base + current.url }, current.title));
        card.appendChild(title);
        var reveal = el("button", { type: "button", class: "md-button", id: "mlq-reveal-answer" }, "Reveal the answer");
        var answer = el("div", { class: "mlq-card-answer", id: "mlq-card-answer", hidden: "" });
        answer.appendChild(el("p", {}, current.short_answer));
        var more = el("p");
        more.appendChild(el("a", { href: base + current.url }, "Read the full answer"));
        answer.appendChild(more);
        var knew = el("button", { type: "button", class: "md-button md-button--primary", id: "mlq-knew" }, "I knew it");
        var again = el("button", { type: "button", class: "md-button", id: "mlq-again" }, "Review again");
        answer.appendChild(knew);
        answer.appendChild(again);
        reveal.addEventListener("click", function () {
          answer.hidden = false;
          reveal.hidden = true;
          typeset(answer, base);
        });
        knew.addEventListener("click", function () { mark("known"); });
        again.addEventListener("click", function () { mark("review"); });
        card.appendChild(reveal);
        card.appendChild(answer);
      }
      render();
    }

    function mark(status) {
      if (!current) return;
      progress[current.id] = status;
      save(PROGRESS, progress);
      draw();
    }

    function table(title, groups, label) {
      var wrap = el("div", { class: "mlq-progress-table" });
      wrap.appendChild(el("h3", {}, title));
      var t = el("table");
      var head = el("tr");
      ["", "Known", "Review again", "Questions"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      t.appendChild(head);
      Object.keys(groups).forEach(function (key) {
        var ids = groups[key];
        var row = el("tr", { "data-group": key });
        row.appendChild(el("th", { scope: "row" }, label[key] || key));
        row.appendChild(el("td", { class: "mlq-known" }, String(ids.filter(function (id) { return progress[id] === "known"; }).length)));
        row.appendChild(el("td", { class: "mlq-review" }, String(ids.filter(function (id) { return progress[id] === "review"; }).length)));
        row.appendChild(el("td", {}, String(ids.length)));
        t.appendChild(row);
      });
      wrap.appendChild(t);
      return wrap;
    }

    function render() {
      stats.textContent = "";
      var pool = matching();
      var known = pool.filter(function (q) { return progress[q.id] === "known"; }).length;
      stats.appendChild(el("p", { id: "mlq-summary" }, known + " of " + pool.length + " questions in this selection marked as known."));
      var byCategory = {};
      var byTopic = {};
      pool.forEach(function (q) {
        (byCategory[q.category] = byCategory[q.category] || []).push(q.id);
        q.topics.forEach(function (t) { (byTopic[t] = byTopic[t] || []).push(q.id); });
      });
      stats.appendChild(table("By category", byCategory, labels.categories));
      stats.appendChild(table("By topic", byTopic, labels.topics));
    }

    next.addEventListener("click", draw);
    reset.addEventListener("click", function () {
      progress = {};
      save(PROGRESS, progress);
      render();
    });
    draw();
  }

  function setup() {
    var app = document.getElementById("mlq-practice-app");
    if (app) start(app);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
