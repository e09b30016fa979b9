import type { Engine } from '../engine/engine';

/** Ids whose rows disagree on the outcome, each with its statuses as written: a few examples, and how many there are. */
export interface StatusConflicts {
  count: number;
  examples: { id: string; statuses: string[] }[];
}

/** At most this many of an example's statuses are kept (a status column of free text can hold many). */
const STATUSES_SHOWN = 4;

/**
 * How many ids of the union mergedEnquiriesSql reads (canonical.ts) have rows
 * whose statuses mean different outcomes (one row open, another withdrawn),
 * and the first few. The merge keeps one status, so the user is told the rest.
 * Only ids the merge keeps count (one of their rows has an enquiry date):
 * an id that is skipped can't be checked on any view.
 */
export async function statusConflicts(engine: Engine, unionSql: string, examples = 3): Promise<StatusConflicts> {
  const rows = await engine.query<{ id: string; statuses: string[]; n: number }>(
    `WITH u AS NOT MATERIALIZED (${unionSql})
     SELECT id, list_sort(list(DISTINCT status) FILTER (WHERE status IS NOT NULL))[1:${STATUSES_SHOWN}] AS statuses, (count(*) OVER ())::INTEGER AS n
     FROM u SEMI JOIN (SELECT id FROM u GROUP BY id HAVING count(*) > 1) d USING (id)
     WHERE _last IS NOT NULL GROUP BY id HAVING count(DISTINCT outcome_hint) > 1 AND count(enquiry_date) > 0 ORDER BY id LIMIT ${examples}`,
  );
  return { count: rows[0]?.n ?? 0, examples: rows.map((r) => ({ id: r.id, statuses: [...r.statuses] })) };
}
