/**
 * Reference timeliness and stalled enquiries, from the README's definitions
 * (Overview targets, Drop-off's stalled list, "Stalled", "As-of date") and the
 * settings they name: application to panel within N calendar months (National
 * Minimum Standard 14: 8), enquiry to initial visit within N working days
 * (England's bank holidays are not working days), stalled = an open enquiry
 * with no recorded progress for longer than its stage's threshold, measured to
 * the as-of date. Working days come from gov.uk's list of England and Wales
 * bank holidays, typed in here, not from the app's rules.
 */
import { addMonths, days, median, passes, type RefFilters, type RefJourney, type RefStageSetting } from './exports';

/** England and Wales bank holidays 2021-2026, as published on gov.uk/bank-holidays. */
export const ENGLAND_BANK_HOLIDAYS = new Set([
  // 2021
  '2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28',
  // 2022: the spring bank holiday moved to 2 June, the Platinum Jubilee on 3 June, the Queen's state funeral on 19 September
  '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
  // 2023: the coronation on 8 May
  '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26',
  // 2024
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  // 2025
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  // 2026
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
]);

/** Working days after `from` up to and including `to` (weekends and bank holidays not counted); from 2021 to 2026 only. */
export function workingDaysAfter(from: string, to: string): number {
  if (from < '2021-01-01' || to > '2026-12-31') throw new RangeError(`outside the bank holidays typed in: ${from} to ${to}`);
  let n = 0;
  for (let t = Date.parse(from + 'T00:00:00Z') + 86_400_000; t <= Date.parse(to + 'T00:00:00Z'); t += 86_400_000) {
    const d = new Date(t);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    if (weekday && !ENGLAND_BANK_HOLIDAYS.has(d.toISOString().slice(0, 10))) n++;
  }
  return n;
}

export interface RefTimeliness {
  panel: { within: number; n: number };
  panelOverdueOpen: number;
  visit: { within: number; n: number };
}

/** Timeliness against the standards, for the journeys passing the filters. */
export function referenceTimeliness(
  journeys: readonly RefJourney[], stages: readonly RefStageSetting[], asOf: string,
  standards: { panelMonths: number; visitWorkingDays: number }, filters: RefFilters = {},
): RefTimeliness {
  const visible = stages.filter((s) => !s.hidden).map((s) => s.id);
  const at = (j: RefJourney, id: string) => (visible.includes(id) ? j.dates[visible.indexOf(id)] : null);
  const out: RefTimeliness = { panel: { within: 0, n: 0 }, panelOverdueOpen: 0, visit: { within: 0, n: 0 } };
  const panelShown = visible.includes('application') && visible.includes('panel');
  for (const j of journeys.filter((x) => passes(x, filters))) {
    if (panelShown) {
      const application = at(j, 'application');
      const panel = at(j, 'panel');
      const due = application ? addMonths(application, standards.panelMonths) : null;
      // Timed where both dates exist and run forwards.
      if (application && panel && panel >= application) {
        out.panel.n++;
        if (panel <= due!) out.panel.within++;
      }
      // Still open, applied, no panel yet, and past the standard at the as-of date.
      if (j.outcome === 'open' && application && !panel && asOf > due!) out.panelOverdueOpen++;
    }
    const visit = at(j, 'initial_visit');
    if (visit && visit >= j.record.enquiry) {
      out.visit.n++;
      if (workingDaysAfter(j.record.enquiry, visit) <= standards.visitWorkingDays) out.visit.within++;
    }
  }
  return out;
}

export interface RefStalledSummary {
  stage: string;
  open: number;
  stalled: number;
  stalledAfter: number;
  medianDaysIdle: number | null;
}

export interface RefStalledEnquiry {
  id: string;
  stage: string;
  lastDate: string;
  daysIdle: number;
  campaign: string | null;
  source: string | null;
  status: string | null;
}

/** Open enquiries per visible stage, how many are stalled, and the stalled ones, longest idle first (then by id). */
export function referenceStalled(
  journeys: readonly RefJourney[], stages: readonly RefStageSetting[], asOf: string,
  thresholds: { all: number; byStage: Record<string, number> }, filters: RefFilters = {}, limit = 500,
): { summary: RefStalledSummary[]; list: RefStalledEnquiry[] } {
  const visible = stages.filter((s) => !s.hidden);
  const open = journeys.filter((j) => j.outcome === 'open' && passes(j, filters));
  const threshold = (id: string) => thresholds.byStage[id] ?? thresholds.all;
  const idle = (j: RefJourney) => days(j.lastStageDate, asOf);
  const summary = visible.map((st, i) => {
    const here = open.filter((j) => j.furthest === i);
    return {
      stage: st.id, open: here.length, stalled: here.filter((j) => idle(j) > threshold(st.id)).length,
      stalledAfter: threshold(st.id), medianDaysIdle: median(here.map(idle)),
    };
  });
  const blankIsNull = (s: string) => (s === '' ? null : s);
  const list = open
    .filter((j) => idle(j) > threshold(visible[j.furthest].id))
    .map((j) => ({
      id: j.record.id, stage: visible[j.furthest].id, lastDate: j.lastStageDate, daysIdle: idle(j),
      // The list shows the export's own status text (a field for the follow-up call, not a count).
      campaign: blankIsNull(j.record.campaign), source: blankIsNull(j.record.source), status: blankIsNull(j.record.status),
    }))
    .sort((a, b) => b.daysIdle - a.daysIdle || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
  return { summary, list };
}
