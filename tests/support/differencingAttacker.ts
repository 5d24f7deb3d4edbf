import type { BreakdownBy, BreakdownResults, CycleResults } from '../../src/domain/results/types';
import type { AnswerValue, Answers, Questionnaire } from '../../src/domain/survey/types';

/**
 * A reader who combines everything published about a cycle, written apart from the
 * production audit and more bluntly, so that the production code is not checking itself:
 *
 * - The reader knows the directory, so knows each respondent's role, team and length of
 *   service (this test hands them the true answers to those questions). Respondents with the
 *   same three answers are indistinguishable: call each such class an atom.
 * - Every figure published for a set of people is a sum over that set's atoms. A set S of
 *   atoms has its answers pinned down exactly when its indicator is a rational combination of
 *   the published sets' indicators, that is when Σ_{a∈S} N[:, a] = 0 for a basis N of the
 *   null space of the published incidence matrix (exact rationals, BigInt).
 * - It tries every union of small atoms whose weight is under the limit, meet-in-the-middle
 *   (each half enumerated exhaustively; halves matched on fingerprints of their null-space
 *   sums, and each match confirmed on the exact sums).
 *
 * Two things are checked: the size of a set (respondent counts, and the counts of the About
 * you answers, which are sizes of sets of atoms), and, question by question, the answers of a
 * set weighted by how many in it answered that question.
 */

export interface PublishedViews {
  readonly whole: CycleResults;
  readonly views: readonly BreakdownResults[];
}

export interface Leak {
  /** "sizes" or the question's id. */
  readonly what: string;
  /** How many people (or answers to the question) the set holds. */
  readonly weight: number;
  /** The atoms of the set: "role/team/length of service" ('-' where not said). */
  readonly atoms: readonly string[];
}

// ───────────────────────── exact rationals ─────────────────────────

interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}
const ZERO: Fraction = { n: 0n, d: 1n };
const ONE: Fraction = { n: 1n, d: 1n };
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function fraction(n: bigint, d: bigint): Fraction {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const sub = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d, a.d * b.n);

/** A basis of { x : M x = 0 } as integer vectors, by exact Gauss-Jordan elimination. */
export function nullSpace(rows: readonly (readonly number[])[], columns: number): bigint[][] {
  const m: Fraction[][] = rows.map((r) => Array.from({ length: columns }, (_, c) => ((r[c] ?? 0) === 0 ? ZERO : fraction(BigInt(r[c] ?? 0), 1n))));
  const pivotOf: number[] = [];
  let rank = 0;
  for (let c = 0; c < columns && rank < m.length; c++) {
    const p = m.findIndex((row, i) => i >= rank && row[c]!.n !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const pivotRow = m[rank]!;
    const inv = div(ONE, pivotRow[c]!);
    for (let k = 0; k < columns; k++) pivotRow[k] = mul(pivotRow[k]!, inv);
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      if (i === rank || row[c]!.n === 0n) continue;
      const f = row[c]!;
      for (let k = 0; k < columns; k++) if (pivotRow[k]!.n !== 0n) row[k] = sub(row[k]!, mul(f, pivotRow[k]!));
    }
    pivotOf.push(c);
    rank++;
  }
  const pivots = new Set(pivotOf);
  const basis: bigint[][] = [];
  for (let free = 0; free < columns; free++) {
    if (pivots.has(free)) continue;
    const v: Fraction[] = Array.from({ length: columns }, () => ZERO);
    v[free] = ONE;
    pivotOf.forEach((c, i) => {
      v[c] = fraction(-m[i]![free]!.n, m[i]![free]!.d);
    });
    const lcm = v.reduce((l, x) => (l * x.d) / gcd(l, x.d), 1n);
    basis.push(v.map((x) => (x.n * lcm) / x.d));
  }
  return basis;
}

/**
 * Some nonempty set of atoms with total weight 1 … limit − 1 whose indicator is a rational
 * combination of `rows` (each a set of atom indices), or undefined. Atoms of weight 0 are
 * left out (nothing is learnt about them), as if the reader knew they were empty.
 */
