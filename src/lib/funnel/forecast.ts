/**
 * Expected approvals still to come, with an honest range in whole people.
 *
 * For each stage, the chance that someone who has reached it is eventually
 * approved is estimated from everyone who reached it, with those still open
 * counted for as long as they have been followed (Aalen-Johansen, approval
 * against leaving, open cases censored): using decided cases only would
 * understate it, since people who leave are decided sooner than people who are
 * approved. The chance is worked out again for people still at the stage after
 * waiting 14, 30, 60... days (a landmark analysis), so an enquiry idle for
 * months is not given the chance of a fresh one. Each chance becomes a Beta
 * posterior (Jeffreys prior, worth as many people as the estimate's precision
 * allows); the open enquiries sharing it give a Beta-Binomial count, and the
 * total is the exact sum of those counts.
 */

import type { MetricSpec } from '../coordinator/metric';
import type { Row } from '../engine/engine';
import { greaterSql, lesserSql, lit, litDate } from '../engine/sql';
import { aalenJohansenCounts, type TimeCounts } from '../stats/aalenJohansen';
import { betaBinomialSum, type BetaBinomialGroup } from '../stats/betaBinomial';
import { effectiveSize, incidenceWithVariance } from '../stats/incidenceVariance';
import { groupColumnSql, type ChannelKey } from './breakdowns';
import { BLANK, whereSql, type Filters } from './filters';
import { visibleStageDateColumn } from '../schema';
import { visibleStages, type FunnelSettings } from './settings';
import { MIN_EFFECTIVE_PEOPLE } from '../thresholds';

/** Days already waited at a stage from which the chance is estimated afresh. */
export const WAIT_LANDMARKS = [0, 14, 30, 60, 90, 180, 365, 730] as const;

/** The Jeffreys prior Beta(1/2, 1/2): no opinion about the chance before the data. */
const PRIOR = 0.5;

/** The chance of eventual approval for people still at a stage after a wait. */
export interface StageChance {
  stage: string;
  /** Index into the visible stages. */
  stageIndex: number;
  /** People counted had waited more than this many days at the stage without moving on (0: everyone who reached it). */
  waitedDays: number;
  /** Estimated share eventually approved (cumulative incidence at the end of follow-up). */
  chance: number;
  /** People in the estimate, and how many of them are approved or left. */
  people: number;
  decided: number;
  /** How many fully decided people the estimate is worth (see incidenceVariance). */
  effectivePeople: number;
  /** The Beta posterior of the chance. */
  alpha: number;
  beta: number;
}

/** Open enquiries at one stage that have waited at least WAIT_LANDMARKS[band] days there. */
export interface OpenCount {
  stageIndex: number;
  band: number;
  open: number;
}

/** Expected approvals from open enquiries: the expected number and a 95% range of whole people. */
export interface ApprovalForecast {
  value: number;
  low: number;
  high: number;
}

/**
 * SQL expressions, over day numbers d0, d1... of the visible stages, for the day
 * someone reached stage k and the day they reached the next stage with a date.
 * Reached without a date of its own (skipped, or known from a status): the
 * nearest earlier stage's date, or the enquiry date (e).
 */
function stageDays(k: number, stageCount: number) {
  const d = Array.from({ length: stageCount }, (_, i) => `d${i}`);
  return { entry: `coalesce(${[...d.slice(0, k + 1).reverse(), 'e'].join(', ')})`, next: `coalesce(${d.slice(k + 1).join(', ')})` };
}

/** SQL: a date as a day number (days since 1970), so the per-stage work is integer arithmetic. */
const dayNumber = (date: string) => `(${date} - DATE '1970-01-01')::INTEGER`;

/** SQL: how many landmarks (after 0) a number of days has passed; `strict` for "more than". */
const bandSql = (days: string, strict: boolean) =>
  WAIT_LANDMARKS.slice(1).map((l) => `(${days} ${strict ? '>' : '>='} ${l})::INTEGER`).join(' + ');

/**
 * SQL counting, for each stage but the last, everyone who reached it by days
 * from reaching it to approval, leaving or (open) the as-of date, and by how
 * long they stayed at the stage (the band of WAIT_LANDMARKS they outlasted).
 * Most enquiries get no further than the first stage: they count at that stage
 * alone, and are counted straight from `journeys`. Only the rest have their
 * dates turned into day numbers, once, and reused per stage (at a million
 * enquiries, 0.73-0.83 s in Node where expanding everyone took 1.0-1.4 s).
 */
