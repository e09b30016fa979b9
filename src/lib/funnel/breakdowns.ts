import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { raw, sql } from '../engine/sql';
import { BLANK, whereSql } from './filters';
import { funnelFromCounts, type OutcomeCount } from './funnel';
import { visibleStages } from './settings';
import { attributeColumn } from '../schema';

/** Label of the group collecting everything outside the largest groups. */
export const OTHER = 'Other (smaller groups)';

/** What to group enquiries by: "campaign", "source" or an attribute column as named in the export (e.g. the service). */
export type ChannelKey = string;

/** A journeys column to break down by: "campaign", "source" or an attribute as named in the export. */
export function groupColumnSql(column: ChannelKey): string {
  return column === 'campaign' || column === 'source' ? column : attributeColumn(column);
}

export interface GroupFunnel extends ReturnType<typeof funnelFromCounts> {
  /** The group's value; BLANK for none recorded, OTHER for the rest. */
  group: string;
}

/** What a breakdown is asked with. */
export interface BreakdownParams extends MetricParams {
  /** "campaign", "source" or an attribute column as named in the export. */
  column: ChannelKey;
  /** Keep the largest this many groups and gather the rest into OTHER; 0 keeps them all. */
  top: number;
}

/**
 * A funnel per group of a column: the largest `top` groups by enquiries
 * (all of them when `top` is 0), the rest gathered into OTHER; largest first, OTHER last.
 */
export const breakdownMetric: MetricSpec<BreakdownParams, GroupFunnel[]> = {
  name: 'breakdown',
  what: 'the funnel for each group',
  sql({ filters, column, top }) {
    const col = sql`coalesce(${raw(groupColumnSql(column))}, ${BLANK})`;
    const where = raw(whereSql(filters));
    const grouped = top > 0
      ? sql`CASE WHEN ${col} IN (SELECT g FROM (SELECT ${col} AS g, count(*) AS n FROM journeys WHERE ${where} GROUP BY 1 ORDER BY n DESC, g LIMIT ${top})) THEN ${col} ELSE ${OTHER} END`
      : col;
    return { counts: sql`SELECT ${grouped} AS grp, furthest, outcome, count(*)::INTEGER AS n FROM journeys WHERE ${where} GROUP BY ALL` };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    const byGroup = new Map<string, OutcomeCount[]>();
    for (const r of rows.counts as unknown as (OutcomeCount & { grp: string })[]) {
      const list = byGroup.get(r.grp) ?? [];
      list.push(r);
      byGroup.set(r.grp, list);
    }
    return [...byGroup.entries()]
      .map(([group, counts]) => ({ group, ...funnelFromCounts(stages, counts) }))
      .sort((a, b) => (a.group === OTHER ? 1 : b.group === OTHER ? -1 : b.total - a.total || a.group.localeCompare(b.group)));
  },
};
