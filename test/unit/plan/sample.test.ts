import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { planInputsMetric } from '../../../src/lib/plan/inputs';
import { runSpec } from '../../helpers/metric';
import { planModel } from '../../../src/lib/plan/model';
import { makePlan } from '../../../src/lib/plan/plan';
import { planFinding } from '../../../src/lib/plan/finding';
import { testEngine } from '../../helpers/engine';
import { loadDataset, ensureJourneys } from '../../../src/lib/coordinator/tables';

const file = (name: string) => ({ name, data: new Uint8Array(readFileSync(`data/${name}`)), lastModified: Date.UTC(2026, 10, 1) });

describe('the planner on the built-in sample', () => {
  // How fast makePlan answers (fast enough to follow typing) is held to a limit in test/perf/metrics.perf.test.ts.
  test('a net target with deregistrations', async () => {
    const engine = await testEngine();
    const s = defaultSettings();
    const ds = await loadDataset(engine, [file('sample-enquiries.csv'), file('sample-campaign-costs.csv'), file('sample-carers.csv')], undefined, undefined, undefined, s);
    const asOf = await ensureJourneys(engine, ds, s, () => {});
    const model = planModel(await runSpec(engine, planInputsMetric, { settings: s, filters: {} }, { asOf, attributes: ds.model.attributes, carers: ds.carers ?? null }));
    expect(model.losses).not.toBeNull();
    const started = performance.now();
    const plan = makePlan(model, 100, '2028-03-31')!;
    const ms = performance.now() - started;
    console.log(`sample plan: ${plan.needed!.value.toFixed(1)} enquiries a month (${plan.needed!.low.toFixed(1)}–${plan.needed!.high.toFixed(1)}), ${plan.approvalsTarget.toFixed(1)} approvals for 100 net, in ${ms.toFixed(0)} ms`);
    console.log(planFinding(plan));
    expect(plan.losses!.existing).toBeGreaterThan(0);
    expect(plan.approvalsTarget).toBeGreaterThan(100);
    expect(plan.needed!.value).toBeGreaterThan(plan.currentPerMonth);
    expect(plan.needed!.low).toBeLessThan(plan.needed!.value);
    expect(plan.needed!.high).toBeGreaterThan(plan.needed!.value);
    // Per source at the current mix adds up to the whole.
    expect(plan.sources.reduce((a, x) => a + x.needed!.value, 0)).toBeCloseTo(plan.needed!.value, 6);
    // A target of no net change reads as keeping the households there are, not as adding none.
    expect(planFinding(plan)).toMatch(/^To add 100 households net by 31 Mar 2028 you need about \d+ approvals/);
    expect(planFinding(makePlan(model, 0, '2028-03-31')!)).toMatch(/^To keep as many households as you have now by 31 Mar 2028 you need about \d+ approvals/);
  });
});
