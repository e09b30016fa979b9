/**
 * Reference cohorts and period counts (Trends and cohorts), from the README's
 * definitions:
 * - a cohort is everyone who enquired in a period (month, financial quarter,
 *   financial year), followed to wherever they got (reached per stage,
 *   approved / left / open); approved within the window = approved with the
 *   final stage dated no more than the window's days after the enquiry
 *   (one dated before the enquiry, a data error, counts as approved by day 0:
 *   the README does not say; the approval curves do so); a cohort is
 *   provisional while the window has not passed for its last possible
 *   enquiry (the period's last day) at the as-of date ("cohort ages are
 *   measured to it");
 * - period counts: enquiries by the enquiry date, applications by the
 *   application stage's own date, approvals by the final stage's own date,
 *   each in the period it happened (every filter applies, the enquiry dates
 *   too: its people's applications and approvals are counted when they happen).
 */
import { days, passes, periodEndOf, periodOf, type RefFilters, type RefGrain, type RefJourney, type RefStageSetting } from './exports';

export interface RefCohort {
  period: string;
  enquiries: number;
  reached: Record<string, number>;
  approved: number;
  left: number;
  open: number;
  approvedWithin: number;
  provisional: boolean;
}

export function referenceCohorts(
  journeys: readonly RefJourney[], stages: readonly RefStageSetting[], grain: RefGrain, windowDays: number, asOf: string, filters: RefFilters = {},
): RefCohort[] {
  const visible = stages.filter((s) => !s.hidden);
  const final = visible.length - 1;
  const out = new Map<string, RefCohort>();
  for (const j of journeys.filter((x) => passes(x, filters))) {
    const period = periodOf(j.record.enquiry, grain);
    const c = out.get(period) ?? {
      period, enquiries: 0, reached: Object.fromEntries(visible.map((s) => [s.id, 0])), approved: 0, left: 0, open: 0, approvedWithin: 0,
      provisional: days(periodEndOf(j.record.enquiry, grain), asOf) < windowDays,
    };
    c.enquiries++;
    visible.forEach((s, i) => { if (j.furthest >= i) c.reached[s.id]++; });
    c[j.outcome]++;
    const approvedOn = j.dates[final];
    if (j.outcome === 'approved' && approvedOn) {
      // An approval dated before its enquiry (a data error) came no later than the window: approved by day 0,
      // as the approval curves place it. (The README leaves backwards intervals out of step timings, not conversions.)
      if (days(j.record.enquiry, approvedOn) <= windowDays) c.approvedWithin++;
    }
    out.set(period, c);
  }
  return [...out.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

export interface RefPeriodCount {
  period: string;
  enquiries: number;
  applications: number;
  approvals: number;
}

export function referencePeriodCounts(journeys: readonly RefJourney[], stages: readonly RefStageSetting[], grain: RefGrain, filters: RefFilters = {}): RefPeriodCount[] {
  const visible = stages.filter((s) => !s.hidden).map((s) => s.id);
  const application = visible.indexOf('application');
  const final = visible.length - 1;
  const out = new Map<string, RefPeriodCount>();
  const add = (iso: string, what: 'enquiries' | 'applications' | 'approvals') => {
    const period = periodOf(iso, grain);
    const p = out.get(period) ?? { period, enquiries: 0, applications: 0, approvals: 0 };
    p[what]++;
    out.set(period, p);
  };
  for (const j of journeys.filter((x) => passes(x, filters))) {
    add(j.record.enquiry, 'enquiries');
    if (application >= 0 && j.dates[application]) add(j.dates[application]!, 'applications');
    if (j.dates[final]) add(j.dates[final]!, 'approvals');
  }
  return [...out.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}
