// Practice mode on question pages: hide each answer section until the reader reveals it.
// The switch is remembered in localStorage, so it stays on across pages and reloads.
(function () {
  "use strict";
  var KEY = "mlq-practice-mode";
  var SECTIONS = ["the-30-second-answer", "the-full-answer", "follow-up-questions", "common-mistakes", "check-your-answer"];

  function stored() {
    try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function store(on) {
    try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: not remembered */ }
  }

  function setup() {
    var controls = document.querySelector(".mlq-practice-controls");
    if (!controls || controls.dataset.ready) return;
    controls.dataset.ready = "1";
    var article = controls.closest("article") || document.body;

    // The answers are wrapped (and reveal buttons added) the first time practice mode is switched on, not at
    // load: moving every node of a long page is a long task on a phone, and most readers never switch it on.
    var wrapped = false;
    function wrapSections() {
      if (wrapped) return;
      wrapped = true;
      SECTIONS.forEach(function (id) {
        var heading = article.querySelector("h2#" + id);
        if (!heading) return;
        var wrap = document.createElement("div");
        wrap.className = "mlq-answer";
        wrap.id = "mlq-answer-" + id;
        var node = heading.nextSibling;
        while (node && !(node.nodeType === 1 && /^H[12]$/.test(node.tagName))) {
          var next = node.nextSibling;
          wrap.appendChild(node);
          node = next;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button mlq-reveal";
        button.textContent = "Reveal " + heading.textContent.replace(/¶$/, "").trim().toLowerCase();
        button.setAttribute("aria-controls", wrap.id);
        button.addEventListener("click", function () {
          wrap.classList.add("mlq-revealed");
          button.classList.add("mlq-used");
        });
        heading.after(button);
        button.after(wrap);
      });
    }

    var label = document.createElement("label");
    label.className = "mlq-switch";
    var toggle = document.createElement("input");
    toggle.type = "checkbox";
    toggle.id = "mlq-practice-toggle";
    label.appendChild(toggle);
    label.appendChild(document.createTextNode(" Practice mode: hide the answers"));
    var revealAll = document.createElement("button");
    revealAll.type = "button";
    revealAll.className = "md-button mlq-reveal-all";
    revealAll.textContent = "Reveal all";
    revealAll.addEventListener("click", function () {
      article.querySelectorAll(".mlq-answer").forEach(function (el) { el.classList.add("mlq-revealed"); });
      article.querySelectorAll(".mlq-reveal").forEach(function (el) { el.classList.add("mlq-used"); });
    });
    controls.appendChild(label);
    controls.appendChild(revealAll);

    function apply(on) {
      if (on) wrapSections();
      toggle.checked = on;
      article.classList.toggle("mlq-practice-on", on);
      if (!on) {
        article.querySelectorAll(".mlq-revealed").forEach(function (el) { el.classList.remove("mlq-revealed"); });
        article.querySelectorAll(".mlq-used").forEach(function (el) { el.classList.remove("mlq-used"); });
      }
    }
    toggle.addEventListener("change", function () { store(toggle.checked); apply(toggle.checked); });
    apply(stored());
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
