/**
 * The linked-tables audit: can anyone who puts every published figure side by side work out
 * the answers of fewer than the threshold of people? (ADR 0015.)
 *
 * Respondents are split into atoms by which published groups they belong to (their role,
 * team, service and length of service together). Every published figure is a sum over the
 * atoms of its group, so a reader can pin down the answers of a set S of atoms exactly when
 * S's indicator is a linear combination of the published groups' indicators: it lies in the
 * row space of the group × atom incidence matrix M.
 *
 * A set to worry about weighs 1 … limit − 1 people, so it holds only small atoms (L). Put the
 * large atoms (B) first and bring M to reduced row echelon form: the rows whose pivot is in L
 * span exactly the row-space vectors that vanish on B. When there are none (the usual case)
 * nothing small can be worked out. Otherwise any 0/1 vector of that space is the sum of the
 * rows whose pivots it contains, and its weight is at least those pivots' weight; so we try
 * every set of those rows whose pivot atoms weigh under the limit, and check whether their
 * sum is 0/1 (pruned: see `prune` and `walk`). A budget bounds the search; past it, the
 * family counts as unsafe and a group is hidden.
 *
 * Arithmetic is modulo two primes below 2²⁶ (so products stay exact in a double). A set that
 * can be worked out over the rationals can be worked out modulo p unless p divides a
 * determinant of M, which for both primes at once does not happen at these sizes; a set found
 * modulo p that is not there over the rationals only hides more. So "found under either" is
 * treated as found: the audit errs towards hiding.
 */

const PRIMES = [67108859, 67108837] as const;

/**
 * How much searching is allowed: nodes per search, and in all (one cycle's decision shares
 * one budget). Past either, a search reports `too-complex` and a group is hidden instead, so
 * a very large, sparse organisation costs some figures, never unbounded time.
 */
export interface SearchBudget {
  readonly perSearch: number;
  remaining: number;
}

export function searchBudget(perSearch = 200_000, total = 2_000_000): SearchBudget {
  return { perSearch, remaining: total };
}

export type Finding =
  | { readonly kind: 'safe' }
  /**
   * `rows`: the published groups (indices into the rows given) one working-out uses;
   * `decisive`: those of them every working-out of this set needs, so that hiding any one of
   * them stops it (a group is not decisive when the other groups add up to it).
   */
  | { readonly kind: 'derivable'; readonly atoms: readonly number[]; readonly weight: number; readonly rows: readonly number[]; readonly decisive: readonly number[] }
  /** The search ran past its budget; `atoms` are the small atoms it could not clear. */
  | { readonly kind: 'too-complex'; readonly atoms: readonly number[] };

function inverse(a: number, p: number): number {
  let [r0, r1] = [p, a];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % p) + p) % p;
}

interface Echelon {
  /** Reduced rows: `columns` entries, then (when tracked) one per input row: which were combined. */
  readonly rows: Float64Array[];
  /** Pivot column of each of the first `rank` rows. */
  readonly pivots: readonly number[];
}

/**
 * Gauss-Jordan elimination modulo p, columns in the order given; with `track`, each row also
 * records which input rows it combines.
 */
function echelon(incidence: readonly (readonly number[])[], columns: number, p: number, track: boolean): Echelon {
  const n = incidence.length;
  const width = track ? columns + n : columns;
  const rows = incidence.map((cols, i) => {
    const row = new Float64Array(width);
    for (const c of cols) row[c] = 1;
    if (track) row[columns + i] = 1;
    return row;
  });
  const pivots: number[] = [];
  for (let c = 0; c < columns && pivots.length < n; c++) {
    const rank = pivots.length;
    let found = -1;
    for (let i = rank; i < n; i++) {
      if (rows[i]![c] !== 0) {
        found = i;
        break;
      }
    }
    if (found < 0) continue;
    [rows[rank], rows[found]] = [rows[found]!, rows[rank]!];
    const pivot = rows[rank]!;
    const inv = inverse(pivot[c]!, p);
    if (inv !== 1) for (let k = c; k < width; k++) pivot[k] = (pivot[k]! * inv) % p;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      const f = row[c]!;
      if (i === rank || f === 0) continue;
      for (let k = c; k < width; k++) {
        const x = pivot[k]!;
        if (x === 0) continue;
        const v = (row[k]! - ((f * x) % p)) % p;
        row[k] = v < 0 ? v + p : v;
      }
    }
    pivots.push(c);
  }
  return { rows, pivots };
}

interface Columns {
  /** Atom of each column: large atoms first, then small ones. */
  readonly atomOf: readonly number[];
  readonly columnOf: ReadonlyMap<number, number>;
  /** Columns before this one are large atoms. */
  readonly firstSmall: number;
}