export function stageTimeCountsSql(s: FunnelSettings, asOf: string): string {
  const stages = visibleStages(s);
  const asOfSql = litDate(asOf);
  const finalCol = visibleStageDateColumn(stages[stages.length - 1].id);
  // The end is never after the as-of date (see engine/sql.ts for why not least()).
  const end = `CASE outcome WHEN 'approved' THEN ${lesserSql(`coalesce(${finalCol}, last_stage_date)`, asOfSql)}
                      WHEN 'left' THEN ${lesserSql('coalesce(exit_date, last_stage_date, enquiry_date)', asOfSql)} ELSE ${asOfSql} END`;
  const days = stages.map((st, i) => `${dayNumber(visibleStageDateColumn(st.id))} AS d${i}`);
  const outcomes = `count(*) FILTER (WHERE outcome = 'approved')::INTEGER AS approved,
      count(*) FILTER (WHERE outcome = 'left')::INTEGER AS "left",
      count(*) FILTER (WHERE outcome = 'open')::INTEGER AS censored`;
  // At the first stage with no later one, the stay is the whole time to the end: counted by day, then banded.
  const firstOnly = `SELECT 0 AS stage, (${bandSql('day', true)})::INTEGER AS band, day, approved, "left", censored FROM (
      SELECT ${greaterSql('span', '0')}::INTEGER AS day, ${outcomes}
      FROM (SELECT outcome, (${end}) - coalesce(${visibleStageDateColumn(stages[0].id)}, enquiry_date) AS span FROM journeys WHERE furthest = 0) GROUP BY 1)`;
  const parts = stages.slice(0, -1).map((_, k) => {
    const { entry, next } = stageDays(k, stages.length);
    return `SELECT ${k} AS stage, outcome, t,
        CASE WHEN furthest > ${k} AND next IS NOT NULL THEN ${lesserSql(greaterSql('next - entry', '0'), 't')} ELSE t END AS stay
      FROM (SELECT outcome, furthest, ${greaterSql('x - entry', '0')} AS t, entry, next
        FROM (SELECT outcome, furthest, x, ${entry} AS entry, ${next} AS next FROM per_enquiry WHERE furthest >= ${k}))`;
  });
  return `WITH per_enquiry AS MATERIALIZED (
      SELECT outcome, furthest::INTEGER AS furthest, ${dayNumber('enquiry_date')} AS e, ${dayNumber(end)} AS x, ${days.join(', ')}
      FROM journeys WHERE furthest > 0)
    SELECT stage::INTEGER AS stage, band, day, sum(approved)::INTEGER AS approved, sum("left")::INTEGER AS "left", sum(censored)::INTEGER AS censored
    FROM (${firstOnly} UNION ALL
      SELECT stage, (${bandSql('stay', true)})::INTEGER AS band, t::INTEGER AS day, ${outcomes} FROM (${parts.join(' UNION ALL ')}) GROUP BY ALL)
    GROUP BY ALL ORDER BY 1, 2, 3`;
}

/**
 * One stage's rows as counts per day for each landmark (index as
 * WAIT_LANDMARKS): landmark j counts everyone who outlasted it, bands j and
 * above, summed per day, in order of day.
 */
export function landmarkCounts(rows: readonly Pick<StageTimeRow, 'band' | 'day' | 'approved' | 'left' | 'censored'>[]): TimeCounts[][] {
  const byDay = new Map<number, TimeCounts>();
  const out: TimeCounts[][] = [];
  for (let j = WAIT_LANDMARKS.length - 1; j >= 0; j--) {
    for (const r of rows) {
      if (r.band !== j) continue;
      const c = byDay.get(r.day) ?? { time: r.day, approved: 0, left: 0, censored: 0 };
      c.approved += r.approved;
      c.left += r.left;
      c.censored += r.censored;
      byDay.set(r.day, c);
    }
    out[j] = [...byDay.values()].map((c) => ({ ...c })).sort((a, b) => a.time - b.time);
  }
  return out;
}

/** The chance of eventual approval from one landmark's counts, and how many people back it. */
export function landmarkChance(counts: readonly TimeCounts[]): Pick<StageChance, 'chance' | 'people' | 'decided' | 'effectivePeople'> {
  const people = counts.reduce((a, c) => a + c.approved + c.left + c.censored, 0);
  const decided = counts.reduce((a, c) => a + c.approved + c.left, 0);
  const estimate = incidenceWithVariance(aalenJohansenCounts(counts));
  return { chance: estimate.incidence, people, decided, effectivePeople: effectiveSize(estimate, decided, people) };
}

/** One stage's chances, one per landmark, from its rows (band = landmarks outlasted). */
function chancesForStage(s: FunnelSettings, k: number, rows: readonly StageTimeRow[]): StageChance[] {
  const stage = visibleStages(s)[k].id;
  return landmarkCounts(rows).map((counts, j) => {
    const c = landmarkChance(counts);
    return {
      stage, stageIndex: k, waitedDays: WAIT_LANDMARKS[j], ...c,
      alpha: PRIOR + c.chance * c.effectivePeople, beta: PRIOR + (1 - c.chance) * c.effectivePeople,
    };
  });
}

/** The rows of stageTimeCountsSql: a stage, the landmarks outlasted there (band), days from reaching it, and outcomes. */
export interface StageTimeRow {
  stage: number;
  band: number;
  day: number;
  approved: number;
  left: number;
  censored: number;
}

