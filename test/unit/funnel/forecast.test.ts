import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { BLANK } from '../../../src/lib/funnel/filters';
import { MIN_EFFECTIVE_PEOPLE } from '../../../src/lib/thresholds';
import {
  approvalChancesMetric,
  chanceFor,
  forecastApprovals,
  landmarkCounts,
  landmarkFor,
  openByGroup,
  openByGroupSql,
  stageTimeCountsSql,
  WAIT_LANDMARKS,
  type StageChance,
} from '../../../src/lib/funnel/forecast';
import { defaultSettings, visibleStages } from '../../../src/lib/funnel/settings';
import { visibleStageDateColumn } from '../../../src/lib/schema';
import { aalenJohansen, type Observation } from '../../../src/lib/stats/aalenJohansen';
import { effectiveSize, incidenceWithVariance } from '../../../src/lib/stats/incidenceVariance';
import { generateEnquiries, toWideCsv, type Enquiry } from '../../../scripts/sample/generate.mjs';
import { runSpec } from '../../helpers/metric';
import { hiding, setup, wide } from './fixtures';
import { ensureJourneys } from '../../../src/lib/coordinator/tables';

// WIDE: Ref, Enquiry, Visit, Application, Stage 1, Stage 2, Panel, Approval, Status, Reason, Exit Date, Campaign.
const ROWS = [
  'A,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,11/05/2024,Approved,,,X',
  'B,01/01/2024,10/01/2024,01/02/2024,,,,,Withdrawn,Moving,21/02/2024,X', // left at application
  'C,01/01/2024,,01/03/2024,,,,,In progress,,,Y', // open at application, visit not recorded
  'D,01/02/2024,,,,,,,In progress,,,Y', // open at enquiry
  'E,01/01/2024,,,,,,,NFA,,15/01/2024,X', // left at enquiry
];
// The as-of date is the latest date in the data: A's approval, 11 May 2024 (2024 is a leap year).

