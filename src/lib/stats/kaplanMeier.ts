/**
 * Kaplan-Meier estimate of the share still "surviving" (e.g. still an approved
 * foster carer) by time since a start (e.g. approval), with right-censoring
 * (households still approved when the data ends), Greenwood's variance and a
 * 95% interval on the log(-log) scale, which always lies inside [0, 1].
 *
 * Matches R's `survival::survfit(Surv(time, status) ~ 1, conf.type = "log-log")`:
 * censorings at the same time as events are taken to come after them (still at
 * risk at that time).
 */
import { Z_95 } from './zValues';

/** One time with its number of events (endings) and censorings. */
export interface SurvivalCount {
  time: number;
  events: number;
  censored: number;
}

/** The estimate just after one event time. */
export interface SurvivalStep {
  time: number;
  /** Still followed just before `time` (time >= this time). */
  atRisk: number;
  events: number;
  censored: number;
  /** Estimated share surviving past `time`. */
  survival: number;
  /** Greenwood standard error of `survival` (0 once it reaches 0). */
  se: number;
  /** 95% log(-log) interval; null where undefined (survival 1 before any event, or 0). */
  low: number | null;
  high: number | null;
}

export interface SurvivalCurve {
  /** Everyone followed. */
  n: number;
  /** One step per distinct event time, ascending. */
  steps: SurvivalStep[];
  /** Every distinct time (events or censorings) with how many left follow-up then, ascending. */
  exits: { time: number; count: number }[];
}

/** The estimate at a time: survival, its interval and the number still followed then. */
export interface SurvivalAt {
  time: number;
  survival: number;
  se: number;
  low: number | null;
  high: number | null;
  /** Followed for at least `time` (still at risk at that time). */
  atRisk: number;
}

/** Kaplan-Meier from per-time counts (e.g. an SQL GROUP BY); times need not be sorted or distinct. */
export function kaplanMeierCounts(counts: readonly SurvivalCount[], z: number = Z_95): SurvivalCurve {
  const byTime = new Map<number, { events: number; censored: number }>();
  for (const c of counts) {
    if (!Number.isFinite(c.time) || c.time < 0) throw new RangeError(`time must be a number >= 0: ${c.time}`);
    if (!Number.isInteger(c.events) || !Number.isInteger(c.censored) || c.events < 0 || c.censored < 0) {
      throw new RangeError(`events and censored must be whole numbers >= 0 (time ${c.time})`);
    }
    const cur = byTime.get(c.time) ?? { events: 0, censored: 0 };
    cur.events += c.events;
    cur.censored += c.censored;
    byTime.set(c.time, cur);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const exits = times.map((time) => ({ time, count: byTime.get(time)!.events + byTime.get(time)!.censored })).filter((e) => e.count > 0);
  const n = exits.reduce((a, e) => a + e.count, 0);
  const steps: SurvivalStep[] = [];
  let atRisk = n;
  let survival = 1;
  let greenwood = 0; // sum of d / (n (n - d))
  for (const time of times) {
    const { events, censored } = byTime.get(time)!;
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood = atRisk > events ? greenwood + events / (atRisk * (atRisk - events)) : Infinity;
      steps.push({ time, atRisk, events, censored, survival, ...interval(survival, greenwood, z) });
    }
    atRisk -= events + censored;
  }
  return { n, steps, exits };
}

/** Kaplan-Meier from individual follow-up times and whether each ended in the event. */
export function kaplanMeier(times: readonly number[], ended: readonly boolean[], z: number = Z_95): SurvivalCurve {
  if (times.length !== ended.length) throw new RangeError('times and ended must have the same length');
  return kaplanMeierCounts(times.map((time, i) => ({ time, events: ended[i] ? 1 : 0, censored: ended[i] ? 0 : 1 })), z);
}

function interval(survival: number, greenwood: number, z: number): Pick<SurvivalStep, 'se' | 'low' | 'high'> {
  if (survival <= 0 || !Number.isFinite(greenwood)) return { se: 0, low: null, high: null };
  const se = survival * Math.sqrt(greenwood);
  if (survival >= 1) return { se, low: null, high: null };
  // Delta method on log(-log S): se = sqrt(greenwood) / |log S|.
  const w = (z * Math.sqrt(greenwood)) / Math.abs(Math.log(survival));
  return { se, low: survival ** Math.exp(w), high: survival ** Math.exp(-w) };
}

/**
 * The estimate at `time`: the last step at or before it (1 before the first
 * event), and the number still followed at that time. Null when nobody was
 * followed that long (the curve is unknown there).
 */
export function survivalAt(curve: SurvivalCurve, time: number): SurvivalAt | null {
  let gone = 0;
  for (const e of curve.exits) {
    if (e.time >= time) break;
    gone += e.count;
  }
  const atRisk = curve.n - gone;
  if (atRisk <= 0) return null;
  let step: SurvivalStep | undefined;
  for (const s of curve.steps) {
    if (s.time > time) break;
    step = s;
  }
  if (!step) return { time, survival: 1, se: 0, low: null, high: null, atRisk };
  return { time, survival: step.survival, se: step.se, low: step.low, high: step.high, atRisk };
}

/** The median survival time: the first event time at which the estimate falls to 0.5 or below; null if it never does. */
export function medianSurvival(curve: SurvivalCurve): number | null {
  return curve.steps.find((s) => s.survival <= 0.5 + 1e-12)?.time ?? null;
}

/**
 * The part of a curve resting on at least `minAtRisk` people: its steps while
 * that many were still followed, and the time the number followed fell below
 * it (the last follow-up time when it never does). 0 when it starts below.
 */
export function curveWhileFollowed(curve: SurvivalCurve, minAtRisk: number): { steps: SurvivalStep[]; until: number } {
  if (curve.n < minAtRisk) return { steps: [], until: 0 };
  let followed = curve.n;
  let until = curve.exits.length ? curve.exits[curve.exits.length - 1].time : 0;
  for (const e of curve.exits) {
    followed -= e.count;
    if (followed < minAtRisk) {
      until = e.time;
      break;
    }
  }
  // A step at `until` was taken with enough still followed (they leave with it): it is kept.
  return { steps: curve.steps.filter((st) => st.time <= until && st.atRisk >= minAtRisk), until };
}
