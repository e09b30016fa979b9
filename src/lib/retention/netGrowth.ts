/**
 * Net growth in approved fostering households per financial year: households
 * approved in the year minus households deregistered in it. These are PERIOD
 * counts, like Ofsted's national figures printed beside them.
 */
import { litDate } from '../engine/sql';
import { periodSql } from '../funnel/cohorts';
import { nationalYear } from '../funnel/national';
import { financialYearRange, financialYears, isFillingPeriod } from '../funnel/periods';

export interface GrowthYear {
  year: string;
  approvals: number;
  deregistered: number;
  net: number;
  /** The year starts before the first enquiry or runs past the as-of date: counts for part of it. */
  partial: boolean;
  /**
   * Approvals undercounted, so net growth too low: the year starts while the
   * pipeline was filling (isFillingPeriod) and every approval counted came
   * from an enquiry in the data, so those from earlier enquiries are missing
   * while the year's deregistrations are all there.
   */
  approvalsUndercounted: boolean;
  /** England's figures for the year (Ofsted), where published. */
  england: { approvals: number; deregistered: number; net: number } | null;
}

/**
 * SQL: approvals and deregistrations per financial year among `households`
 * (SQL from householdsSql), deregistrations counted from `since` (the first enquiry).
 */
export function netGrowthSql(households: string, since: string): string {
  return `SELECT year, sum(a)::INTEGER AS approvals, sum(d)::INTEGER AS deregistered, sum(u)::INTEGER AS unlinked FROM (
      SELECT ${periodSql('approved', 'fy')} AS year, 1 AS a, 0 AS d, (NOT linked)::INTEGER AS u FROM (${households}) WHERE NOT ended_before_approval AND in_cohort
      UNION ALL SELECT ${periodSql('ended', 'fy')}, 0, 1, 0 FROM (${households}) WHERE ended >= ${litDate(since)}
    ) GROUP BY year`;
}

/** A row of netGrowthSql. */
export interface GrowthCount {
  year: string;
  approvals: number;
  deregistered: number;
  /** Approvals of households not linked to an enquiry in the data (a carers list's). */
  unlinked?: number;
}

/** The rows of netGrowthSql for every financial year from `since` to the as-of date, years with none included. */
export function netGrowth(rows: readonly GrowthCount[], since: string, asOf: string): GrowthYear[] {
  const byYear = new Map(rows.map((r) => [r.year, r]));
  return financialYears(since, asOf).map((year) => {
    const r = byYear.get(year);
    const approvals = r?.approvals ?? 0;
    const deregistered = r?.deregistered ?? 0;
    const nat = nationalYear(year);
    return {
      year, approvals, deregistered, net: approvals - deregistered,
      partial: financialYearRange(year).to > asOf || financialYearRange(year).from < since,
      approvalsUndercounted: isFillingPeriod(year, 'fy', since) && !r?.unlinked,
      england: nat ? { approvals: nat.newApprovedHouseholds, deregistered: nat.deregistered, net: nat.newApprovedHouseholds - nat.deregistered } : null,
    };
  });
}
