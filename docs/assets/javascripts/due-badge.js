// The "due today" count next to "Practice" in the navigation, on every page. Cheap on purpose: one
// localStorage read and a loop over the reader's cards, no fetch and no module (the scheduler itself is only
// loaded by the study pages). The rule matches study/srs.js dueCount: due by the end of the local day, plus
// questions a mock interview queued.
(function () {
  "use strict";
  function count() {
    var state;
    try { state = JSON.parse(localStorage.getItem("mlq-study")); } catch (e) { return 0; }
    if (!state || state.schema !== 1 || typeof state.cards !== "object" || !state.cards) return 0;
    var end = new Date();
    end.setHours(23, 59, 59, 999);
    var due = {};
    Object.keys(state.cards).forEach(function (id) {
      if (Date.parse(state.cards[id] && state.cards[id].due) <= end.getTime()) due[id] = 1;
    });
    (Array.isArray(state.queued) ? state.queued : []).forEach(function (id) { due[id] = 1; });
    return Object.keys(due).length;
  }
  function setup() {
    var n = count();
    // Compared as absolute URLs: on the practice page itself the theme writes the link as "./".
    document.querySelectorAll("a.md-nav__link").forEach(function (link) {
      if (!/\/practice\/$/.test(link.href)) return;
      var badge = link.querySelector(".mlq-due-badge");
      if (!n) { if (badge) badge.remove(); return; }
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "mlq-due-badge";
        link.appendChild(badge);
      }
      badge.textContent = n + " due";
      badge.title = n + (n === 1 ? " question" : " questions") + " to review today";
    });
  }
  window.mlqUpdateDueBadge = setup; // the study pages call it after a grade
  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
