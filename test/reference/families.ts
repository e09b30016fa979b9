/**
 * Reference implementations of two more metric families, in plain TypeScript
 * over raw records, from their definitions (and the reference journeys):
 * - campaign table counts: per campaign, enquiries, those who reached the
 *   application stage, approvals and those still open;
 * - period counts (as Ofsted counts them): enquiries by the enquiry date,
 *   applications by the application stage's own date, approvals by the final
 *   stage's own date, per UK financial year (April to March, "2023-24").
 */
import { mergeRecords, refJourneys, type RawRecord, type RefStage } from './funnel';

/** The financial year of an ISO date: "2023-24" for 1 April 2023 to 31 March 2024. */
export function refFinancialYear(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export interface RefChannel {
  name: string;
  enquiries: number;
  /** 0 when the journey has no visible application stage (the table then shows its rates as unknown). */
  applications: number;
  approvals: number;
  openNow: number;
}

/** Per campaign ("(blank)" when none), largest first, then by name. */
export function referenceChannels(rows: readonly RawRecord[], stages: readonly RefStage[]): RefChannel[] {
  const visible = stages.filter((s) => !s.hidden);
  const appIdx = visible.findIndex((s) => s.id === 'application');
  const out = new Map<string, RefChannel>();
  for (const j of refJourneys(mergeRecords(rows), stages)) {
    if (j.furthest < 0) continue;
    const name = j.enquiry.campaign || '(blank)';
    const c = out.get(name) ?? { name, enquiries: 0, applications: 0, approvals: 0, openNow: 0 };
    c.enquiries++;
    if (appIdx >= 0 && j.furthest >= appIdx) c.applications++;
    if (j.outcome === 'approved') c.approvals++;
    if (j.outcome === 'open') c.openNow++;
    out.set(name, c);
  }
  return [...out.values()].sort((a, b) => b.enquiries - a.enquiries || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface RefPeriod {
  period: string;
  enquiries: number;
  applications: number;
  approvals: number;
}

/** Period counts by financial year, in period order. */
export function referencePeriodCounts(rows: readonly RawRecord[], stages: readonly RefStage[]): RefPeriod[] {
  const visible = stages.filter((s) => !s.hidden);
  const hasApplication = visible.some((s) => s.id === 'application');
  const finalId = visible[visible.length - 1].id;
  const out = new Map<string, RefPeriod>();
  const add = (iso: string, what: 'enquiries' | 'applications' | 'approvals') => {
    const period = refFinancialYear(iso);
    const p = out.get(period) ?? { period, enquiries: 0, applications: 0, approvals: 0 };
    p[what]++;
    out.set(period, p);
  };
  for (const j of refJourneys(mergeRecords(rows), stages)) {
    if (j.furthest < 0) continue;
    add(j.enquiry.enquiry, 'enquiries');
    const application = j.enquiry.dates.application;
    if (hasApplication && application) add(application, 'applications');
    const final = j.enquiry.dates[finalId];
    if (final) add(final, 'approvals');
  }
  return [...out.values()].sort((a, b) => a.period.localeCompare(b.period));
}