export function derivableSmallSet(weights: readonly number[], rows: readonly (readonly number[])[], limit: number): number[] | undefined {
  const live = weights.map((w, a) => (w > 0 ? a : -1)).filter((a) => a >= 0);
  const column = new Map(live.map((a, i) => [a, i]));
  const incidence = rows.map((r) => {
    const row = new Array<number>(live.length).fill(0);
    for (const a of r) {
      const c = column.get(a);
      if (c !== undefined) row[c] = 1;
    }
    return row;
  });
  const basis = nullSpace(incidence, live.length);
  const small = live.filter((a) => (weights[a] ?? 0) < limit);
  if (small.length === 0) return undefined;
  const vectorOf = (a: number): bigint[] => basis.map((b) => b[column.get(a)!]!);
  const isZeroSum = (atoms: readonly number[]): boolean => {
    const sum = basis.map(() => 0n);
    for (const a of atoms) vectorOf(a).forEach((x, k) => (sum[k]! += x));
    return sum.every((x) => x === 0n);
  };
  // Sums are matched on two fingerprints of the exact vectors (fixed random functionals modulo
  // two primes), and every match is then checked on the exact vectors themselves.
  const fingerprints = [P1, P2].map((p, j) => {
    const coefficients = basis.map((_, k) => BigInt(1 + ((k * 7919 + j * 104729 + 12345) % (Number(p) - 1))));
    return small.map((a) => {
      const v = vectorOf(a);
      const h = v.reduce((acc, x, k) => acc + x * coefficients[k]!, 0n) % p;
      return Number(h < 0n ? h + p : h);
    });
  });
  const [f1, f2] = fingerprints as [number[], number[]];
  const q1 = Number(P1);
  const q2 = Number(P2);
  const half = Math.ceil(small.length / 2);
  // Every subset of one half (indices into `small`) with weight under the limit.
  const subsets = (from: number, to: number, visit: (h1: number, h2: number, weight: number, chosen: readonly number[]) => boolean): void => {
    const chosen: number[] = [];
    let stop = false;
    const walk = (start: number, h1: number, h2: number, weight: number): void => {
      if (stop) return;
      if (visit(h1, h2, weight, chosen)) {
        stop = true;
        return;
      }
      for (let i = start; i < to; i++) {
        const w = weights[small[i]!] ?? 0;
        if (weight + w >= limit) continue;
        chosen.push(i);
        walk(i + 1, (h1 + f1[i]!) % q1, (h2 + f2[i]!) % q2, weight + w);
        chosen.pop();
      }
    };
    walk(from, 0, 0, 0);
  };
  const lightest = new Map<number, { weight: number; chosen: number[] }>();
  subsets(0, half, (h1, h2, weight, chosen) => {
    if (chosen.length === 0) return false;
    const k = h1 * q2 + h2;
    const seen = lightest.get(k);
    if (!seen || seen.weight > weight) lightest.set(k, { weight, chosen: [...chosen] });
    return false;
  });
  let found: number[] | undefined;
  subsets(half, small.length, (h1, h2, weight, chosen) => {
    const candidates: number[][] = [];
    if (chosen.length > 0 && h1 === 0 && h2 === 0) candidates.push([...chosen]);
    const match = lightest.get(((q1 - h1) % q1) * q2 + ((q2 - h2) % q2));
    if (match && match.weight + weight < limit) candidates.push([...match.chosen, ...chosen]);
    for (const c of candidates) {
      const atoms = c.map((i) => small[i]!);
      if (isZeroSum(atoms)) {
        found = atoms;
        return true;
      }
    }
    return false;
  });
  return found;
}

const P1 = 67108859n;
const P2 = 67108837n;

// ───────────────────────── reading what was published ─────────────────────────

