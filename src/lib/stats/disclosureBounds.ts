/**
 * What a reader can work out about withheld counts from what is published
 * beside them: each count's smallest and largest possible value, given the
 * sums the counts are known to make (reached = went on + left + still open,
 * a column's rows = its total published elsewhere) and what each withheld
 * count's label says ("<5": 1 to 4; "suppressed": 0 or 5 and over).
 */

/** A total and the counts that add up to it (indexes into a list of counts). */
export interface CountSum {
  total: number;
  parts: readonly number[];
}

/**
 * What a reader knows of one count: its value; that it is 1-4 ("<5"); that it
 * is 0 or 5 and over (a count withheld as "suppressed"); or nothing (a count
 * never published, or withheld with no label, e.g. behind a withheld rate).
 */
export type Known = { value: number } | 'small' | 'notSmall' | 'unknown';

/** The values a count can take as far as a reader can tell (hi may be Infinity). */
export interface Range {
  lo: number;
  hi: number;
}

/** SUPPRESSION_THRESHOLD (disclosure.ts imports this file, so it is not imported back). */
const SMALL_MAX = 4;
/** Sums whose withheld parts add up to at most this are also worked out value by value (see exactPass). */
const EXACT_LIMIT = 60;
const EXACT_TERMS = 16;
// Bounds tighten by at least 1 each round they change; chains longer than this are not followed further.
const MAX_ROUNDS = 60;

/** Thrown when the ranges cannot all hold (only ever while trying out values). */
class Conflict extends Error {}

/** Narrows a count's range; a count known not to be 1-4 jumps over them. Returns whether it changed. */
function narrow(r: Range, notSmall: boolean, lo: number, hi: number): boolean {
  let newLo = Math.max(r.lo, lo);
  let newHi = Math.min(r.hi, hi);
  if (notSmall && newHi <= SMALL_MAX) newHi = Math.min(newHi, 0);
  if (notSmall && newLo >= 1) newLo = Math.max(newLo, SMALL_MAX + 1);
  if (newLo > newHi) throw new Conflict();
  if (newLo === r.lo && newHi === r.hi) return false;
  r.lo = newLo;
  r.hi = newHi;
  return true;
}

/** One pass of a sum over its terms: each term lies between the total less the others' largest and smallest. */
function tighten(ranges: Range[], notSmall: readonly boolean[], { total, parts }: CountSum): boolean {
  const t = ranges[total];
  let loSum = parts.reduce((a, i) => a + ranges[i].lo, 0);
  const unbounded = parts.filter((i) => ranges[i].hi === Infinity).length;
  const hiFinite = parts.reduce((a, i) => a + (ranges[i].hi === Infinity ? 0 : ranges[i].hi), 0);
  let changed = narrow(t, notSmall[total], loSum, unbounded ? Infinity : hiFinite);
  for (const p of parts) {
    const before = ranges[p].lo;
    const othersHi = unbounded - (ranges[p].hi === Infinity ? 1 : 0) > 0 ? Infinity : hiFinite - (ranges[p].hi === Infinity ? 0 : ranges[p].hi);
    // Upper ends only fall while this sum is gone through, so the others' stale sum still bounds them.
    changed = narrow(ranges[p], notSmall[p], t.lo - othersHi, t.hi - (loSum - before)) || changed;
    loSum += ranges[p].lo - before;
  }
  return changed;
}

/** The values a count can take within its range (a "suppressed" one skips 1-4). */
function valuesIn(r: Range, notSmall: boolean): number[] {
  const out: number[] = [];
  for (let v = r.lo; v <= r.hi; v++) if (!notSmall || v === 0 || v > SMALL_MAX) out.push(v);
  return out;
}

/** Every total the given terms can make, up to `max` (a subset-sum table). */
function reachable(terms: readonly number[][], max: number, from?: readonly boolean[]): boolean[] {
  let can = from ? [...from] : Array.from({ length: max + 1 }, (_, v) => v === 0);
  for (const values of terms) {
    const next = new Array<boolean>(max + 1).fill(false);
    can.forEach((ok, s) => { if (ok) for (const v of values) if (s + v <= max) next[s + v] = true; });
    can = next;
  }
  return can;
}

/**
 * A sum with a small remainder worked out value by value: bounds alone miss
 * that a "<5" and a "suppressed" adding up to 6 can only be 1 and 5, because
 * "suppressed" skips 1-4. Each withheld term keeps only values the others can
 * complete; its range becomes their smallest and largest.
 */