/** Atoms with anyone in them (an empty atom tells nothing), large first. */
function columnsFor(weights: ArrayLike<number>, limit: number): Columns {
  const large: number[] = [];
  const small: number[] = [];
  for (let a = 0; a < weights.length; a++) {
    const w = weights[a]!;
    if (w >= limit) large.push(a);
    else if (w > 0) small.push(a);
  }
  const atomOf = [...large, ...small];
  return { atomOf, columnOf: new Map(atomOf.map((a, c) => [a, c])), firstSmall: large.length };
}

function incidenceOf(rows: readonly (readonly number[])[], columns: Columns): number[][] {
  return rows.map((atoms) => {
    const cols: number[] = [];
    for (const a of atoms) {
      const c = columns.columnOf.get(a);
      if (c !== undefined) cols.push(c);
    }
    return cols;
  });
}

/** A reduced row with a small pivot, on the small atoms only (sparse). */
interface Candidate {
  readonly row: Float64Array;
  readonly atom: number;
  readonly columns: Int32Array;
  readonly values: Float64Array;
  /** The least weight any 0/1 sum that includes this row can have (see `prune`). */
  minWeight: number;
}

/**
 * Rows no 0/1 sum under the limit can include are dropped, and the others get a lower bound on
 * what including them weighs. A column that only one remaining row touches takes that row's
 * value in any sum that includes the row: if the value is not 0 or 1, the row can never be in a
 * 0/1 sum; if it is 1, the column's atom is always in it. Dropping rows leaves more columns to
 * one row, so repeat until nothing changes. (Without this, councils with many teams, where most
 * atoms hold one or two people, leave millions of sets of rows to try.)
 */
function prune(candidates: Candidate[], weightOf: (column: number) => number, limit: number, width: number): Candidate[] {
  let active = candidates;
  for (;;) {
    const touching = new Int32Array(width);
    for (const c of active) for (const k of c.columns) touching[k]! += 1;
    const kept: Candidate[] = [];
    for (const c of active) {
      let min = 0;
      let possible = true;
      c.columns.forEach((k, j) => {
        if (touching[k] !== 1) return;
        if (c.values[j] !== 1) possible = false;
        else min += weightOf(k);
      });
      c.minWeight = min;
      if (possible && min < limit) kept.push(c);
    }
    if (kept.length === active.length) return kept;
    active = kept;
  }
}

function searchModulo(weights: ArrayLike<number>, rows: readonly (readonly number[])[], limit: number, allowance: SearchBudget, p: number): Finding {
  const budget = Math.min(allowance.perSearch, allowance.remaining);
  const columns = columnsFor(weights, limit);
  const width = columns.atomOf.length;
  if (columns.firstSmall === width) return { kind: 'safe' };
  const { rows: reduced, pivots } = echelon(incidenceOf(rows, columns), width, p, true);
  const start = columns.firstSmall;
  const small = width - start;
  const weightOf = (k: number) => weights[columns.atomOf[start + k]!]!;
  // Rows whose pivot is a small atom: they span the vectors that vanish on every large atom.
  const all: Candidate[] = [];
  pivots.forEach((c, i) => {
    if (c < start) return;
    const row = reduced[i]!;
    const cols: number[] = [];
    const vals: number[] = [];
    for (let k = 0; k < small; k++) {
      const x = row[start + k]!;
      if (x !== 0) {
        cols.push(k);
        vals.push(x);
      }
    }
    all.push({ row, atom: columns.atomOf[c]!, columns: Int32Array.from(cols), values: Float64Array.from(vals), minWeight: 0 });
  });
  const candidates = prune(all, weightOf, limit, small);
  if (candidates.length === 0) return { kind: 'safe' };
  candidates.sort((a, b) => a.minWeight - b.minWeight);

  // The sum of the chosen rows on the small atoms, with how many of its entries are neither 0
  // nor 1 and what the entries of 1 weigh, kept as rows come and go.
  const sum = new Float64Array(small);
  let bad = 0;
  let weight = 0;
  const classify = (k: number, sign: 1 | -1): void => {
    const x = sum[k]!;
    if (x === 1) weight += sign * weightOf(k);
    else if (x !== 0) bad += sign;
  };
  const add = (c: Candidate, sign: 1 | -1): void => {
    for (let j = 0; j < c.columns.length; j++) {
      const k = c.columns[j]!;
      classify(k, -1);
      const v = (sum[k]! + sign * c.values[j]!) % p;
      sum[k] = v < 0 ? v + p : v;
      classify(k, 1);
    }
  };
  const chosen: Candidate[] = [];
  let nodes = 0;
  let result: Finding | undefined;
  const found = (): Finding => {
    const atoms: number[] = [];
    for (let k = 0; k < small; k++) if (sum[k] === 1) atoms.push(columns.atomOf[start + k]!);
    // Which published groups the working-out adds or takes away (its combination's support).
    const combination = new Float64Array(rows.length);
    for (const c of chosen) for (let r = 0; r < rows.length; r++) combination[r] = (combination[r]! + c.row[width + r]!) % p;
    const used: number[] = [];
    for (let r = 0; r < rows.length; r++) if (combination[r] !== 0) used.push(r);
    // Other working-outs differ by a dependency among the groups: the rows that reduced to
    // nothing record them. A group in none of them is in every working-out.
    const dependent = new Set<number>();
    for (let i = pivots.length; i < reduced.length; i++) for (let r = 0; r < rows.length; r++) if (reduced[i]![width + r] !== 0) dependent.add(r);
    return { kind: 'derivable', atoms, weight, rows: used, decisive: used.filter((r) => !dependent.has(r)) };
  };
  // Once the rows up to some index are decided, a column no later row touches has its final
  // value: if that is not 0 or 1, no choice of later rows can mend it.
  const lastTouch = new Int32Array(small).fill(-1);
  candidates.forEach((c, i) => {
    for (const k of c.columns) lastTouch[k] = i;
  });
  const finalAt: number[][] = candidates.map(() => []);
  lastTouch.forEach((i, k) => {
    if (i >= 0) finalAt[i]!.push(k);
  });
  const settled = (i: number): boolean => finalAt[i]!.every((k) => sum[k] === 0 || sum[k] === 1);
  const walk = (from: number, least: number): void => {
    for (let i = from; i < candidates.length && result === undefined; i++) {
      // Rows from..i−1 are left out from here on, so their last columns are final.
      if (i > from && !settled(i - 1)) return;
      const c = candidates[i]!;
      // Sorted by least weight: every later row weighs at least as much.
      if (least + c.minWeight >= limit) return;
      if (++nodes > budget) {
        result = { kind: 'too-complex', atoms: candidates.map((x) => x.atom) };
        return;
      }
      add(c, 1);
      chosen.push(c);
      if (settled(i)) {
        if (bad === 0 && weight > 0 && weight < limit) result = found();
        else walk(i + 1, least + c.minWeight);
      }
      chosen.pop();
      add(c, -1);
    }
  };
  walk(0, 0);
  allowance.remaining = Math.max(0, allowance.remaining - nodes);
  return result ?? { kind: 'safe' };
}

