import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { approvalChancesMetric, chanceFor, WAIT_LANDMARKS, type StageTimeRow } from '../../../src/lib/funnel/forecast';
import { defaultSettings, visibleStages } from '../../../src/lib/funnel/settings';
import { conditionalChance, approvalCurve, type ApprovalCurve } from '../../../src/lib/plan/curve';
import type { PlanInputs } from '../../../src/lib/plan/inputs';
import { planModel } from '../../../src/lib/plan/model';
import { curveFor, openChance, openCurve, pipelineByStage } from '../../../src/lib/plan/pipeline';
import { stateAt } from '../../../src/lib/stats/aalenJohansen';

const settings = defaultSettings();
const STAGES = visibleStages(settings).map((s) => ({ id: s.id, name: s.name }));

/** Planner inputs holding only the stage wait counts (the rest empty). */
const inputsWith = (stageWaits: StageTimeRow[]): PlanInputs => ({
  asOf: '2025-01-01', stages: STAGES, bySource: [], byCampaign: [], byStage: [], open: [], recent: [], recentDays: 365,
  stepDays: STAGES.map(() => null), losses: null, stageWaits,
});

/** Campaigns' chances from the same rows (approvalChancesMetric's shape). */
const campaignsChances = (rows: StageTimeRow[]) =>
  approvalChancesMetric.shape({ counts: rows as never }, { settings } as never, undefined as never) as ReturnType<typeof chanceFor>[][];

const curve = (rows: { day: number; approved: number; left: number; censored: number }[]): ApprovalCurve => approvalCurve(rows);

describe('curveFor', () => {
  test("the stage's own curve, or the nearest earlier one with an approval", () => {
    const withApproval = curve([{ day: 10, approved: 1, left: 1, censored: 0 }]);
    const without = curve([{ day: 10, approved: 0, left: 2, censored: 0 }]);
    expect(curveFor([withApproval, without, without], 2)).toBe(withApproval);
    expect(curveFor([withApproval, withApproval], 1)).toBe(withApproval);
    expect(curveFor([without], 0)).toBeNull();
    expect(curveFor([withApproval], 5)).toBe(withApproval); // a stage beyond the curves: the last
  });
});

describe('openCurve and openChance', () => {
  // Stage 0: 300 people; 100 stayed past 14 days (band 1), 10 past 30 days (band 2: too few to read alone).
  const rows: StageTimeRow[] = [
    { stage: 0, band: 0, day: 5, approved: 20, left: 150, censored: 20 },
    { stage: 0, band: 1, day: 20, approved: 30, left: 40, censored: 20 },
    { stage: 0, band: 2, day: 40, approved: 2, left: 6, censored: 2 },
  ];
  const model = planModel(inputsWith(rows));
  const chances = campaignsChances(rows);

  test('an enquiry is read from those who waited as long, or from a shorter wait with too few behind the longer', () => {
    expect(openCurve(model, 0, 0)).toEqual({ curve: model.waitCurves![0][0].curve, waited: true });
    expect(openCurve(model, 0, 14)!.curve).toBe(model.waitCurves![0][1].curve);
    expect(model.waitCurves![0][2].effectivePeople).toBeLessThan(30);
    expect(openCurve(model, 0, 45)!.curve).toBe(model.waitCurves![0][1].curve);
  });

  test('in the long run, the chance Campaigns gives for the same wait', () => {
    for (const [days, band] of [[0, 0], [13, 0], [14, 1], [45, 2], [400, 6]] as const) {
      expect(openChance(model, 0, days, 100_000)).toBeCloseTo(chanceFor(chances, 0, band).chance, 12);
    }
  });

  test('within the horizon, the share of those who waited as long approved by then', () => {
    const c = model.waitCurves![0][1].curve;
    expect(openChance(model, 0, 20, 10)).toBeCloseTo(stateAt(c.points, 30).cumulativeIncidence, 12);
    expect(openChance(model, 0, 20, 0)).toBe(0);
  });

  test('a stage whose people were never approved is read from an earlier stage, given undecided so far', () => {
    const none: StageTimeRow[] = [...rows, { stage: 1, band: 0, day: 30, approved: 0, left: 5, censored: 3 }];
    const stageCurves = [curve([{ day: 10, approved: 5, left: 5, censored: 0 }, { day: 90, approved: 5, left: 0, censored: 10 }])];
    const m = { ...planModel(inputsWith(none)), stageCurves };
    expect(openCurve(m, 1, 40)).toEqual({ curve: stageCurves[0], waited: false });
    expect(openChance(m, 1, 40, 100)).toBeCloseTo(conditionalChance(stageCurves[0], 40, 100), 12);
    // Not the wait curve's reading (the share approved by day 140 from the start), which counts the early approvals in.
    expect(openChance(m, 1, 40, 100)).not.toBeCloseTo(stateAt(stageCurves[0].points, 140).cumulativeIncidence, 3);
  });

  test('without wait counts, each stage curve given undecided so far', () => {
    const stageCurves = [curve([{ day: 10, approved: 5, left: 5, censored: 0 }, { day: 90, approved: 5, left: 0, censored: 10 }])];
    const m = { stageCurves, waitCurves: null };
    expect(openChance(m, 0, 40, 100)).toBeCloseTo(conditionalChance(stageCurves[0], 40, 100), 12);
  });
});

describe('pipelineByStage', () => {
  const counts = fc.array(fc.record({
    stage: fc.integer({ min: 0, max: 2 }), band: fc.integer({ min: 0, max: WAIT_LANDMARKS.length - 1 }), day: fc.integer({ min: 0, max: 900 }),
    approved: fc.integer({ min: 0, max: 40 }), left: fc.integer({ min: 0, max: 40 }), censored: fc.integer({ min: 0, max: 40 }),
  }), { minLength: 1, maxLength: 30 });
  const open = fc.array(fc.record({ stage: fc.integer({ min: 0, max: 2 }), days: fc.integer({ min: 0, max: 1000 }), n: fc.integer({ min: 1, max: 50 }) }), { maxLength: 12 });

  test('long-run expected approvals are Campaigns\' chances times the open enquiries, stage by stage', () => {
    fc.assert(fc.property(counts, open, (rows, opens) => {
      const model = planModel(inputsWith(rows));
      const chances = campaignsChances(rows);
      const got = pipelineByStage(opens, model, () => 1_000_000);
      for (const st of got) {
        const here = opens.filter((o) => o.stage === st.stage);
        expect(st.open).toBe(here.reduce((s, o) => s + o.n, 0));
        // Campaigns reads a stage nobody who reached it was approved from as 0; the planner from an earlier stage's curve instead.
        if (!model.waitCurves![st.stage][0].curve.approvals) continue;
        const expected = here.reduce((s, o) => s + o.n * chanceFor(chances, o.stage, WAIT_LANDMARKS.filter((l) => l > 0 && o.days >= l).length).chance, 0);
        expect(st.expected).toBeCloseTo(expected, 6);
        expect(st.variance).toBeGreaterThanOrEqual(0);
      }
    }), { numRuns: 150 });
  });
});