function exactPass(ranges: Range[], notSmall: readonly boolean[], { total, parts }: CountSum): boolean {
  const open = parts.filter((i) => ranges[i].lo !== ranges[i].hi);
  const known = parts.reduce((a, i) => a + (ranges[i].lo === ranges[i].hi ? ranges[i].lo : 0), 0);
  const t = ranges[total];
  const max = t.hi - known;
  if (!Number.isFinite(max) || max > EXACT_LIMIT || max < 0 || open.length > EXACT_TERMS) return false;
  const values = open.map((i) => valuesIn({ lo: ranges[i].lo, hi: Math.min(ranges[i].hi, max) }, notSmall[i]));
  const totals = valuesIn(t, notSmall[total]).map((v) => v - known).filter((v) => v >= 0);
  // What the terms before k, and after k, can make: the others of term k are the two together.
  const before = [reachable([], max)];
  values.forEach((v, k) => before.push(reachable([v], max, before[k])));
  const after = [reachable([], max)];
  for (let k = values.length - 1; k >= 0; k--) after.unshift(reachable([values[k]], max, after[0]));
  let changed = false;
  open.forEach((i, k) => {
    const others = combine(before[k], after[k + 1], max);
    const ok = values[k].filter((v) => totals.some((r) => r - v >= 0 && others[r - v]));
    if (!ok.length) throw new Conflict();
    changed = narrow(ranges[i], notSmall[i], ok[0], ok[ok.length - 1]) || changed;
  });
  const okTotals = totals.filter((r) => before[values.length][r]);
  if (!okTotals.length) throw new Conflict();
  return narrow(t, notSmall[total], okTotals[0] + known, okTotals[okTotals.length - 1] + known) || changed;
}

/** Every sum of one total from each of two tables, up to max. */
function combine(a: readonly boolean[], b: readonly boolean[], max: number): boolean[] {
  const out = new Array<boolean>(max + 1).fill(false);
  a.forEach((x, i) => { if (x) for (let j = 0; i + j <= max; j++) if (b[j]) out[i + j] = true; });
  return out;
}

/** Follows the sums until nothing changes (throws Conflict when they cannot all hold). */
function propagate(ranges: Range[], notSmall: readonly boolean[], sums: readonly CountSum[]): void {
  for (let round = 0, changed = true; changed && round < MAX_ROUNDS; round++) {
    changed = false;
    for (const s of sums) changed = tighten(ranges, notSmall, s) || changed;
    if (!changed) for (const s of sums) changed = exactPass(ranges, notSmall, s) || changed;
  }
}

function startingRanges(known: readonly Known[]) {
  const ranges = known.map((k): Range => (typeof k === 'object' ? { lo: k.value, hi: k.value }
    : k === 'small' ? { lo: 1, hi: SMALL_MAX } : { lo: 0, hi: Infinity }));
  return { ranges, notSmall: known.map((k) => k === 'notSmall') };
}

/**
 * The narrowest range a reader can put on each count by following the sums
 * (each sum bounds each of its terms by the others, repeated until nothing
 * changes; sums with a small remainder value by value). A withheld count
 * whose range is one value has been given away.
 */
export function readerRanges(known: readonly Known[], sums: readonly CountSum[]): Range[] {
  const { ranges, notSmall } = startingRanges(known);
  try {
    propagate(ranges, notSmall, sums);
  } catch (e) {
    // Counts that really make their sums cannot conflict; what was narrowed so far still holds.
    if (!(e instanceof Conflict)) throw e;
  }
  return ranges;
}

class OutOfBudget extends Error {}

/** Values within the ranges that make every sum, if some can be found (ranges split in two until each count has one value). */
function solve(ranges: Range[], notSmall: readonly boolean[], sums: readonly CountSum[], terms: readonly number[], budget: { left: number }, near: readonly number[]): Range[] | null {
  if (--budget.left < 0) throw new OutOfBudget();
  try {
    propagate(ranges, notSmall, sums);
  } catch (e) {
    if (e instanceof Conflict) return null;
    throw e;
  }
  let j = -1;
  for (const k of terms) if (ranges[k].lo !== ranges[k].hi && (j < 0 || ranges[k].hi - ranges[k].lo < ranges[j].hi - ranges[j].lo)) j = k;
  // Every count has one value: it is a solution if every sum holds exactly (propagation may have stopped early).
  if (j < 0) return sums.every((x) => ranges[x.total].lo === x.parts.reduce((a, k) => a + ranges[k].lo, 0)) ? ranges : null;
  const { lo, hi } = ranges[j];
  // The true value first, then the halves either side: another solution is most often found near the truth.
  const v = Math.min(Math.max(near[j], lo), Number.isFinite(hi) ? hi : near[j]);
  for (const [a, b] of [[v, v], [lo, v - 1], [v + 1, hi]]) {
    if (a > b) continue;
    const copy = ranges.map((r) => ({ ...r }));
    copy[j] = { lo: a, hi: b };
    const found = solve(copy, notSmall, sums, terms, budget, near);
    if (found) return found;
  }
  return null;
}

/**
 * The counts among `secret` (index and true value) that a reader can pin to
 * their value: those the sums narrow to one value, and those for which a
 * search finds no other values making every sum. One other solution clears
 * every count it differs on. Each search has a budget of tries; a count whose
 * search runs out is counted as pinned, so none is called safe unchecked.
 */
