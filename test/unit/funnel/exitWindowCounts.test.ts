import { describe, expect, test } from 'vitest';
import { exitWindowCountsMetric } from '../../../src/lib/funnel/exitWindowCounts';
import { seededRandom } from '../../../src/lib/stats/random';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from './fixtures';
import { CURRENT, EXIT_ROWS, PREVIOUS } from './exitRows';

describe('exitWindowCountsMetric', () => {
  test('leavers, leavers at a stage, people moving on from it, and those open on the last day, per window', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const counts = await runSpec(engine, exitWindowCountsMetric, { settings, windows: [CURRENT, PREVIOUS], stage: 'enquiry' });
    expect(counts).toEqual([
      { ...CURRENT, left: 2, leftAtStage: 2, movedOnFromStage: 2, openAtEnd: 3 }, // A6, A7; A8, A9; open A4, A8, A9
      { ...PREVIOUS, left: 2, leftAtStage: 1, movedOnFromStage: 2, openAtEnd: 2 }, // A1, A3; A1; A3, A5; open A4, A5
    ]);
  });

  test('another stage, the filters, and no stage at all', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS));
    const visit = await runSpec(engine, exitWindowCountsMetric, { settings, windows: [PREVIOUS], stage: 'initial_visit' });
    expect(visit[0]).toMatchObject({ left: 2, leftAtStage: 1, movedOnFromStage: 1 }); // A3 left there; A5 went on to application
    const radio = await runSpec(engine, exitWindowCountsMetric, { settings, filters: { campaigns: ['Radio'] }, windows: [CURRENT, PREVIOUS], stage: 'enquiry' });
    expect(radio.map((c) => [c.left, c.leftAtStage, c.movedOnFromStage, c.openAtEnd])).toEqual([[1, 1, 1, 1], [1, 0, 2, 1]]);
    const none = await runSpec(engine, exitWindowCountsMetric, { settings, windows: [CURRENT], stage: null });
    expect(none[0]).toMatchObject({ left: 2, leftAtStage: 0, movedOnFromStage: 0, openAtEnd: 3 });
    // The last stage has no step after it to count.
    const last = await runSpec(engine, exitWindowCountsMetric, { settings, windows: [CURRENT], stage: 'approved' });
    expect(last[0]).toMatchObject({ leftAtStage: 0, movedOnFromStage: 0 });
  });

  test('agrees with a count made row by row on seeded random journeys', async () => {
    const rnd = seededRandom(20261127);
    const day = (d: number) => new Date(Date.UTC(2021, 0, 1 + d)).toISOString().slice(0, 10);
    const uk = (iso: string) => iso.split('-').reverse().join('/');
    type Person = { enquiry: number; visit: number | null; application: number | null; outcome: 'left' | 'open'; exit: number | null };
    const people: Person[] = Array.from({ length: 300 }, () => {
      const enquiry = Math.floor(rnd() * 900);
      const visit = rnd() < 0.5 ? enquiry + 1 + Math.floor(rnd() * 60) : null;
      const application = visit !== null && rnd() < 0.5 ? visit + 1 + Math.floor(rnd() * 60) : null;
      const outcome = rnd() < 0.6 ? 'left' : 'open';
      const last = application ?? visit ?? enquiry;
      const exit = outcome === 'left' && rnd() < 0.7 ? last + Math.floor(rnd() * 90) : null;
      return { enquiry, visit, application, outcome, exit };
    });
    const rows = people.map((p, i) => [`P${i}`, uk(day(p.enquiry)), p.visit === null ? '' : uk(day(p.visit)), p.application === null ? '' : uk(day(p.application)),
      '', '', '', '', p.outcome === 'left' ? 'Withdrawn' : 'In progress', '', p.exit === null ? '' : uk(day(p.exit)), ''].join(','));
    const { engine, settings } = await setup(wide(rows));
    const windows = [{ from: day(300), to: day(599) }, { from: day(600), to: day(899) }];
    const got = await runSpec(engine, exitWindowCountsMetric, { settings, windows, stage: 'initial_visit' });
    const inW = (d: number | null, w: { from: string; to: string }) => d !== null && day(d) >= w.from && day(d) <= w.to;
    windows.forEach((w, i) => {
      const leftOn = (p: Person) => (p.outcome === 'left' ? p.exit ?? p.application ?? p.visit ?? p.enquiry : null);
      expect(got[i].left).toBe(people.filter((p) => inW(leftOn(p), w)).length);
      expect(got[i].leftAtStage).toBe(people.filter((p) => p.visit !== null && p.application === null && inW(leftOn(p), w)).length);
      expect(got[i].movedOnFromStage).toBe(people.filter((p) => inW(p.application, w)).length);
      const end = w.to;
      expect(got[i].openAtEnd).toBe(people.filter((p) => day(p.enquiry) <= end && !(leftOn(p) !== null && day(leftOn(p)!) <= end)).length);
    });
  });
});
