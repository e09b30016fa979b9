/**
 * Reference "days per step" and "8-month standard over time" (Trends and
 * cohorts), from the README's definitions: days from the previous stage are
 * counted between the two recorded dates where both exist, intervals running
 * backwards left out; each step is dated by the period it was completed in
 * (the later stage's date), its median over the steps completed then. The
 * panel standard: panels held within N calendar months of the application,
 * among those with both dates (forwards), by the period of the panel date.
 */
import { addMonths, days, median, passes, periodOf, type RefFilters, type RefGrain, type RefJourney, type RefStageSetting } from './exports';

export interface RefStepTimes {
  period: string;
  steps: Record<string, { median: number | null; n: number }>;
}

/** Median days per step by the period of the step's completion, periods in order; a period lists only the steps completed in it. */
export function referenceStepTimes(journeys: readonly RefJourney[], stages: readonly RefStageSetting[], grain: RefGrain, filters: RefFilters = {}): RefStepTimes[] {
  const visible = stages.filter((s) => !s.hidden);
  const byPeriod = new Map<string, Map<string, number[]>>();
  for (const j of journeys.filter((x) => passes(x, filters))) {
    for (let i = 1; i < visible.length; i++) {
      const [a, b] = [j.dates[i - 1], j.dates[i]];
      if (!a || !b || b < a) continue;
      const period = periodOf(b, grain);
      const steps = byPeriod.get(period) ?? new Map<string, number[]>();
      steps.set(visible[i].id, [...(steps.get(visible[i].id) ?? []), days(a, b)]);
      byPeriod.set(period, steps);
    }
  }
  return [...byPeriod.keys()].sort().map((period) => ({
    period,
    steps: Object.fromEntries([...byPeriod.get(period)!].map(([id, xs]) => [id, { median: median(xs), n: xs.length }])),
  }));
}

export interface RefStandardByPeriod {
  period: string;
  within: number;
  n: number;
}

/** Panels within the standard by the period of the panel date; none without visible application and panel stages. */
export function referencePanelStandard(journeys: readonly RefJourney[], stages: readonly RefStageSetting[], grain: RefGrain, months: number, filters: RefFilters = {}): RefStandardByPeriod[] {
  const visible = stages.filter((s) => !s.hidden).map((s) => s.id);
  if (!visible.includes('application') || !visible.includes('panel')) return [];
  const out = new Map<string, RefStandardByPeriod>();
  for (const j of journeys.filter((x) => passes(x, filters))) {
    const application = j.dates[visible.indexOf('application')];
    const panel = j.dates[visible.indexOf('panel')];
    if (!application || !panel || panel < application) continue;
    const period = periodOf(panel, grain);
    const p = out.get(period) ?? { period, within: 0, n: 0 };
    p.n++;
    if (panel <= addMonths(application, months)) p.within++;
    out.set(period, p);
  }
  return [...out.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}