describe('stageTimeCountsSql', () => {
  test('days from reaching each stage to the outcome, and the wait bands outlasted there', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    expect(asOf).toBe('2024-05-11');
    const rows = await engine.query<Record<string, number>>(stageTimeCountsSql(settings, asOf));
    const got = rows.map((r) => [r.stage, r.band, r.day, r.approved, r.left, r.censored]);
    expect(got).toEqual([
      // Enquiry (all five): E left after 14 days (stayed 14, not more than 14: band 0); B left on day 51
      // (moved on after 9); A approved on day 131; C open, 131 days followed, moved on after 60 (band 2:
      // more than 14 and 30, not 60); D open since 1 Feb: 100 days (band 4: more than 90).
      [0, 0, 14, 0, 1, 0], [0, 0, 51, 0, 1, 0], [0, 0, 131, 1, 0, 0], [0, 2, 131, 0, 0, 1], [0, 4, 100, 0, 0, 1],
      // Initial visit (A, B, C): A and B visited on 10 Jan and applied 22 days later; C has no visit date,
      // so it counts from the enquiry (1 Jan), with 60 days to its application.
      [1, 1, 42, 0, 1, 0], [1, 1, 122, 1, 0, 0], [1, 2, 131, 0, 0, 1],
      // Application (A, B, C): B left 20 days after applying; A reached Stage 1 after 29 days, approved on day 100;
      // C applied on 1 Mar and is open 71 days later.
      [2, 1, 20, 0, 1, 0], [2, 1, 100, 1, 0, 0], [2, 3, 71, 0, 0, 1],
      // Stage 1, Stage 2, panel: A alone (31, 30 and 10 days at them).
      [3, 2, 71, 1, 0, 0], [4, 1, 40, 1, 0, 0], [5, 0, 10, 1, 0, 0],
    ]);
  });

  test('equal to counting each enquiry at each stage it reached, whatever is hidden and whenever the as-of date', async () => {
    const rows = generateEnquiries({ count: 400, seed: 11 });
    const base = defaultSettings();
    const { engine, ds } = await setup(toWideCsv(rows), base);
    const day = (col: string) => `(${col} - DATE '1970-01-01')::INTEGER`;
    await fc.assert(fc.asyncProperty(
      fc.subarray(base.stages.slice(1).map((st) => st.id)), fc.constantFrom('2023-06-30', '2024-12-31', '2026-10-31'),
      async (hidden, asOfDate) => {
        const s = { ...base, asOf: asOfDate, stages: base.stages.map((st) => ({ ...st, hidden: hidden.includes(st.id) })) };
        const asOf = await ensureJourneys(engine, ds, s, () => {});
        const vis = visibleStages(s);
        if (vis.length < 2) return;
        const got = await engine.query<Record<string, number>>(stageTimeCountsSql(s, asOf));
        const people = await engine.query<{ outcome: string; furthest: number; e: number; exit: number | null; last: number | null; d: (number | null)[] }>(
          `SELECT outcome, furthest, ${day('enquiry_date')} AS e, ${day('exit_date')} AS exit, ${day('last_stage_date')} AS last,
             [${vis.map((st) => day(visibleStageDateColumn(st.id))).join(', ')}] AS d FROM journeys`);
        const asOfDay = Math.round(Date.parse(asOf) / 86400000);
        const want = new Map<string, [number, number, number, number, number, number]>();
        const first = (xs: (number | null)[]) => xs.find((x) => x !== null) ?? null;
        for (const p of people) {
          const end = Math.min(asOfDay, p.outcome === 'approved' ? (first([p.d[vis.length - 1], p.last]) as number)
            : p.outcome === 'left' ? (first([p.exit, p.last, p.e]) as number) : asOfDay);
          for (let k = 0; k <= Math.min(p.furthest, vis.length - 2); k++) {
            const entry = first([...p.d.slice(0, k + 1).reverse(), p.e]) as number;
            const next = first(p.d.slice(k + 1));
            const t = Math.max(end - entry, 0);
            const stay = p.furthest > k && next !== null ? Math.min(Math.max(next - entry, 0), t) : t;
            const band = WAIT_LANDMARKS.slice(1).filter((l) => stay > l).length;
            const key = `${k},${band},${t}`;
            const c = want.get(key) ?? [k, band, t, 0, 0, 0];
            c[p.outcome === 'approved' ? 3 : p.outcome === 'left' ? 4 : 5]++;
            want.set(key, c);
          }
        }
        const order = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
        expect(got.map((r) => [r.stage, r.band, r.day, r.approved, r.left, r.censored])).toEqual([...want.values()].sort(order));
      }), { numRuns: 12 });
  });
});

describe('approvalChancesMetric', () => {
  test('open cases censored, not counted as failures; one estimate per wait', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    const chances = await runSpec(engine, approvalChancesMetric, { settings }, { asOf });
    expect(chances).toHaveLength(6); // every stage but the last
    expect(chances.every((c) => c.length === WAIT_LANDMARKS.length)).toBe(true);
    // Application, everyone: B left (day 20) of 3 at risk, C censored (71), A approved (100) of 1: 2/3 x 1 = 2/3.
    // Decided cases only would say 1/2. The delta-method variance is 2/27, worth (2/9)/(2/27) = 3 people.
    const app = chances[2][0];
    expect(app).toMatchObject({ stage: 'application', waitedDays: 0, people: 3, decided: 2 });
    expect(app.chance).toBeCloseTo(2 / 3, 12);
    expect(app.effectivePeople).toBeCloseTo(3, 9);
    expect([app.alpha, app.beta]).toEqual([expect.closeTo(2.5, 9), expect.closeTo(1.5, 9)]);
    // After more than 30 days at application, only C (open) is left: no outcome known, chance 0 on no evidence.
    expect(chances[2][2]).toMatchObject({ waitedDays: 30, people: 1, decided: 0, chance: 0, effectivePeople: 0, alpha: 0.5, beta: 0.5 });
    // Enquiry, everyone: left at 14 (5 at risk) and 51 (4), approved at 131 (2): 3/5 x 1/2 = 3/10; the variance
    // works out by hand to 9/2000 + 15/2000 + 90/2000 = 0.057.
    const enquiry = chances[0][0];
    expect(enquiry.chance).toBeCloseTo(0.3, 12);
    expect(enquiry.effectivePeople).toBeCloseTo(0.21 / 0.057, 9);
    // The same through the tested estimator on the observations listed by hand.
    const obs: Observation[] = [
      { time: 14, event: 'left' }, { time: 51, event: 'left' }, { time: 131, event: 'approved' }, { time: 131, event: 'censored' }, { time: 100, event: 'censored' },
    ];
    const e = incidenceWithVariance(aalenJohansen(obs));
    expect(enquiry.effectivePeople).toBeCloseTo(effectiveSize(e, 3, 5), 12);
    // After waiting more than 14 days at the enquiry stage: C (band 2) and D (band 4), both open.
    expect(chances[0][1]).toMatchObject({ people: 2, decided: 0 });
  });
});

