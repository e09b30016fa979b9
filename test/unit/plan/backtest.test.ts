import { describe, expect, test } from 'vitest';
import { generateEnquiries, toWideCsv, type Enquiry } from '../../../scripts/sample/generate.mjs';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import type { Filters } from '../../../src/lib/funnel/filters';
import { planInputsMetric } from '../../../src/lib/plan/inputs';
import { runSpec } from '../../helpers/metric';
import { planModel } from '../../../src/lib/plan/model';
import { DAYS_PER_MONTH } from '../../../src/lib/funnel/periods';
import { makePlan } from '../../../src/lib/plan/plan';
import { approvalsAt } from '../../../src/lib/plan/outlook';
import { toDayNumber } from '../../../src/lib/stats/isoDate';
import { csv, load, testEngine } from '../../helpers/engine';
import { ensureJourneys } from '../../../src/lib/coordinator/tables';

const AS_OF = ['2024-03-31', '2024-09-30', '2025-03-31'];
const MONTHS_AHEAD = [6, 12, 18];
const addMonths = (iso: string, n: number) => {
  const d = new Date(iso + 'T00:00:00Z');
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n + 1, 0)).toISOString().slice(0, 10);
};

/**
 * Seeded back-test: generate a service's full history, plan from what was
 * known at an as-of date, and compare with what then happened. The check is
 * on the planner's forward arithmetic: given the enquiry rate actually seen
 * after the as-of date, do the realised approvals by the target date fall
 * inside its 95% interval?
 */
describe('planner back-test on generated services', () => {
  test('realised approvals fall inside the interval in at least 85% of at least 40 cases', async () => {
    const engine = await testEngine();
    const cases: { seed: number; asOf: string; by: string; source: string | null; realised: number; low: number; high: number; value: number }[] = [];
    const runs: { seed: number; sources: (string | null)[] }[] = [
      { seed: 101, sources: [null, 'Website'] },
      { seed: 202, sources: [null, 'Word of mouth / existing carer'] },
      { seed: 303, sources: [null] },
      { seed: 404, sources: [null] },
    ];
    for (const { seed, sources } of runs) {
      const rows = generateEnquiries({ count: 3500, seed }).filter((e) => !e.duplicate);
      const ds = await load(engine, csv(`s${seed}.csv`, toWideCsv(rows)));
      for (const asOf of AS_OF) {
        const settings = { ...defaultSettings(), asOf };
        await ensureJourneys(engine, ds, settings, () => {});
        for (const source of sources) {
          const filters: Filters = source ? { sources: [source] } : {};
          const model = planModel(await runSpec(engine, planInputsMetric, { settings, filters }, { asOf }));
          const mine = (e: Enquiry) => !source || e.source === source;
          for (const m of MONTHS_AHEAD) {
            const by = addMonths(asOf, m);
            const plan = makePlan(model, 10, by)!;
            const within = (d: string | null) => d !== null && d > asOf && d <= by;
            const newEnquiries = rows.filter((e) => mine(e) && within(e.enquiryDate)).length;
            const observedRate = newEnquiries / ((toDayNumber(by) - toDayNumber(asOf)) / DAYS_PER_MONTH);
            const est = approvalsAt(plan.outlook, observedRate);
            const realised = rows.filter((e) => mine(e) && within(e.approvedDate)).length;
            cases.push({ seed, asOf, by, source, realised, ...est });
          }
        }
      }
    }
    const inside = cases.filter((c) => c.realised >= c.low && c.realised <= c.high).length;
    console.log(`planner back-test: ${inside} of ${cases.length} realised counts inside the 95% interval (${((100 * inside) / cases.length).toFixed(1)}%)`);
    for (const c of cases) console.log(`  seed ${c.seed} ${c.source ?? 'all'} ${c.asOf}→${c.by}: realised ${c.realised}, expected ${c.value.toFixed(1)} (${c.low}–${c.high})`);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(inside / cases.length).toBeGreaterThanOrEqual(0.85);
  }, 240_000);
});
