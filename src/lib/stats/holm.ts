/**
 * Holm's step-down adjustment for many comparisons (Holm 1979), as R's
 * `p.adjust(p, method = "holm")`: the k-th smallest of m p-values is multiplied
 * by (m - k + 1), made non-decreasing in that order and capped at 1. Rejecting
 * where the adjusted p < alpha keeps the chance of any false alarm in the family
 * below alpha, whatever the dependence between the tests.
 *
 * Nulls (comparisons that could not be made) are left out of the family and
 * come back as null.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null);
  for (const { p } of order) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be between 0 and 1: ${p}`);
  }
  order.sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