describe('openByGroup', () => {
  test('open enquiries by stage and how long they have waited there', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    const open = openByGroup(await engine.query(openByGroupSql(settings, asOf, 'campaign')!));
    expect([...open.keys()]).toEqual(['Y']);
    // C: at application for 71 days (band 3: 60 or more); D: at enquiry for 100 days (band 4: 90 or more).
    expect(open.get('Y')!.sort((a, b) => a.stageIndex - b.stageIndex)).toEqual([
      { stageIndex: 0, band: 4, open: 1 }, { stageIndex: 2, band: 3, open: 1 },
    ]);
    expect(await engine.query(openByGroupSql(settings, asOf, 'campaign', { campaigns: ['X'] })!)).toEqual([]);
  });
});

describe('stage settings', () => {
  test('hidden stages: their dates count towards the stage before; one visible stage leaves nothing to forecast', async () => {
    // Visible: enquiry, application, Stage 1, panel, approved.
    const { engine, settings, asOf } = await setup(wide(ROWS), hiding('initial_visit', 'stage2'));
    const chances = await runSpec(engine, approvalChancesMetric, { settings }, { asOf });
    expect(chances.map((c) => c[0].stage)).toEqual(['enquiry', 'application', 'stage1', 'panel']);
    // Application: the same three people and outcomes as with every stage shown.
    expect(chances[1][0].chance).toBeCloseTo(2 / 3, 12);
    const [y] = (await runSpec(engine, channelsMetric, { settings, by: 'campaign' }, { asOf })).filter((r) => r.name === 'Y');
    expect(y.openNow).toBe(2);
    expect(y.expectedApprovals.high).toBeLessThanOrEqual(2);

    const only = await setup(wide(ROWS), hiding('initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved'));
    expect(await runSpec(only.engine, approvalChancesMetric, { settings: only.settings }, { asOf: only.asOf })).toEqual([]);
    expect(openByGroupSql(only.settings, only.asOf, 'campaign')).toBeNull();
    const rows = await runSpec(only.engine, channelsMetric, { settings: only.settings, by: 'campaign' }, { asOf: only.asOf });
    expect(rows.every((r) => r.openNow === 0 && r.expectedApprovals.value === 0 && r.expectedApprovals.high === 0)).toBe(true);
  });
});

/** A made-up chance for the pure functions below. */
const chance = (stageIndex: number, band: number, p: number, effectivePeople: number): StageChance => ({
  stage: `s${stageIndex}`, stageIndex, waitedDays: WAIT_LANDMARKS[band], chance: p, people: Math.ceil(effectivePeople), decided: Math.ceil(effectivePeople),
  effectivePeople, alpha: 0.5 + p * effectivePeople, beta: 0.5 + (1 - p) * effectivePeople,
});

