// Study progress: one versioned record in localStorage, its migration from the first practice page's keys,
// and export/import as a JSON file. No DOM here (the pages' scripts do that), so the rules can be tested
// on their own. Nothing leaves the browser: export is a download the reader saves, import a file they pick.

export const KEY = "mlq-study";
export const FORMAT = "mlq-study-progress"; // what an exported file says it is
export const SCHEMA = 1; // raise it (and migrate) when the shape of the record changes
// The first practice page stored "known"/"review" marks and its filters under these keys.
export const LEGACY_PROGRESS = "mlq-progress";
export const LEGACY_FILTERS = "mlq-practice-filters";
export const FILTER_FIELDS = ["category", "topic", "company", "difficulty"];
export const DEFAULT_NEW_PER_DAY = 10;

export function emptyState() {
  return {
    schema: SCHEMA,
    cards: {}, // question id -> FSRS card (dates as ISO strings) plus `first`, the day it was first graded
    marks: {}, // question id -> "known" | "review": the latest verdict (the first page's marks live on here)
    queued: [], // question ids to review first (from a mock interview's weakest topics)
    filters: {},
    settings: { newPerDay: DEFAULT_NEW_PER_DAY },
    mock: null, // the mock interview in progress, if any
    mocks: [], // summaries of finished mock interviews
    plan: null, // the last study plan made
  };
}

export class ImportError extends Error {}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isId = (v) => typeof v === "string" && /^[A-Za-z0-9_-]{1,80}$/.test(v);
const isDate = (v) => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);

function checkCard(card, where) {
  const ok =
    isObject(card) &&
    isDate(card.due) &&
    isNumber(card.stability) &&
    isNumber(card.difficulty) &&
    isCount(card.elapsed_days) &&
    isCount(card.scheduled_days) &&
    isCount(card.learning_steps) &&
    isCount(card.reps) &&
    isCount(card.lapses) &&
    [0, 1, 2, 3].includes(card.state) &&
    (card.last_review === null || isDate(card.last_review)) &&
    isDate(card.first);
  if (!ok) throw new ImportError(`${where} is not a review record this page understands.`);
}

// Checks a record and returns it unchanged. Throws ImportError naming the first thing that is wrong: a
// record that fails any check is refused whole, so a bad file can never half-apply.
export function validate(state) {
  if (!isObject(state)) throw new ImportError("The progress record is not an object.");
  if (state.schema !== SCHEMA) throw new ImportError(`The progress record has schema ${state.schema}, not ${SCHEMA}.`);
  const keys = Object.keys(emptyState());
  const extra = Object.keys(state).filter((k) => !keys.includes(k));
  if (extra.length) throw new ImportError(`Unknown field "${extra[0]}" in the progress record.`);
  if (!isObject(state.cards)) throw new ImportError("cards must be an object.");
  for (const [id, card] of Object.entries(state.cards)) {
    if (!isId(id)) throw new ImportError(`"${id}" is not a question id.`);
    checkCard(card, `The card of ${id}`);
  }
  if (!isObject(state.marks)) throw new ImportError("marks must be an object.");
  for (const [id, mark] of Object.entries(state.marks)) {
    if (!isId(id) || (mark !== "known" && mark !== "review")) throw new ImportError(`Bad mark for "${id}".`);
  }
  if (!Array.isArray(state.queued) || !state.queued.every(isId)) throw new ImportError("queued must list question ids.");
  if (!isObject(state.filters)) throw new ImportError("filters must be an object.");
  for (const [field, value] of Object.entries(state.filters)) {
    if (!FILTER_FIELDS.includes(field) || typeof value !== "string") throw new ImportError(`Bad filter "${field}".`);
  }
  if (!isObject(state.settings) || !isCount(state.settings.newPerDay) || state.settings.newPerDay > 500) {
    throw new ImportError("settings.newPerDay must be a whole number from 0 to 500.");
  }
  // A mock interview in progress: enough shape for the page to resume it (session.js owns the rest).
  if (state.mock !== null && !(isObject(state.mock) && Array.isArray(state.mock.items) && state.mock.items.every(isObject) &&
      Number.isInteger(state.mock.index) && state.mock.index >= 0 && state.mock.index < Math.max(1, state.mock.items.length))) {
    throw new ImportError("mock must be a mock interview or null.");
  }
  if (!Array.isArray(state.mocks) || !state.mocks.every(isObject)) throw new ImportError("mocks must be a list.");
  if (state.plan !== null && !(isObject(state.plan) && Array.isArray(state.plan.weeks) && isObject(state.plan.input) &&
      state.plan.weeks.every((w) => isObject(w) && Array.isArray(w.ids) && w.ids.every(isId)))) {
    throw new ImportError("plan must be a study plan or null.");
  }
  return state;
}

