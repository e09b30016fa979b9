/**
 * Aalen-Johansen estimate of the cumulative incidence of approval when people can
 * also leave the process (a competing event) or still be in it (right-censored).
 *
 * Why not 1 - Kaplan-Meier: treating "left" as censoring pretends leavers could still
 * be approved later, which overstates approval. Why not approved / everyone: people
 * still in the process would count as never approved, which understates it.
 */

export type Outcome = 'approved' | 'left' | 'censored';

export interface Observation {
  /** Days from the start (e.g. enquiry or application) to the outcome or to last seen; >= 0. */
  time: number;
  /** 'approved' = event of interest, 'left' = competing event, 'censored' = still open. */
  event: Outcome;
}

export interface IncidencePoint {
  time: number;
  /** People still in the process just before `time`. */
  atRisk: number;
  /** Approvals at `time` (0 where only competing events happened). */
  events: number;
  /** Competing events ('left') at `time`. */
  competingEvents: number;
  /** Estimated share approved by `time`. */
  cumulativeIncidence: number;
  /** Estimated share who left by `time`. */
  competingIncidence: number;
  /** Estimated share with neither outcome by `time` (Kaplan-Meier, both events as ends). */
  survival: number;
}

/**
 * The cumulative incidence curves, as a right-continuous step function: one point at
 * each distinct time at which an approval or a leaving happened, ascending. Between
 * points the values hold. Censorings at the same time as events are taken to come
 * after them (still at risk), as Kaplan-Meier does.
 */
export function aalenJohansen(observations: readonly Observation[]): IncidencePoint[] {
  for (const { time, event } of observations) {
    if (!Number.isFinite(time) || time < 0) throw new RangeError(`time must be finite and >= 0: ${time}`);
    if (event !== 'approved' && event !== 'left' && event !== 'censored') {
      throw new RangeError(`unknown event: ${String(event)}`);
    }
  }
  // Tally per distinct time, then run the estimator on the tallies.
  const byTime = new Map<number, TimeCounts>();
  for (const { time, event } of observations) {
    const c = byTime.get(time) ?? { time, approved: 0, left: 0, censored: 0 };
    c[event]++;
    byTime.set(time, c);
  }
  return aalenJohansenCounts([...byTime.values()]);
}

/** How many were approved, left or censored at one time (days). */
export interface TimeCounts {
  time: number;
  approved: number;
  left: number;
  censored: number;
}

/**
 * The same estimator from counts per time, so a million enquiries can be
 * tallied in SQL and the curve computed from a few thousand rows.
 */
export function aalenJohansenCounts(counts: readonly TimeCounts[]): IncidencePoint[] {
  for (const c of counts) {
    if (!Number.isFinite(c.time) || c.time < 0) throw new RangeError(`time must be finite and >= 0: ${c.time}`);
    for (const n of [c.approved, c.left, c.censored]) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`counts must be whole numbers >= 0: ${n}`);
    }
  }
  const sorted = [...counts].sort((a, b) => a.time - b.time);
  const curve: IncidencePoint[] = [];
  let atRisk = sorted.reduce((a, c) => a + c.approved + c.left + c.censored, 0);
  let survival = 1;
  let cumulativeIncidence = 0;
  let competingIncidence = 0;

  for (let i = 0; i < sorted.length; ) {
    const time = sorted[i].time;
    let events = 0;
    let competingEvents = 0;
    let censored = 0;
    for (; i < sorted.length && sorted[i].time === time; i++) {
      events += sorted[i].approved;
      competingEvents += sorted[i].left;
      censored += sorted[i].censored;
    }
    if (events + competingEvents > 0) {
      // Each hazard applies to those still in just before `time`, weighted by S(t-).
      cumulativeIncidence += (survival * events) / atRisk;
      competingIncidence += (survival * competingEvents) / atRisk;
      survival *= 1 - (events + competingEvents) / atRisk;
      curve.push({ time, atRisk, events, competingEvents, cumulativeIncidence, competingIncidence, survival });
    }
    atRisk -= events + competingEvents + censored;
  }
  return curve;
}

export interface CurveState {
  cumulativeIncidence: number;
  competingIncidence: number;
  survival: number;
}

/** The estimates at time t: those of the last point at or before t (start values before the first). */
export function stateAt(curve: readonly IncidencePoint[], t: number): CurveState {
  // Binary search for the last point with time <= t.
  let lo = 0;
  let hi = curve.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return { cumulativeIncidence: 0, competingIncidence: 0, survival: 1 };
  const { cumulativeIncidence, competingIncidence, survival } = curve[lo - 1];
  return { cumulativeIncidence, competingIncidence, survival };
}

/** Estimated share approved by time t (e.g. "approved within 240 days"), read off the curve. */
export function incidenceAt(curve: readonly IncidencePoint[], t: number): number {
  return stateAt(curve, t).cumulativeIncidence;
}