/**
 * A set of 1 … limit − 1 people (by `weights`, per atom) that the published `rows` (each a
 * list of atoms) let a reader work out, or `safe`. Atoms weighing 0 are left out, as if the
 * reader knew they were empty.
 */
export function findDerivableSmallSet(
  weights: ArrayLike<number>,
  rows: readonly (readonly number[])[],
  limit: number,
  budget: SearchBudget = searchBudget(),
  primes: readonly number[] = PRIMES,
): Finding {
  let last: Finding = { kind: 'safe' };
  for (const p of primes) {
    last = searchModulo(weights, rows, limit, budget, p);
    if (last.kind !== 'safe') return last;
  }
  return last;
}

/** A published group, for the audit. */
export interface LinkedGroup {
  readonly key: string;
  readonly atoms: readonly number[];
  /** People in it (by the audit's weights); the smallest goes first when one must be hidden. */
  readonly size: number;
  /** Never hidden (the whole cycle: it is published anyway). */
  readonly keep?: boolean;
}

/**
 * Hides published groups, one at a time, until no set of 1 … limit − 1 people can be worked
 * out from the rest. Which one: the smallest group that every working-out of the set found
 * needs (else the smallest it uses), because hiding it stops that working-out and a small
 * group is the one that costs least to hide. Returns the keys hidden, in order.
 */
export function hideUntilSafe(weights: ArrayLike<number>, groups: readonly LinkedGroup[], limit: number, budget: SearchBudget = searchBudget()): string[] {
  const hidden: string[] = [];
  const gone = new Set<string>();
  const bySize = (a: LinkedGroup, b: LinkedGroup) => a.size - b.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  for (;;) {
    const shown = groups.filter((g) => !gone.has(g.key));
    const atoms = shown.map((g) => g.atoms);
    // One prime while hiding (each round only decides what to hide next); both to finish.
    let finding = findDerivableSmallSet(weights, atoms, limit, budget, [PRIMES[0]]);
    if (finding.kind === 'safe') finding = findDerivableSmallSet(weights, atoms, limit, budget, [PRIMES[1]]);
    if (finding.kind === 'safe') return hidden;
    let choice: LinkedGroup | undefined;
    if (finding.kind === 'derivable') {
      const hideable = (indices: readonly number[]) =>
        indices
          .map((r) => shown[r]!)
          .filter((g) => !g.keep)
          .sort(bySize);
      choice = hideable(finding.decisive)[0] ?? hideable(finding.rows)[0];
    } else {
      const small = new Set(finding.atoms);
      choice = shown.filter((g) => !g.keep && g.atoms.some((a) => small.has(a))).sort(bySize)[0];
    }
    if (!choice) {
      // Only the groups kept are left and they still give someone away: cannot happen while the
      // whole cycle is shown only from the threshold up, but if it did, hide all the rest.
      for (const g of shown) if (!g.keep) hidden.push(g.key);
      return hidden;
    }
    gone.add(choice.key);
    hidden.push(choice.key);
  }
}
