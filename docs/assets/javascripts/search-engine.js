// Ranking for the site's search: MiniSearch (BM25+) over what each page answers, with Porter stems, English
// and question words dropped, OR semantics, typo tolerance on longer words and an exact-phrasing bonus.
// Pure: no DOM. search.js (the UI) and the tests import it; bench/search/ measures it through the UI.
import MiniSearch from "../vendor/minisearch/minisearch.js";
import { stemmer } from "../vendor/stemmer/stemmer.js";

// Words that say "this is a question" rather than what it is about. Dropped from queries and pages alike,
// so "What is the difference between covariance and correlation?" ranks by covariance and correlation.
const STOP = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing done down during each either else ever every few for from " +
    "further get gets getting give given go goes going got had has have having he her here hers him his how " +
    "however i if in into is it its itself just let like likely ll may me might more most much must my " +
    "neither no nor not now of off often on once one only or other our ours out over own per rather really " +
    "s said same say says she should since so some such t than that the their theirs them then there these " +
    "they this those through thus to too under until up upon us use used uses using very via want wants was " +
    "way ways we well were what whats when where whether which while who whom whose why will with within " +
    "without would yet you your yours " +
    // question and interview words
    "describe describes difference differences differ explain explained tell walk me think thought mean means " +
    "meant work works working happen happens define definition vs versus compare compared comparison example " +
    "examples instead question questions interview interviewer answer know understand"
  ).split(" "),
);

// British spellings fold into the American ones the pages mostly use, before stemming.
const SPELLING = [
  [/isation(s?)$/, "ization$1"],
  [/is(e|ed|es|ing|er|ers)$/, "iz$1"],
  [/our$/, "or"],
  [/ogue$/, "og"],
];
// Only words long enough that the British pattern is not part of the stem ("noise", "precise", "hour").
const SPELLING_MIN = { 0: 8, 1: 7, 2: 6, 3: 6 };

