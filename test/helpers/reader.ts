/**
 * A determined reader of a published table: given what is shown ("<5" is
 * 1-4, "suppressed" is 0 or 5 and over, "unknown" anything) and the sums the
 * counts are known to make, finds by exhaustive search every value each "<5"
 * can take. Independent of the app's own bounds reasoning, so it can catch it out.
 */

export type Seen = number | '<5' | 'suppressed' | 'unknown';
export interface Sum { total: number; parts: readonly number[] }

type Assignment = (number | undefined)[];

function allowed(seen: Seen, v: number, cap: number): boolean {
  if (v < 0 || v > cap || !Number.isInteger(v)) return false;
  if (typeof seen === 'number') return v === seen;
  if (seen === '<5') return v >= 1 && v <= 4;
  if (seen === 'suppressed') return v === 0 || v >= 5;
  return true;
}

const lo = (seen: Seen) => (typeof seen === 'number' ? seen : seen === '<5' ? 1 : 0);
const hi = (seen: Seen, cap: number) => (typeof seen === 'number' ? seen : seen === '<5' ? 4 : cap);

/** Fills in what the sums force; false when they cannot all hold. */
function propagate(seen: readonly Seen[], sums: readonly Sum[], x: Assignment, cap: number): boolean {
  for (let changed = true; changed;) {
    changed = false;
    for (const { total, parts } of sums) {
      const terms = [total, ...parts];
      const open = terms.filter((i) => x[i] === undefined);
      const partsMin = parts.reduce((a, i) => a + (x[i] ?? lo(seen[i])), 0);
      const partsMax = parts.reduce((a, i) => a + (x[i] ?? hi(seen[i], cap)), 0);
      const tLo = x[total] ?? lo(seen[total]);
      const tHi = x[total] ?? hi(seen[total], cap);
      if (partsMin > tHi || partsMax < tLo) return false;
      if (open.length === 0) continue;
      if (open.length === 1) {
        const i = open[0];
        const known = parts.reduce((a, j) => a + (j === i ? 0 : x[j]!), 0);
        const v = i === total ? known : x[total]! - known;
        if (!allowed(seen[i], v, cap)) return false;
        x[i] = v;
        changed = true;
      }
    }
  }
  return true;
}

function domain(seen: Seen, cap: number): number[] {
  const out: number[] = [];
  for (let v = lo(seen); v <= hi(seen, cap); v++) if (allowed(seen, v, cap)) out.push(v);
  return out;
}

function feasible(seen: readonly Seen[], sums: readonly Sum[], x: Assignment, cap: number): boolean {
  if (!propagate(seen, sums, x, cap)) return false;
  const inSums = new Set(sums.flatMap((s) => [s.total, ...s.parts]));
  const free = [...inSums].filter((i) => x[i] === undefined);
  if (!free.length) return true;
  free.sort((a, b) => domain(seen[a], cap).length - domain(seen[b], cap).length);
  const i = free[0];
  return domain(seen[i], cap).some((v) => {
    const y = [...x];
    y[i] = v;
    return feasible(seen, sums, y, cap);
  });
}

/** Every value cell i can take as far as the reader can tell; `cap` bounds every count (e.g. the largest total). */
export function possibleValues(seen: readonly Seen[], sums: readonly Sum[], cap: number, i: number): number[] {
  const start: Assignment = seen.map((v) => (typeof v === 'number' ? v : undefined));
  return domain(seen[i], cap).filter((v) => {
    const x = [...start];
    x[i] = v;
    return feasible(seen, sums, x, cap);
  });
}

/**
 * How a reader takes "suppressed": 'literal' as the rule says (0 or 5 and
 * over), 'wary' as any count (it may be a relabelled count of 1-4).
 */
export type Reading = 'literal' | 'wary';

/**
 * The cells among `sensitive` (true values given) that a reader can pin to
 * their value. A wary reader must also never rule out the truth (that would
 * be a bug in the published figures); a literal reader may be misled by a
 * relabelled "suppressed", which gives nothing away.
 */
export function givenAway(
  seen: readonly Seen[], sums: readonly Sum[], cap: number, sensitive: ReadonlyMap<number, number>, reading: Reading = 'wary',
): number[] {
  const taken = seen.map((x) => (reading === 'wary' && x === 'suppressed' ? 'unknown' : x));
  return [...sensitive].filter(([i, truth]) => {
    if (typeof taken[i] === 'number') return true;
    const vs = possibleValues(taken, sums, cap, i);
    return reading === 'literal' ? vs.length === 1 && vs[0] === truth : vs.length <= 1 || !vs.includes(truth);
  }).map(([i]) => i);
}
