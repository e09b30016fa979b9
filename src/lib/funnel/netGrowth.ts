/**
 * Net growth in approved fostering households per financial year: households
 * approved in the year minus households deregistered in it. These are PERIOD
 * counts, like Ofsted's national figures printed beside them.
 */
import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import { periodSql } from './cohorts';
import { nationalYear } from './national';
import { financialYearRange, financialYears } from './periods';

export interface GrowthYear {
  year: string;
  approvals: number;
  deregistered: number;
  net: number;
  /** The year starts before the first enquiry or runs past the as-of date: counts for part of it. */
  partial: boolean;
  /** England's figures for the year (Ofsted), where published. */
  england: { approvals: number; deregistered: number; net: number } | null;
}

/**
 * Approvals and deregistrations per financial year among `households` (SQL
 * from householdsSql), counted from `since` (the first enquiry) to the as-of
 * date, for every year in that span, years with none included.
 */
export async function netGrowth(engine: Engine, households: string, since: string, asOf: string): Promise<GrowthYear[]> {
  const rows = await engine.query<{ year: string; approvals: number; deregistered: number }>(
    `SELECT year, sum(a)::INTEGER AS approvals, sum(d)::INTEGER AS deregistered FROM (
       SELECT ${periodSql('approved', 'fy')} AS year, 1 AS a, 0 AS d FROM (${households}) WHERE NOT ended_before_approval AND in_cohort
       UNION ALL SELECT ${periodSql('ended', 'fy')}, 0, 1 FROM (${households}) WHERE ended >= ${litDate(since)}
     ) GROUP BY year`,
  );
  const byYear = new Map(rows.map((r) => [r.year, r]));
  return financialYears(since, asOf).map((year) => {
    const r = byYear.get(year);
    const approvals = r?.approvals ?? 0;
    const deregistered = r?.deregistered ?? 0;
    const nat = nationalYear(year);
    return {
      year, approvals, deregistered, net: approvals - deregistered,
      partial: financialYearRange(year).to > asOf || financialYearRange(year).from < since,
      england: nat ? { approvals: nat.newApprovedHouseholds, deregistered: nat.deregistered, net: nat.newApprovedHouseholds - nat.deregistered } : null,
    };
  });
}