describe('chanceFor', () => {
  test("a wait's own estimate when backed by enough people, else the nearest shorter wait's", () => {
    const stage = [chance(0, 0, 0.2, 500), chance(0, 1, 0.1, 100), chance(0, 2, 0.05, MIN_EFFECTIVE_PEOPLE - 1), chance(0, 3, 0.01, 40)];
    expect(chanceFor([stage], 0, 0)).toBe(stage[0]);
    expect(chanceFor([stage], 0, 1)).toBe(stage[1]);
    expect(chanceFor([stage], 0, 2)).toBe(stage[1]); // too few: falls back
    expect(chanceFor([stage], 0, 3)).toBe(stage[3]);
    expect(chanceFor([stage], 0, 7)).toBe(stage[3]); // beyond the last estimate: the last
    expect(chanceFor([[chance(0, 0, 0.5, 0), chance(0, 1, 0.5, 2)]], 0, 1).waitedDays).toBe(0); // everyone who reached it at worst
  });
});

describe('landmarkCounts', () => {
  test('landmark j counts, day by day, everyone who outlasted it: bands j and above', () => {
    const rows = [
      { band: 0, day: 5, approved: 1, left: 2, censored: 0 },
      { band: 2, day: 5, approved: 0, left: 1, censored: 1 },
      { band: 1, day: 40, approved: 3, left: 0, censored: 0 },
    ];
    const got = landmarkCounts(rows);
    expect(got).toHaveLength(WAIT_LANDMARKS.length);
    expect(got[0]).toEqual([{ time: 5, approved: 1, left: 3, censored: 1 }, { time: 40, approved: 3, left: 0, censored: 0 }]);
    expect(got[1]).toEqual([{ time: 5, approved: 0, left: 1, censored: 1 }, { time: 40, approved: 3, left: 0, censored: 0 }]);
    expect(got[2]).toEqual([{ time: 5, approved: 0, left: 1, censored: 1 }]);
    expect(got.slice(3).every((c) => c.length === 0)).toBe(true);
  });

  test('each landmark holds as many people as the rows of its band and above', () => {
    const row = fc.record({
      band: fc.integer({ min: 0, max: WAIT_LANDMARKS.length - 1 }), day: fc.integer({ min: 0, max: 60 }),
      approved: fc.nat(9), left: fc.nat(9), censored: fc.nat(9),
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
      const people = (xs: { approved: number; left: number; censored: number }[]) => xs.reduce((s, r) => s + r.approved + r.left + r.censored, 0);
      landmarkCounts(rows).forEach((counts, j) => {
        expect(people(counts)).toBe(people(rows.filter((r) => r.band >= j)));
        expect(new Set(counts.map((c) => c.time)).size).toBe(counts.length);
      });
    }));
  });
});

describe('landmarkFor', () => {
  test('the wait itself when enough people back it, else the nearest shorter one, else everyone who reached the stage', () => {
    const m = MIN_EFFECTIVE_PEOPLE;
    expect(landmarkFor([500, m, m - 1, m], 2)).toBe(1);
    expect(landmarkFor([500, m, m - 1, m], 3)).toBe(3);
    expect(landmarkFor([500, m, m - 1, m], 9)).toBe(3);
    expect(landmarkFor([0, m - 1], 1)).toBe(0);
    expect(landmarkFor([0, m], 0)).toBe(0);
  });
});

describe('forecastApprovals', () => {
  test('whole-number range; enquiries sharing an estimate share its uncertainty', () => {
    const chances = [[chance(0, 0, 0.1, 1000), chance(0, 1, 0.02, 200)], [chance(1, 0, 0.5, 8)]];
    expect(forecastApprovals(chances, [])).toEqual({ value: 0, low: 0, high: 0 });
    const f = forecastApprovals(chances, [{ stageIndex: 0, band: 0, open: 30 }, { stageIndex: 0, band: 1, open: 50 }, { stageIndex: 1, band: 0, open: 4 }]);
    const mean = (c: StageChance) => c.alpha / (c.alpha + c.beta);
    expect(f.value).toBeCloseTo(30 * mean(chances[0][0]) + 50 * mean(chances[0][1]) + 4 * mean(chances[1][0]), 9);
    expect(Number.isInteger(f.low) && Number.isInteger(f.high)).toBe(true);
    expect(f.low).toBeLessThanOrEqual(Math.round(f.value));
    expect(f.high).toBeGreaterThanOrEqual(Math.round(f.value));
    // Four enquiries at a stage with an uncertain chance (worth 8 people) vary more than four independent coin tosses:
    // the range for them alone covers all of 0 to 4.
    expect(forecastApprovals(chances, [{ stageIndex: 1, band: 0, open: 4 }])).toMatchObject({ value: 2, low: 0, high: 4 });
    // Open groups are merged before the sum: two rows of the same estimate equal one row with both.
    expect(forecastApprovals(chances, [{ stageIndex: 1, band: 0, open: 2 }, { stageIndex: 1, band: 0, open: 2 }]))
      .toEqual(forecastApprovals(chances, [{ stageIndex: 1, band: 0, open: 4 }]));
  });
});

