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
 *
 * The union is grouped by id once, with aggregates that are cheap for the
 * many ids of a single row: two outcomes need two rows, so no pass to find
 * the ids with several rows first. An id's rows disagree when the least and
 * greatest hash of their outcomes differ: exact for the outcome words the
 * column holds (their hashes differ; the tests check each pair), and for any
 * other values barring a 64-bit hash collision. The text's own min and max,
 * or count(DISTINCT …), would make the grouping half as slow again at a
 * million rows. The statuses are then listed for the few examples only, from
 * their own rows.
 */
export async function statusConflicts(engine: Engine, unionSql: string, examples = 3): Promise<StatusConflicts> {
  const hashed = (agg: 'min' | 'max') => `${agg}(hash(outcome_hint)) FILTER (WHERE outcome_hint IS NOT NULL)`;
  const rows = await engine.query<{ id: string; statuses: string[]; n: number }>(
    `WITH u AS NOT MATERIALIZED (${unionSql}),
     conflicting AS (SELECT id, (count(*) OVER ())::INTEGER AS n FROM u WHERE _last IS NOT NULL AND id IS NOT NULL GROUP BY id
       HAVING ${hashed('min')} < ${hashed('max')} AND count(enquiry_date) > 0 ORDER BY id LIMIT ${examples})
     SELECT id, list_sort(list(DISTINCT status) FILTER (WHERE status IS NOT NULL))[1:${STATUSES_SHOWN}] AS statuses, any_value(n) AS n
     FROM conflicting JOIN u USING (id) WHERE _last IS NOT NULL GROUP BY id ORDER BY id`,
  );
  return { count: rows[0]?.n ?? 0, examples: rows.map((r) => ({ id: r.id, statuses: [...r.statuses] })) };
}
