import { expect, test } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/node';
import { statusConflicts } from '../../src/lib/ingest/conflicts';

/**
 * statusConflicts on a generated union of two exports (CONFLICT_ROWS rows in
 * all, a share OVERLAP of them ids of the first again in the second, half of those
 * with a status of another outcome), against the form it had before it
 * grouped the union once (ids of several rows found first, then grouped
 * again with count(DISTINCT …)): same answer, each timed RUNS times, taken
 * in turn so the machine's noise falls on both.
 * Run: npx vitest run --config vitest.perf.config.ts test/perf/conflicts.perf.test.ts
 */
const N = Number(process.env.CONFLICT_ROWS ?? 1_000_000);
const OVERLAP = Number(process.env.OVERLAP ?? 0.1);
const RUNS = Number(process.env.RUNS ?? 9);

const twoGroupings = (unionSql: string) => `WITH u AS NOT MATERIALIZED (${unionSql})
  SELECT id, list_sort(list(DISTINCT status) FILTER (WHERE status IS NOT NULL))[1:4] AS statuses, (count(*) OVER ())::INTEGER AS n
  FROM u SEMI JOIN (SELECT id FROM u GROUP BY id HAVING count(*) > 1) d USING (id)
  WHERE _last IS NOT NULL GROUP BY id HAVING count(DISTINCT outcome_hint) > 1 AND count(enquiry_date) > 0 ORDER BY id LIMIT 3`;

test(`statusConflicts on ${N} rows, ${OVERLAP * 100}% of them a second row of an id`, async () => {
  const e = await createNodeEngine();
  const statuses = `['In progress', 'Withdrawn', 'Approved', 'On hold', 'NFA']`;
  const hints = `['open', 'left', 'approved', 'open', 'left']`;
  // A shift of 2 along the statuses changes the outcome for 3 of the 5 (On hold → In progress and NFA → Withdrawn do not).
  const make = (name: string, from: number, count: number, shift: string) => e.exec(`CREATE OR REPLACE TABLE ${name} AS
    SELECT 'FE-' || lpad(i::VARCHAR, 7, '0') AS id,
      CASE WHEN i % 97 = 0 THEN NULL ELSE DATE '2020-01-01' + (i % 2000)::INTEGER END AS enquiry_date,
      ${statuses}[((i + ${shift}) % 5) + 1] AS status, ${hints}[((i + ${shift}) % 5) + 1] AS outcome_hint,
      'Campaign ' || (i % 40) AS campaign, 'Source ' || (i % 12) AS source, 'Reason ' || (i % 30) AS reason,
      CASE WHEN i % 3 = 0 THEN DATE '2020-02-01' + (i % 2000)::INTEGER END AS exit_date,
      'Group ' || (i % 9) AS "a:Ethnicity", DATE '2020-01-15' + (i % 2000)::INTEGER AS "e:initial_visit",
      CASE WHEN i % 97 = 0 THEN NULL ELSE DATE '2020-03-01' + (i % 2000)::INTEGER END AS _last, 1 AS _rows, i AS _seq
    FROM range(${from}, ${from + count}) r(i)`);
  // The second export: 45% of the rows (or the overlap, if more), the first `overlap` of them ids of the first's.
  const overlap = Math.round(N * OVERLAP);
  const first = N - Math.max(overlap, Math.round(N * 0.45));
  await make('perf_t1', 0, first, '0');
  await make('perf_t2', first - overlap, N - first, 'CASE WHEN i % 2 = 0 THEN 0 ELSE 2 END');
  const union = `SELECT * FROM ((SELECT *, 0 AS _file FROM perf_t1) UNION ALL BY NAME (SELECT *, 1 AS _file FROM perf_t2)) WHERE id IS NOT NULL`;

  const times: Record<'before' | 'now', number[]> = { before: [], now: [] };
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    const rows = await e.query<{ id: string; statuses: string[]; n: number }>(twoGroupings(union));
    times.before.push(performance.now() - t0);
    t0 = performance.now();
    const now = await statusConflicts(e, union);
    times.now.push(performance.now() - t0);
    expect(now).toEqual({ count: rows[0]?.n ?? 0, examples: rows.map((r) => ({ id: r.id, statuses: [...r.statuses] })) });
    if (OVERLAP > 0) expect(now.count).toBeGreaterThan(0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, xs] of Object.entries(times)) {
    console.log(`${name.padEnd(7)} median ${median(xs).toFixed(0).padStart(5)} ms, min ${Math.min(...xs).toFixed(0).padStart(5)} (${xs.map((x) => x.toFixed(0)).join(' ')})`);
  }
  await e.close();
});