/** What became of the enquiries open at `asOf`, per source, by the end of the generated data. */
function realised(rows: readonly Enquiry[], asOf: string) {
  const out = new Map<string, { open: number; approved: number; stillOpen: number }>();
  for (const e of rows) {
    if (e.duplicate || e.enquiryDate > asOf) continue;
    if ((e.approvedDate !== null && e.approvedDate <= asOf) || (e.closedDate !== null && e.closedDate <= asOf)) continue;
    const key = e.source ?? BLANK;
    const c = out.get(key) ?? { open: 0, approved: 0, stillOpen: 0 };
    c.open++;
    if (e.approvedDate !== null) c.approved++;
    else if (e.closedDate === null) c.stillOpen++;
    out.set(key, c);
  }
  return out;
}

describe('back-test on generated data with known futures', () => {
  test('95% ranges cover the approvals that came in at least 85% of (source x as-of date) cells', async () => {
    // 4,000 enquiries from April 2022 to October 2026; forecasts as they stood at eight quarter ends up to
    // December 2024, each compared with what became of the enquiries open then by October 2026.
    const rows = generateEnquiries({ count: 4000, seed: 5 });
    const base = defaultSettings();
    const { engine, ds } = await setup(toWideCsv(rows), base);
    const dates = ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31', '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'];
    const misses: string[] = [];
    let cells = 0;
    let stillOpen = 0;
    for (const asOf of dates) {
      const s = { ...base, asOf };
      const inForce = await ensureJourneys(engine, ds, s, () => {});
      expect(inForce).toBe(asOf);
      const truth = realised(rows, asOf);
      for (const r of await runSpec(engine, channelsMetric, { settings: s, by: 'source' }, { asOf: inForce })) {
        const t = truth.get(r.name) ?? { open: 0, approved: 0, stillOpen: 0 };
        // The app sees exactly the enquiries that were open then.
        expect(r.openNow).toBe(t.open);
        if (!r.openNow) continue;
        cells++;
        stillOpen += t.stillOpen;
        const { value, low, high } = r.expectedApprovals;
        expect(Number.isInteger(low) && Number.isInteger(high)).toBe(true);
        // Still open at the end of the data: covered only if every way they could end is inside the range.
        if (!(low <= t.approved && t.approved + t.stillOpen <= high)) {
          misses.push(`${asOf} ${r.name}: ${value.toFixed(1)} (${low}-${high}), ${r.openNow} open, ${t.approved} approved${t.stillOpen ? ` + ${t.stillOpen} still open` : ''}`);
        }
      }
    }
    const coverage = (cells - misses.length) / cells;
    console.log(`Expected approvals back-test: ${cells - misses.length} of ${cells} cells covered (${(100 * coverage).toFixed(1)}%); ${stillOpen} enquiries still open at the end.\n  Missed: ${misses.join('\n          ')}`);
    expect(cells).toBeGreaterThanOrEqual(40);
    expect(coverage).toBeGreaterThanOrEqual(0.85);
    // Early enough as-of dates: almost everything open then was decided by the end.
    expect(stillOpen).toBeLessThanOrEqual(5);
  }, 120_000);
});