function answered(value: AnswerValue | undefined): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** Every set of 1 … limit − 1 people whose size or answers the published views give away (at most one per check). */
export function findLeaks(questionnaire: Questionnaire, responses: readonly Answers[], published: PublishedViews): Leak[] {
  const { threshold, textThreshold } = published.whole;
  const b = questionnaire.breakdowns;
  if (!b) throw new Error(`${questionnaire.title} has no breakdowns to attack.`);
  const breakdownQuestions = new Set([b.role, b.team, b.lengthOfService]);
  const teamQuestion = questionnaire.sections.flatMap((s) => s.questions).find((q) => q.id === b.team);
  const serviceOf = new Map(teamQuestion && teamQuestion.kind === 'single' ? teamQuestion.options.map((o) => [o.id, o.group ?? 'other']) : []);

  // Atoms: respondents with the same role, team and length of service.
  const signature = (r: Answers) => [b.role, b.team, b.lengthOfService].map((q) => String(r[q] ?? '-')).join('/');
  const atomIds: string[] = [];
  const atomIndex = new Map<string, number>();
  const atomOf = responses.map((r) => {
    const s = signature(r);
    if (!atomIndex.has(s)) {
      atomIndex.set(s, atomIds.length);
      atomIds.push(s);
    }
    return atomIndex.get(s)!;
  });
  const example = new Map<number, Answers>();
  responses.forEach((r, i) => example.set(atomOf[i]!, r));
  const atoms = [...example.entries()].sort((x, y) => x[0] - y[0]).map(([, r]) => r);
  const where = (test: (r: Answers) => boolean): number[] => atoms.map((r, a) => (test(r) ? a : -1)).filter((a) => a >= 0);
  const inGroup =
    (by: BreakdownBy, id: string) =>
    (r: Answers): boolean => {
      switch (by) {
        case 'role':
          return r[b.role] === id;
        case 'team':
          return r[b.team] === id;
        case 'service':
          return r[b.team] !== undefined && serviceOf.get(String(r[b.team])) === id;
        case 'length-of-service':
          return r[b.lengthOfService] === id;
      }
    };

  const leaks: Leak[] = [];
  const check = (what: string, weights: number[], rows: number[][], limit: number): void => {
    const set = derivableSmallSet(weights, rows, limit);
    if (set) leaks.push({ what, weight: set.reduce((n, a) => n + (weights[a] ?? 0), 0), atoms: set.map((a) => atomIds[a]!) });
  };
  const count = (test: (r: Answers) => boolean): number[] => {
    const w = new Array<number>(atoms.length).fill(0);
    responses.forEach((r, i) => {
      if (test(r)) w[atomOf[i]!]! += 1;
    });
    return w;
  };
  if (published.whole.suppressed) return leaks;

  // Sizes: the whole cycle, every shown group, and every About you count (whole cycle and in groups).
  const sizeRows: number[][] = [atoms.map((_, a) => a)];
  for (const q of published.whole.questions) {
    if (!breakdownQuestions.has(q.id) || q.suppressed) continue;
    for (const o of q.options) sizeRows.push(where((r) => r[q.id] === o.id));
  }
  for (const view of published.views) {
    for (const g of view.groups) {
      if (g.respondents === null) continue;
      const members = inGroup(view.by, g.id);
      sizeRows.push(where(members));
      for (const cell of g.questions) {
        if (!breakdownQuestions.has(cell.id) || cell.suppressed || cell.n === null) continue;
        for (const o of cell.options) sizeRows.push(where((r) => members(r) && r[cell.id] === o.id));
      }
    }
  }
  check(
    'sizes',
    count(() => true),
    sizeRows,
    threshold,
  );

  // Answers, question by question, weighted by those who answered it.
  for (const [qi, q] of published.whole.questions.entries()) {
    if (breakdownQuestions.has(q.id) || q.suppressed || q.n === null) continue;
    const rows: number[][] = [atoms.map((_, a) => a)];
    for (const view of published.views) {
      for (const g of view.groups) {
        const cell = g.questions[qi];
        if (g.respondents === null || !cell || cell.suppressed || cell.n === null) continue;
        rows.push(where(inGroup(view.by, g.id)));
      }
    }
    check(
      q.id,
      count((r) => answered(r[q.id])),
      rows,
      q.kind === 'text' ? textThreshold : threshold,
    );
  }
  return leaks;
}