export function tokenize(text) {
  const out = [];
  for (const chunk of String(text).toLowerCase().split(/[^0-9a-z\u00c0-\u024f\u0370-\u03ff'’-]+/)) {
    if (!chunk) continue;
    const parts = chunk.replace(/['’]s$/, "").split(/[-'’]+/).filter(Boolean);
    out.push(...parts);
    // "k-means", "t-sne", "pre-training": also as one word, as people type them.
    if (parts.length > 1) out.push(parts.join(""));
  }
  return out;
}

// Stems are memoised: the same few thousand words recur across a thousand pages, and stemming each occurrence
// was most of the time it took a phone to build the index.
const STEMS = new Map();

export function processTerm(term) {
  const known = STEMS.get(term);
  if (known !== undefined) return known;
  const result = stem(term);
  STEMS.set(term, result);
  return result;
}

function stem(term) {
  if (STOP.has(term)) return null;
  if (term.length < 2 && !/[0-9]/.test(term)) return null;
  let word = term;
  SPELLING.forEach(([pattern, replacement], i) => {
    if (word.length >= SPELLING_MIN[i]) word = word.replace(pattern, replacement);
  });
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

// A phrasing reduced as the build reduces it (mlq.content.phrasing_key): typing a page's exact title or one
// of its phrasings puts that page first.
export function phrasingKey(text) {
  return (String(text).normalize("NFKC").toLowerCase().match(/[0-9a-z]+/g) || []).join(" ");
}

export const WEIGHTS = {
  boost: { title: 3, asked: 2.5, topics: 1.5, companies: 1, category: 0.5 },
  text: 0.35, // the full answer's words, relative to the fields above
  nonQuestion: 0.6, // notebooks and guides rank below a question that matches as well
  exact: 100, // the query is a page's title or phrasing
};

// The first sentence of the answer is shown, not indexed here: its words are among the page's words in the
// second file, and leaving it out halves the time a phone takes to build this index (bench/search_speed.py).
const FIELDS = ["title", "asked", "topics", "companies", "category"];

function fuzzy(term) {
  return term.length >= 5 ? 0.2 : false;
}

function options(prefixLast, typos) {
  return {
    combineWith: "OR",
    fuzzy: typos ? fuzzy : false,
    // Only the word being typed is matched as a prefix: "grad" finds gradient while typing.
    prefix: (term, i, terms) => prefixLast && i === terms.length - 1 && term.length >= 3,
  };
}

// What the site ships. The benchmark's ablation (bench/search_benchmark.py --ablation) passes variants.
export const DEFAULTS = {
  weights: WEIGHTS,
  tokenize,
  processTerm,
  phrasings: true,
  words: true,
  exact: true,
  fuzzy: true,
};

export class Engine {
  constructor(index, options = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.labels = index.labels;
    this.docs = index.docs.map((doc) => ({ ...doc, asked: [], answer: "" }));
    this.text = null;
    this.indexFields();
  }

  // Titles, phrasings, topics, companies and category. Built from the first file, and again once the second
  // brings the phrasings (a few hundred milliseconds on a phone, after the first results are on screen).
  indexFields() {
    const { tokenize, processTerm, phrasings } = this.options;
    this.byKey = new Map();
    this.docs.forEach((doc, n) => {
      for (const phrasing of [doc.title, ...(phrasings ? doc.asked : [])]) {
        const key = phrasingKey(phrasing);
        if (key && !this.byKey.has(key)) this.byKey.set(key, n);
      }
    });
    const label = (group, keys) => (keys || []).map((k) => this.labels[group][k] || k).join(" ; ");
    this.fields = new MiniSearch({ idField: "n", fields: FIELDS, tokenize, processTerm });
    this.fields.addAll(
      this.docs.map((doc, n) => ({
        n,
        title: doc.title,
        asked: phrasings ? doc.asked.join(" ; ") : "",
        topics: label("topics", doc.topics),
        companies: label("companies", doc.companies),
        category: doc.category ? this.labels.categories[doc.category] : "",
      })),
    );
  }

  // The second file: each page's phrasings, its answer's first sentence and its distinct words.
  addText(text) {
    const position = new Map(this.docs.map((doc, n) => [doc.id, n]));
    text.ids.forEach((id, i) => {
      const doc = this.docs[position.get(id)];
      if (!doc) return;
      doc.asked = text.asked[i] || [];
      doc.answer = text.answers[i] || "";
    });
    this.indexFields();
    const { tokenize, processTerm, words } = this.options;
    if (!words) return;
    this.text = new MiniSearch({ idField: "n", fields: ["words"], tokenize, processTerm });
    this.text.addAll(
      text.ids.map((id, i) => ({ n: position.get(id), words: text.words[i] })).filter((d) => d.n !== undefined),
    );
  }

  matches(doc, filters) {
    if (!filters) return true;
    if (filters.category && doc.category !== filters.category) return false;
    if (filters.difficulty && doc.difficulty !== filters.difficulty) return false;
    if (filters.topic && !(doc.topics || []).includes(filters.topic)) return false;
    if (filters.company && !(doc.companies || []).includes(filters.company)) return false;
    if ((filters.category || filters.difficulty || filters.topic || filters.company) && doc.kind) return false;
    return true;
  }

  // [{doc, score}] best first. `typing` matches the last word as a prefix (as-you-type); a submitted query
  // does not.
  search(query, filters = null, { limit = 20, typing = false } = {}) {
    const scores = new Map();
    const add = (n, score) => scores.set(n, (scores.get(n) || 0) + score);
    const { weights } = this.options;
    const opts = options(typing, this.options.fuzzy);
    for (const r of this.fields.search(query, { ...opts, boost: weights.boost })) add(r.id, r.score);
    if (this.text) for (const r of this.text.search(query, opts)) add(r.id, r.score * weights.text);
    const exact = this.options.exact ? this.byKey.get(phrasingKey(query)) : undefined;
    if (exact !== undefined) add(exact, weights.exact);
    const ranked = [];
    for (const [n, score] of scores) {
      const doc = this.docs[n];
      if (!this.matches(doc, filters)) continue;
      ranked.push({ doc, score: doc.kind ? score * weights.nonQuestion : score });
    }
    ranked.sort((a, b) => b.score - a.score || (a.doc.id < b.doc.id ? -1 : 1));
    return ranked.slice(0, limit);
  }

  // Every question that passes the filters, for a search page opened with filters and no words.
  browse(filters, limit = 500) {
    return this.docs
      .filter((doc) => !doc.kind && this.matches(doc, filters))
      .slice(0, limit)
      .map((doc) => ({ doc, score: 0 }));
  }
}
