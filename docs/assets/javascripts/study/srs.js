// Spaced repetition with FSRS (ts-fsrs, vendored): grading, the due queue, the daily limit for new questions,
// the grade a rubric score suggests, and mastery counts. Pure functions over the record from store.js.

import { createEmptyCard, fsrs, generatorParameters, Rating, State } from "../../vendor/ts-fsrs/index.mjs";

// No fuzz: the same history always gives the same intervals (what the reader sees on the buttons is what
// they get). Otherwise FSRS's defaults, as Anki ships them: 90 % retention, learning steps 1 and 10 minutes.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

export const GRADES = [
  { key: "again", label: "Again", rating: Rating.Again },
  { key: "hard", label: "Hard", rating: Rating.Hard },
  { key: "good", label: "Good", rating: Rating.Good },
  { key: "easy", label: "Easy", rating: Rating.Easy },
];

const CARD_FIELDS = ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state", "last_review"];

function toCard(record) {
  const card = {};
  for (const field of CARD_FIELDS) card[field] = record[field];
  card.due = new Date(record.due);
  card.last_review = record.last_review ? new Date(record.last_review) : undefined;
  return card;
}

function toRecord(card, first) {
  const record = {};
  for (const field of CARD_FIELDS) record[field] = card[field];
  record.due = card.due.toISOString();
  record.last_review = card.last_review ? new Date(card.last_review).toISOString() : null;
  record.first = first;
  return record;
}

// The reader's local calendar day, as YYYY-MM-DD: "today" and the daily limit follow their clock.
export function dayOf(date) {
  const d = new Date(date);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function endOfDay(now) {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d;
}

function cardFor(state, id, now) {
  return state.cards[id] ? toCard(state.cards[id]) : createEmptyCard(now);
}

// What each grade would do now: {again: Date, hard: Date, good: Date, easy: Date} (the next due time).
export function preview(state, id, now) {
  const outcomes = scheduler.repeat(cardFor(state, id, now), now);
  const next = {};
  for (const grade of GRADES) next[grade.key] = outcomes[grade.rating].card.due;
  return next;
}

// Records a grade: the question's FSRS card moves on, its mark follows (Again/Hard: review, Good/Easy: known)
// and it leaves the mock interview's queue. Returns the new card record.
export function grade(state, id, key, now) {
  const spec = GRADES.find((g) => g.key === key);
  if (!spec) throw new Error(`unknown grade ${key}`);
  const first = state.cards[id] ? state.cards[id].first : now.toISOString();
  const { card } = scheduler.next(cardFor(state, id, now), now, spec.rating);
  state.cards[id] = toRecord(card, first);
  state.marks[id] = spec.rating >= Rating.Good ? "known" : "review";
  state.queued = state.queued.filter((q) => q !== id);
  return state.cards[id];
}

export function intervalText(from, to) {
  const minutes = Math.round((to - from) / 60000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days} d`;
  const months = Math.round(days / 30.4);
  if (months < 12) return `${months} mo`;
  return `${(days / 365).toFixed(1)} y`;
}

// The grade a rubric score suggests. A rubric lists what a complete answer must say, so it measures
// completeness: every point is a Good answer; missing some but making at least half is Hard (recalled,
// incompletely); fewer than half is Again. Easy (complete and effortless) is the reader's own call.
export function suggestGrade(ticked, total) {
  if (!total) return null;
  if (ticked >= total) return "good";
  if (ticked * 2 >= total) return "hard";
  return "again";
}

export function newToday(state, now) {
  const today = dayOf(now);
  return Object.values(state.cards).filter((c) => dayOf(c.first) === today).length;
}

// The reviews due by the end of the reader's day, earliest first, among `ids` (all questions if omitted).
export function dueIds(state, now, ids) {
  const limit = endOfDay(now).getTime();
  const pool = ids ? ids.filter((id) => state.cards[id]) : Object.keys(state.cards);
  return pool
    .filter((id) => Date.parse(state.cards[id].due) <= limit)
    .sort((a, b) => Date.parse(state.cards[a].due) - Date.parse(state.cards[b].due) || (a < b ? -1 : 1));
}

// The count the badge on every page shows: reviews due today plus what a mock interview queued.
export function dueCount(state, now) {
  const due = new Set(dueIds(state, now));
  state.queued.forEach((id) => due.add(id));
  return due.size;
}

// Anki's "learn ahead" limit: when nothing else is left, a question in its minutes-long learning steps may
// come back up to this early rather than leave the reader waiting.
export const LEARN_AHEAD_MS = 20 * 60 * 1000;

// A review is ready all day on the day it is due; a question in its learning steps (minutes apart) only once
// its time has come, or it would come straight back after the reader graded it.
function ready(card, now) {
  const due = Date.parse(card.due);
  return card.state === State.Review ? due <= endOfDay(now).getTime() : due <= now.getTime();
}

// New questions come in three tiers: never marked, then marked "review" by the first practice page, then
// marked "known" by it (those have no schedule yet, and the reader said they knew them).
export function tier(state, id) {
  return !state.marks[id] ? 0 : state.marks[id] === "review" ? 1 : 2;
}

// The order of today's session within a selection of questions (`ids`): what a mock interview queued, then
// reviews that are ready, then new questions up to the daily limit (by tier), then learning steps due within
// LEARN_AHEAD_MS.
export function queue(state, ids, now) {
  const inSelection = new Set(ids);
  const queued = state.queued.filter((id) => inSelection.has(id));
  const today = dueIds(state, now, ids).filter((id) => !queued.includes(id));
  const due = today.filter((id) => ready(state.cards[id], now));
  const ahead = today.filter((id) => !due.includes(id) && Date.parse(state.cards[id].due) <= now.getTime() + LEARN_AHEAD_MS);
  const later = today.filter((id) => !due.includes(id) && !ahead.includes(id));
  const left = Math.max(0, state.settings.newPerDay - newToday(state, now));
  const unseen = ids.filter((id) => !state.cards[id] && !queued.includes(id));
  const fresh = unseen.filter((id) => tier(state, id) === 0).concat(unseen.filter((id) => tier(state, id) === 1), unseen.filter((id) => tier(state, id) === 2));
  return { queued, due, ahead, later, dueToday: queued.length + today.length, fresh: fresh.slice(0, left), newLeft: left };
}

// Known questions per group: {key: {known, review, total}} for groups given as {key: [ids]}.
export function mastery(state, groups) {
  const out = {};
  for (const [key, ids] of Object.entries(groups)) {
    out[key] = {
      known: ids.filter((id) => state.marks[id] === "known").length,
      review: ids.filter((id) => state.marks[id] === "review").length,
      total: ids.length,
    };
  }
  return out;
}