// The first practice page's marks ({id: "known" | "review"}) and filters become the new record. The old keys
// are removed once the new record is written, so a later reset cannot bring them back.
export function migrate(storage) {
  const state = emptyState();
  let moved = 0;
  const progress = readJSON(storage, LEGACY_PROGRESS);
  if (isObject(progress)) {
    for (const [id, mark] of Object.entries(progress)) {
      if (isId(id) && (mark === "known" || mark === "review")) {
        state.marks[id] = mark;
        moved += 1;
      }
    }
  }
  const filters = readJSON(storage, LEGACY_FILTERS);
  if (isObject(filters)) {
    for (const field of FILTER_FIELDS) {
      if (typeof filters[field] === "string" && filters[field]) state.filters[field] = filters[field];
    }
  }
  return { state, moved };
}

function readJSON(storage, key) {
  try {
    return JSON.parse(storage.getItem(key));
  } catch (e) {
    return null;
  }
}

// The reader's record: the stored one, or on the first visit the first practice page's marks migrated.
// A stored record this page cannot read (hand-edited, or from a newer version of the site in another tab)
// is left in place untouched and the page works from an empty record without saving over it.
export function load(storage) {
  const raw = storage.getItem(KEY);
  if (raw === null) {
    const { state, moved } = migrate(storage);
    if (save(storage, state)) {
      storage.removeItem(LEGACY_PROGRESS);
      storage.removeItem(LEGACY_FILTERS);
    }
    return { state, migrated: moved, readOnly: false };
  }
  try {
    return { state: validate(JSON.parse(raw)), migrated: 0, readOnly: false };
  } catch (e) {
    return { state: emptyState(), migrated: 0, readOnly: true, error: e.message };
  }
}

export function save(storage, state) {
  try {
    storage.setItem(KEY, JSON.stringify(state));
    return true;
  } catch (e) {
    return false; // private mode or full storage: the session still works, unsaved
  }
}

export function reset(storage) {
  const state = emptyState();
  storage.removeItem(LEGACY_PROGRESS);
  storage.removeItem(LEGACY_FILTERS);
  save(storage, state);
  return state;
}

export function exportText(state, now) {
  return JSON.stringify({ format: FORMAT, schema: SCHEMA, exported: now.toISOString(), progress: state }, null, 1) + "\n";
}

export function exportName(now) {
  return `ml-interview-progress-${now.toISOString().slice(0, 10)}.json`;
}

// Reads an exported file. Returns the record it holds or throws ImportError with a sentence for the reader.
export function parseImport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError("This file is not a progress file from this site (it is not JSON). Nothing was changed.");
  }
  if (!isObject(data) || data.format !== FORMAT) {
    throw new ImportError("This file is not a progress file from this site. Nothing was changed.");
  }
  if (!Number.isInteger(data.schema) || data.schema < 1) {
    throw new ImportError("This progress file has no valid schema version. Nothing was changed.");
  }
  if (data.schema > SCHEMA) {
    throw new ImportError(
      `This progress file was saved by a newer version of this site (schema ${data.schema}; this page reads ` +
        `schema ${SCHEMA}). Reload the page to get the newer version, then import again. Nothing was changed.`,
    );
  }
  try {
    return validate(data.progress);
  } catch (e) {
    throw new ImportError(`This progress file is damaged: ${e.message} Nothing was changed.`);
  }
}
