// The study plan: weeks until the interview × hours per week × role → a week-by-week list of questions from
// the taxonomy, foundations first, without the questions the reader already knows and with the ones they
// missed before chosen first. Pure; plan.js draws it.

// How much each category weighs for a role, after docs/guides/how-to-prepare.md ("Tailor the plan to the
// role"): ML engineers lean to coding, production and design; data scientists to statistics and metrics;
// research scientists to deep learning, math and their speciality; MLOps engineers to deployment and design.
export const ROLE_WEIGHTS = {
  "ml-engineer": { fundamentals: 1, "math-statistics": 0.7, "algorithms-models": 1, "practical-implementation": 1.5, "evaluation-metrics": 1, "deployment-mlops": 1.5, "deep-learning": 1, "nlp-llm": 1, "ml-system-design": 1.5 },
  "data-scientist": { fundamentals: 1.2, "math-statistics": 1.6, "algorithms-models": 1.2, "practical-implementation": 1, "evaluation-metrics": 1.5, "deployment-mlops": 0.5, "deep-learning": 0.7, "nlp-llm": 0.6, "ml-system-design": 0.7 },
  "research-scientist": { fundamentals: 1, "math-statistics": 1.4, "algorithms-models": 0.9, "practical-implementation": 1, "evaluation-metrics": 0.9, "deployment-mlops": 0.4, "deep-learning": 1.6, "nlp-llm": 1.4, "ml-system-design": 0.6 },
  "mlops-engineer": { fundamentals: 0.8, "math-statistics": 0.4, "algorithms-models": 0.6, "practical-implementation": 1.2, "evaluation-metrics": 0.9, "deployment-mlops": 2, "deep-learning": 0.7, "nlp-llm": 0.8, "ml-system-design": 1.6 },
};
export const ROLE_TITLES = { "ml-engineer": "ML engineer", "data-scientist": "Data scientist", "research-scientist": "Research scientist", "mlops-engineer": "MLOps engineer" };
// A question studied properly (answer aloud, read, check the rubric, the follow-ups) takes about this long.
export const MINUTES_PER_QUESTION = 8;
// The rest of the hours go to the reviews that come due, mock interviews and the project story.
export const NEW_SHARE = 0.7;
const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 };

export function known(state, id) {
  return state.marks[id] === "known";
}

export function perWeek(hours) {
  return Math.max(1, Math.floor((hours * 60 * NEW_SHARE) / MINUTES_PER_QUESTION));
}

// Relevance of a question to the role: tagged for it, untagged (counts as general), or tagged for others.
function relevance(q, role) {
  if (!q.roles.length) return 0.8;
  return q.roles.includes(role) ? 1 : 0.4;
}

// Picks `count` questions from `pool` with each category's share proportional to its weight × size, then
// fills what rounding left with the best-weighted questions remaining.
function select(pool, count, weight, role, state) {
  if (pool.length <= count) return pool.slice();
  const byCategory = new Map();
  for (const q of pool) {
    if (!byCategory.has(q.category)) byCategory.set(q.category, []);
    byCategory.get(q.category).push(q);
  }
  // Questions the reader got wrong before (marked for review) first: they are known gaps.
  const missed = (q) => (state.marks[q.id] === "review" ? 1 : 0);
  const rank = (a, b) =>
    missed(b) - missed(a) ||
    relevance(b, role) - relevance(a, role) ||
    DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
    (a.id < b.id ? -1 : 1);
  let mass = 0;
  for (const [c, list] of byCategory) mass += (weight[c] || 1) * list.length;
  const chosen = [];
  const rest = [];
  for (const [c, list] of byCategory) {
    list.sort(rank);
    const quota = Math.min(list.length, Math.floor((count * (weight[c] || 1) * list.length) / mass));
    chosen.push(...list.slice(0, quota));
    rest.push(...list.slice(quota));
  }
  rest.sort((a, b) => missed(b) - missed(a) || (weight[b.category] || 1) * relevance(b, role) - (weight[a.category] || 1) * relevance(a, role) || rank(a, b));
  chosen.push(...rest.slice(0, count - chosen.length));
  return chosen;
}

// {input, made, weeks: [{number, ids, categories, topics, mock, review}], perWeek, skippedKnown, left}
// The last week of a plan of two weeks or more has no new questions: it is for mock interviews and the
// reviews that come due. Every other week from the second on ends with a 30-minute mock interview.
export function makePlan(input, questions, categoryOrder, state, now) {
  const weeks = Math.max(1, Math.min(52, Math.floor(input.weeks)));
  const hours = Math.max(1, Math.min(60, Number(input.hours)));
  const role = ROLE_WEIGHTS[input.role] ? input.role : "ml-engineer";
  const weight = ROLE_WEIGHTS[role];
  const pool = questions.filter((q) => !known(state, q.id));
  const studyWeeks = weeks >= 2 ? weeks - 1 : 1;
  const each = perWeek(hours);
  const chosen = select(pool, each * studyWeeks, weight, role, state);
  const order = (c) => {
    const i = categoryOrder.indexOf(c);
    return i < 0 ? categoryOrder.length : i;
  };
  chosen.sort(
    (a, b) =>
      order(a.category) - order(b.category) ||
      (a.topics[0] < b.topics[0] ? -1 : a.topics[0] > b.topics[0] ? 1 : 0) ||
      DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
      (a.id < b.id ? -1 : 1),
  );
  // Spread evenly rather than filling early weeks to the brim and leaving the last ones half empty.
  const perStudyWeek = Math.ceil(chosen.length / studyWeeks);
  const plan = [];
  for (let w = 0; w < weeks; w += 1) {
    const list = w < studyWeeks ? chosen.slice(w * perStudyWeek, (w + 1) * perStudyWeek) : [];
    const categories = [...new Set(list.map((q) => q.category))];
    // Each question's first topic is its main one; listing every secondary topic would name half the taxonomy.
    const topics = [...new Set(list.map((q) => q.topics[0]))];
    const review = weeks >= 2 && w === weeks - 1;
    plan.push({ number: w + 1, ids: list.map((q) => q.id), categories, topics, mock: review || (w % 2 === 1), review });
  }
  return {
    input: { weeks, hours, role },
    made: now.toISOString(),
    weeks: plan,
    perWeek: each,
    skippedKnown: questions.length - pool.length,
    left: pool.length - chosen.length,
  };
}
