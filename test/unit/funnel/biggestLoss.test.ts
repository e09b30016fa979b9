import { describe, expect, test } from 'vitest';
import { biggestLoss } from '../../../src/lib/funnel/biggestLoss';
import { funnelMetric, funnelFromCounts, type Funnel, type OutcomeCount } from '../../../src/lib/funnel/funnel';
import { setup, wide } from './fixtures';
import { runSpec } from '../../helpers/metric';

const STAGES = [
  { id: 'enquiry', name: 'Enquiry' },
  { id: 'initial_visit', name: 'Initial visit' },
  { id: 'application', name: 'Application' },
  { id: 'approved', name: 'Approved' },
];

function funnel(counts: OutcomeCount[]): Funnel {
  const f = funnelFromCounts(STAGES, counts);
  const days = { median: null, q1: null, q3: null, n: 0 };
  return { ...f, steps: f.steps.map((s) => ({ ...s, days: null, backwards: 0, skipped: 0 })), daysToFinal: days };
}

describe('biggestLoss', () => {
  test('names the stage most people left at, with counts and share', () => {
    const f = funnel([
      { furthest: 0, outcome: 'left', n: 10 },
      { furthest: 1, outcome: 'left', n: 60 },
      { furthest: 1, outcome: 'open', n: 5 },
      { furthest: 2, outcome: 'left', n: 20 },
      { furthest: 3, outcome: 'approved', n: 5 },
    ]);
    expect(biggestLoss(f)).toBe(
      'Most people are lost between initial visit and application: 60 of 90 who reached initial visit left before application (67%); 5 more are still open at that point.',
    );
  });

  test('open enquiries are not losses; small shares get a decimal; thousands get separators', () => {
    const f = funnel([
      { furthest: 0, outcome: 'open', n: 5000 },
      { furthest: 0, outcome: 'left', n: 100 },
      { furthest: 1, outcome: 'left', n: 99 },
      { furthest: 3, outcome: 'approved', n: 1 },
    ]);
    expect(biggestLoss(f)).toBe(
      'Most people are lost between enquiry and initial visit: 100 of 5,200 who reached enquiry left before initial visit (1.9%); 5,000 more are still open at that point.',
    );
  });

  test('one still open is said in the singular', () => {
    const f = funnel([
      { furthest: 0, outcome: 'left', n: 1 },
      { furthest: 0, outcome: 'open', n: 1 },
    ]);
    expect(biggestLoss(f)).toBe('Most people are lost between enquiry and initial visit: 1 of 2 who reached enquiry left before initial visit (50%); 1 more is still open at that point.');
  });

  test('ties go to the earlier stage', () => {
    const f = funnel([
      { furthest: 0, outcome: 'left', n: 3 },
      { furthest: 2, outcome: 'left', n: 3 },
    ]);
    expect(biggestLoss(f)).toMatch(/^Most people are lost between enquiry and initial visit: 3 of 6/);
  });

  test('nothing to say: no exits (all open), no enquiries, a single stage', () => {
    expect(biggestLoss(funnel([{ furthest: 1, outcome: 'open', n: 4 }]))).toBeNull();
    expect(biggestLoss(funnel([]))).toBeNull();
    const one = funnelFromCounts([{ id: 'enquiry', name: 'Enquiry' }], [{ furthest: 0, outcome: 'approved', n: 3 }]);
    expect(biggestLoss({ ...one, steps: one.steps.map((s) => ({ ...s, days: null, backwards: 0, skipped: 0 })), daysToFinal: { median: null, q1: null, q3: null, n: 0 } })).toBeNull();
  });

  test('on a funnel computed from data', async () => {
    const { engine, settings } = await setup(wide([
      'A,01/01/2024,,,,,,,NFA,,,',
      'B,01/01/2024,10/01/2024,,,,,,Withdrawn,,,',
      'C,01/01/2024,10/01/2024,,,,,,Withdrawn,,,',
      'D,01/01/2024,10/01/2024,01/02/2024,,,,,In progress,,,',
    ]));
    const f = await runSpec(engine, funnelMetric, { settings: settings });
    expect(biggestLoss(f)).toBe('Most people are lost between initial visit and application: 2 of 3 who reached initial visit left before application (67%).');
  });
});