/**
 * The chance of eventual approval at each visible stage but the last, for
 * people who have waited there 0, 14, 30... days (WAIT_LANDMARKS), over the
 * whole dataset (no filters) as at the as-of date. Indexed [stage][landmark].
 * Its parameters are the settings alone, so it is worked out once per
 * settings and shared by every grouping and filter that forecasts from it.
 */
export const approvalChancesMetric: MetricSpec<{ settings: FunnelSettings }, StageChance[][]> = {
  name: 'approvalChances',
  what: 'the chances of approval at each stage',
  sql({ settings }, { asOf }): Record<string, string> {
    // With one visible stage, everyone in it is approved: nothing is open, nothing to estimate.
    return visibleStages(settings).length < 2 ? {} : { counts: stageTimeCountsSql(settings, asOf) };
  },
  shape(rows, { settings }) {
    if (!rows.counts) return [];
    const counts = rows.counts as unknown as StageTimeRow[];
    return visibleStages(settings).slice(0, -1).map((_, k) => chancesForStage(settings, k, counts.filter((r) => r.stage === k)));
  },
};

/**
 * SQL counting open enquiries per campaign or source (BLANK when none), by
 * stage and by how long they have waited there (band of WAIT_LANDMARKS
 * reached), under the filters; null when fewer than two stages are visible
 * (nobody can be open before the last). Rows: name, stage, band, open.
 */
export function openByGroupSql(s: FunnelSettings, asOf: string, by: ChannelKey, filters?: Filters): string | null {
  const stages = visibleStages(s);
  if (stages.length < 2) return null;
  const entry = stages.slice(0, -1).map((_, k) => `WHEN ${k} THEN ${stageDays(k, stages.length).entry}`).join(' ');
  const days = stages.map((st, i) => `${dayNumber(visibleStageDateColumn(st.id))} AS d${i}`);
  return `SELECT name, stage::INTEGER AS stage, (${bandSql('waited', false)})::INTEGER AS band, count(*)::INTEGER AS open
     FROM (SELECT name, stage, ${greaterSql(`${dayNumber(litDate(asOf))} - CASE stage ${entry} END`, '0')} AS waited
           FROM (SELECT coalesce(${groupColumnSql(by)}, ${lit(BLANK)}) AS name, furthest AS stage, ${dayNumber('enquiry_date')} AS e, ${days.join(', ')}
                 FROM journeys j WHERE outcome = 'open' AND furthest < ${stages.length - 1} AND ${whereSql(filters)}))
     GROUP BY ALL`;
}

/** The rows of openByGroupSql as each group's open counts. */
export function openByGroup(rows: readonly Row[]): Map<string, OpenCount[]> {
  const out = new Map<string, OpenCount[]>();
  for (const r of rows as readonly { name: string; stage: number; band: number; open: number }[]) {
    const list = out.get(r.name) ?? [];
    list.push({ stageIndex: r.stage, band: r.band, open: r.open });
    out.set(r.name, list);
  }
  return out;
}

/**
 * The estimate used for people who have waited into a band: that band's own,
 * or, when fewer than MIN_EFFECTIVE_PEOPLE effective people back it, the
 * nearest shorter wait's that has enough (everyone who reached the stage at worst).
 */
export function chanceFor(chances: readonly StageChance[][], stageIndex: number, band: number): StageChance {
  const stage = chances[stageIndex];
  return stage[landmarkFor(stage.map((c) => c.effectivePeople), band)];
}

/**
 * The landmark read for people who have waited into `band`, given the
 * effective people behind each landmark's estimate: that band's own, or the
 * nearest shorter wait's with at least MIN_EFFECTIVE_PEOPLE (0, everyone who
 * reached the stage, at worst). Campaigns and the planner choose by it.
 */
export function landmarkFor(effectivePeople: readonly number[], band: number): number {
  for (let j = Math.min(band, effectivePeople.length - 1); j > 0; j--) if (effectivePeople[j] >= MIN_EFFECTIVE_PEOPLE) return j;
  return 0;
}

/**
 * Expected approvals from open enquiries and a 95% posterior-predictive range:
 * open enquiries sharing an estimate share its uncertain chance (Beta-Binomial),
 * and the counts from different estimates add up (exact convolution).
 */
export function forecastApprovals(chances: readonly StageChance[][], open: readonly OpenCount[]): ApprovalForecast {
  const groups = new Map<StageChance, BetaBinomialGroup>();
  for (const o of open) {
    if (o.open <= 0 || !chances[o.stageIndex]) continue;
    const c = chanceFor(chances, o.stageIndex, o.band);
    const g = groups.get(c) ?? { trials: 0, alpha: c.alpha, beta: c.beta };
    g.trials += o.open;
    groups.set(c, g);
  }
  const r = betaBinomialSum([...groups.values()]);
  return { value: r.mean, low: r.low, high: r.high };
}