export function pinnedCounts(
  known: readonly Known[], sums: readonly CountSum[], secret: ReadonlyMap<number, number>, truth: readonly number[], budget = 300,
): number[] {
  const { ranges, notSmall } = startingRanges(known);
  try {
    propagate(ranges, notSmall, sums);
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
  }
  const cleared = new Set<number>();
  const pinned: number[] = [];
  for (const [i, value] of secret) {
    if (cleared.has(i)) continue;
    if (ranges[i].lo === ranges[i].hi) {
      pinned.push(i);
      continue;
    }
    const search = { ranges, notSmall, sums, near: truth };
    const moved = swapWith(search, i);
    if (moved) {
      for (const j of moved) cleared.add(j);
      continue;
    }
    const found = otherSolution(search, i, value, budget);
    if (!found) pinned.push(i);
    else for (const [j, v] of secret) if (found[j].lo !== v) cleared.add(j);
  }
  return pinned;
}

/** Whether v is a value count k can take. */
function fits({ ranges, notSmall }: Search, k: number, v: number): boolean {
  return v >= ranges[k].lo && v <= ranges[k].hi && !(notSmall[k] && v >= 1 && v <= SMALL_MAX);
}

/** +1 for a sum's total, -1 for its parts, 0 for counts not in it. */
const sign = (s: CountSum, k: number) => (s.total === k ? 1 : s.parts.includes(k) ? -1 : 0);

/**
 * Keeps every sum holding after some counts change: each sum thrown out is
 * put right by one withheld count found in that sum alone (a difference that
 * is never published, say). The changes made, or null.
 */
function rebalance(search: Search, changes: Map<number, number>): Map<number, number> | null {
  for (const s of search.sums) {
    const off = [s.total, ...s.parts].reduce((a, k) => a + sign(s, k) * (changes.get(k) ?? 0), 0);
    if (off === 0) continue;
    const fixer = [s.total, ...s.parts].find((k) => !changes.has(k) && search.ranges[k].lo !== search.ranges[k].hi
      && search.sums.every((o) => o === s || sign(o, k) === 0) && fits(search, k, search.near[k] - sign(s, k) * off));
    if (fixer === undefined) return null;
    changes.set(fixer, -sign(s, fixer) * off);
  }
  return changes;
}

/**
 * A quick other solution: count i moved by a little and another withheld
 * count in one of its sums moved the other way (sums thrown out by either are
 * put right by rebalance). The counts moved, or null when none is found.
 */
function swapWith(search: Search, i: number): number[] | null {
  for (const s of search.sums) {
    if (sign(s, i) === 0) continue;
    for (const j of [s.total, ...s.parts]) {
      if (j === i || search.ranges[j].lo === search.ranges[j].hi) continue;
      for (const d of [1, -1, 2, -2, 3, -3]) {
        const dj = -sign(s, i) * sign(s, j) * d;
        if (!fits(search, i, search.near[i] + d) || !fits(search, j, search.near[j] + dj)) continue;
        const changes = rebalance(search, new Map([[i, d], [j, dj]]));
        if (changes && [...changes].every(([k, c]) => fits(search, k, search.near[k] + c))) return [...changes.keys()];
      }
    }
  }
  return null;
}

interface Search {
  ranges: readonly Range[];
  notSmall: readonly boolean[];
  sums: readonly CountSum[];
  near: readonly number[];
}

/**
 * A solution of the sums with count i anything but `value`, or null (none
 * found within the budget). Looked for first among the counts near i (those
 * sharing a sum with it, then those sharing a sum with them...), the rest
 * held at their true values, which keeps each search small.
 */
function otherSolution({ ranges, notSmall, sums, near }: Search, i: number, value: number, budget: number): Range[] | null {
  const left = { left: budget };
  let free = new Set([i]);
  try {
    for (let grown = true; grown;) {
      const around = sums.filter((s) => [s.total, ...s.parts].some((k) => free.has(k)));
      const wider = new Set([...free, ...around.flatMap((s) => [s.total, ...s.parts]).filter((k) => ranges[k].lo !== ranges[k].hi)]);
      grown = wider.size > free.size;
      free = wider;
      // Every sum a free count is in must hold, not only those it was reached through.
      const touching = sums.filter((s) => [s.total, ...s.parts].some((k) => free.has(k)));
      const start = ranges.map((r, k) => (free.has(k) ? { ...r } : { lo: near[k], hi: near[k] }));
      for (const [a, b] of [[ranges[i].lo, value - 1], [value + 1, ranges[i].hi]]) {
        if (a > b) continue;
        const copy = start.map((r) => ({ ...r }));
        copy[i] = { lo: a, hi: b };
        const found = solve(copy, notSmall, touching, [...free], left, near);
        if (found) return found;
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
  }
  return null;
}
