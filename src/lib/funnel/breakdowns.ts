import type { Engine } from '../engine/engine';
import { ident } from '../engine/sql';
import { BLANK, whereSql, type Filters } from './filters';
import { funnelFromCounts, type OutcomeCount } from './funnel';
import { visibleStages, type FunnelSettings } from './settings';
import { ATTR_PREFIX } from '../ingest/canonical';

/** Label of the group collecting everything outside the largest groups. */
export const OTHER = 'Other (smaller groups)';

/** What to group enquiries by: "campaign", "source" or an attribute column as named in the export (e.g. the service). */
export type ChannelKey = string;

/** A journeys column to break down by: "campaign", "source" or an attribute as named in the export. */
export function groupColumnSql(column: ChannelKey): string {
  return column === 'campaign' || column === 'source' ? column : ident(ATTR_PREFIX + column);
}

export interface GroupFunnel extends ReturnType<typeof funnelFromCounts> {
  /** The group's value; BLANK for none recorded, OTHER for the rest. */
  group: string;
}

/**
 * A funnel per group of a column: the largest `top` groups by enquiries
 * (all of them when `top` is 0), the rest gathered into OTHER.
 */
export async function breakdown(engine: Engine, s: FunnelSettings, column: string, filters?: Filters, top = 0): Promise<GroupFunnel[]> {
  const stages = visibleStages(s);
  const col = `coalesce(${groupColumnSql(column)}, '${BLANK}')`;
  const where = whereSql(filters);
  const grouped = top > 0
    ? `CASE WHEN ${col} IN (SELECT g FROM (SELECT ${col} AS g, count(*) AS n FROM journeys WHERE ${where} GROUP BY 1 ORDER BY n DESC, g LIMIT ${top})) THEN ${col} ELSE '${OTHER}' END`
    : col;
  const rows = await engine.query<OutcomeCount & { grp: string }>(
    `SELECT ${grouped} AS grp, furthest, outcome, count(*)::INTEGER AS n FROM journeys WHERE ${where} GROUP BY ALL`,
  );
  const byGroup = new Map<string, OutcomeCount[]>();
  for (const r of rows) {
    const list = byGroup.get(r.grp) ?? [];
    list.push(r);
    byGroup.set(r.grp, list);
  }
  return [...byGroup.entries()]
    .map(([group, counts]) => ({ group, ...funnelFromCounts(stages, counts) }))
    .sort((a, b) => (a.group === OTHER ? 1 : b.group === OTHER ? -1 : b.total - a.total || a.group.localeCompare(b.group)));
}
