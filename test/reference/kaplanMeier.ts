/**
 * An independent Kaplan-Meier reference, written straight from the definition
 * and deliberately naive: for each distinct event time, count directly from the
 * raw observations who was still followed (time >= t) and who ended at t, and
 * multiply (1 - d/n). Greenwood's sum is built the same way. It imports nothing
 * from src/lib/stats: property tests compare the app's estimator with it.
 */
export interface RefObservation {
  time: number;
  ended: boolean;
}

/** Survival and Greenwood standard error just after `t` (1 and 0 before any event). */
export function referenceSurvival(obs: readonly RefObservation[], t: number): { survival: number; se: number; atRisk: number } {
  const eventTimes = [...new Set(obs.filter((o) => o.ended && o.time <= t).map((o) => o.time))].sort((a, b) => a - b);
  let s = 1;
  let sum = 0;
  for (const u of eventTimes) {
    const n = obs.filter((o) => o.time >= u).length;
    const d = obs.filter((o) => o.time === u && o.ended).length;
    s *= 1 - d / n;
    sum += n > d ? d / (n * (n - d)) : Number.POSITIVE_INFINITY;
  }
  const se = s === 0 || !Number.isFinite(sum) ? 0 : s * Math.sqrt(sum);
  return { survival: s, se, atRisk: obs.filter((o) => o.time >= t).length };
}
