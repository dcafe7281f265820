// Mock interviews: drawing a balanced set of questions, the clocks (per question and for the session, kept
// as time spent so pausing and reloading lose nothing), self-scores and the summary. Pure functions over a
// plain object that store.js saves as `mock`; the page (mock.js) only draws it.

export const DESIGN = "ml-system-design";
// Breadth questions get 5 minutes each (a short spoken answer and a follow-up); sessions of 45 minutes or more
// end with one system-design question, the round that most needs practice against the clock.
export const LENGTHS = {
  30: { breadth: 6, breadthMinutes: 5, design: 0, designMinutes: 0 },
  45: { breadth: 5, breadthMinutes: 5, design: 1, designMinutes: 20 },
  60: { breadth: 7, breadthMinutes: 5, design: 1, designMinutes: 25 },
};

function shuffle(list, random) {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// The reader's choices as filters, strictest first: when too few questions match, difficulty is dropped
// first, then the company, then the categories (role is kept: it says what the interview is about).
function filters(opts) {
  const role = (q) => !opts.role || !q.roles.length || q.roles.includes(opts.role);
  const company = (q) => !opts.company || q.companies.some((c) => c.name === opts.company);
  const difficulty = (q) => !opts.difficulty || q.difficulty === opts.difficulty;
  const category = (q) => !opts.categories || !opts.categories.length || opts.categories.includes(q.category);
  return [
    (q) => role(q) && company(q) && difficulty(q) && category(q),
    (q) => role(q) && company(q) && category(q),
    (q) => role(q) && category(q),
    (q) => role(q),
    () => true,
  ];
}

// Round-robin over categories so no category dominates, and within that, questions whose topics are not
// already in the set first.
function balanced(pool, count, random, taken) {
  const byCategory = new Map();
  for (const q of shuffle(pool, random)) {
    if (taken.has(q.id)) continue;
    if (!byCategory.has(q.category)) byCategory.set(q.category, []);
    byCategory.get(q.category).push(q);
  }
  const order = shuffle([...byCategory.keys()], random);
  const topics = new Set();
  const chosen = [];
  while (chosen.length < count && order.some((c) => byCategory.get(c).length)) {
    for (const c of order) {
      if (chosen.length >= count) break;
      const list = byCategory.get(c);
      if (!list.length) continue;
      let i = list.findIndex((q) => q.topics.every((t) => !topics.has(t)));
      if (i < 0) i = 0;
      const [q] = list.splice(i, 1);
      q.topics.forEach((t) => topics.add(t));
      chosen.push(q);
    }
  }
  return chosen;
}

// The questions of a session: {items, relaxed}. `relaxed` is true when the reader's choices matched too few
// questions and the set was filled from a wider selection.
export function drawSet(questions, opts, random = Math.random) {
  const spec = LENGTHS[opts.minutes];
  if (!spec) throw new Error(`no mock interview of ${opts.minutes} minutes`);
  const taken = new Set();
  let relaxed = false;
  const pick = (pool, count) => {
    const out = [];
    filters(opts).forEach((keep, level) => {
      if (out.length >= count) return;
      const more = balanced(pool.filter(keep), count - out.length, random, taken);
      if (more.length && level > 0) relaxed = true;
      more.forEach((q) => taken.add(q.id));
      out.push(...more);
    });
    return out;
  };
  const breadth = pick(questions.filter((q) => q.category !== DESIGN), spec.breadth);
  // The design question ignores the category choice: it is its own round.
  const designOpts = { ...opts, categories: [] };
  const design = spec.design
    ? filters(designOpts)
        .map((keep) => questions.filter((q) => q.category === DESIGN && keep(q)))
        .find((pool) => pool.length) || []
    : [];
  const items = breadth.map((q) => item(q.id, "breadth", spec.breadthMinutes));
  if (spec.design && design.length) items.push(item(design[Math.floor(random() * design.length)].id, "design", spec.designMinutes));
  return { items, relaxed };
}

function item(id, kind, minutes) {
  return { id, kind, budget: minutes * 60000, spent: 0, notes: "", revealed: false, ticked: [], total: 0, score: null };
}

export function start(opts, items, now) {
  return {
    version: 1,
    opts,
    items,
    index: 0,
    phase: "question", // question -> answer -> question ... -> summary
    running: now.getTime(), // when the current stretch of the clock started; null while paused
    started: now.toISOString(),
    ended: null,
    endedEarly: false,
  };
}

export function totalBudget(session) {
  return session.items.reduce((sum, it) => sum + it.budget, 0);
}

function live(session, now) {
  return session.running === null ? 0 : Math.max(0, now.getTime() - session.running);
}

// Time used so far, and what is left for the current question and for the session (negative once over).
export function clocks(session, now) {
  const used = session.items.reduce((sum, it) => sum + it.spent, 0) + live(session, now);
  const current = session.items[session.index];
  const questionUsed = current ? current.spent + live(session, now) : 0;
  return {
    sessionLeft: totalBudget(session) - used,
    questionLeft: current ? current.budget - questionUsed : 0,
    used,
  };
}

export function pause(session, now) {
  if (session.running === null) return session;
  session.items[session.index].spent += live(session, now);
  session.running = null;
  return session;
}

export function resume(session, now) {
  if (session.running === null && session.phase === "question") session.running = now.getTime();
  return session;
}

// Showing the answer stops the clock: reading it and scoring yourself is not interview time.
export function reveal(session, now) {
  pause(session, now);
  session.items[session.index].revealed = true;
  session.phase = "answer";
  return session;
}

export function notes(session, text) {
  session.items[session.index].notes = String(text).slice(0, 5000);
  return session;
}

// A score from the rubric (ticked points of total) or, for a question without one yet, the reader's own
// estimate as a fraction (total 0).
export function score(session, ticked, total, fraction) {
  const it = session.items[session.index];
  it.ticked = ticked.slice();
  it.total = total;
  it.score = total ? ticked.length / total : Math.max(0, Math.min(1, fraction || 0));
  return session;
}

export function next(session, now) {
  if (session.index >= session.items.length - 1) return finish(session, now, false);
  session.index += 1;
  session.phase = "question";
  session.running = now.getTime();
  return session;
}

export function finish(session, now, early) {
  pause(session, now);
  session.phase = "summary";
  session.ended = now.toISOString();
  session.endedEarly = Boolean(early);
  return session;
}

// Scores per topic over the questions answered (revealed); the weakest topics are the lowest scores under
// full marks, at most three. A question not reached because the reader left early is not scored.
export function summary(session, byId) {
  const answered = session.items.filter((it) => it.revealed);
  const topics = new Map();
  for (const it of answered) {
    const q = byId.get(it.id);
    if (!q) continue;
    const s = it.score === null ? 0 : it.score;
    for (const t of q.topics) {
      if (!topics.has(t)) topics.set(t, { topic: t, sum: 0, count: 0 });
      const entry = topics.get(t);
      entry.sum += s;
      entry.count += 1;
    }
  }
  const perTopic = [...topics.values()]
    .map((e) => ({ topic: e.topic, score: e.sum / e.count, count: e.count }))
    .sort((a, b) => a.score - b.score || (a.topic < b.topic ? -1 : 1));
  const overall = answered.length ? answered.reduce((sum, it) => sum + (it.score || 0), 0) / answered.length : 0;
  return {
    answered: answered.length,
    total: session.items.length,
    overall,
    perTopic,
    weakest: perTopic.filter((t) => t.score < 1).slice(0, 3).map((t) => t.topic),
  };
}

// Queues the weakest topics for review on the practice page: the session's own questions in those topics
// that missed points first, then other questions of those topics the reader does not know yet, up to `limit`.
export function queueWeakest(state, session, questions, weakest, limit = 12) {
  const weak = new Set(weakest);
  const inWeak = (q) => q.topics.some((t) => weak.has(t));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const ids = session.items.filter((it) => it.revealed && (it.score || 0) < 1 && byId.has(it.id) && inWeak(byId.get(it.id))).map((it) => it.id);
  // Questions this session just showed the reader knows (full marks) stay out, even in a weak topic.
  const aced = new Set(session.items.filter((it) => it.revealed && it.score >= 1).map((it) => it.id));
  for (const q of questions) {
    if (ids.length >= limit) break;
    if (inWeak(q) && !ids.includes(q.id) && !aced.has(q.id) && state.marks[q.id] !== "known") ids.push(q.id);
  }
  const queued = state.queued.filter((id) => !ids.includes(id));
  state.queued = ids.slice(0, limit).concat(queued);
  return ids.slice(0, limit);
}
