import { describe, expect, test } from 'vitest';
import { decidedAtStage, leftLine, openLine, stageShareLine, windowName } from '../../../src/lib/funnel/dropoffLines';
import { newcombeDifference } from '../../../src/lib/stats/newcombe';
import type { ExitWindowCounts } from '../../../src/lib/funnel/exitWindowCounts';

const W = { from: '2025-11-01', to: '2026-10-31' };
const counts = (left: number, leftAtStage: number, movedOnFromStage: number, openAtEnd: number): ExitWindowCounts => ({ ...W, left, leftAtStage, movedOnFromStage, openAtEnd });
const windows = { current: W, previous: { from: '2024-11-01', to: '2025-10-31' }, days: 365, previousIncomplete: false };

describe('Drop-off comparison lines', () => {
  test('the window in a few words, as the Overview names it', () => {
    expect(windowName(windows)).toBe('Last 12 months');
    expect(windowName({ ...windows, current: { from: '2025-04-01', to: '2026-03-31' } }, { from: '2025-04-01', to: '2026-03-31' })).toBe('2025-26');
  });

  test('people who left: a change named only beyond chance', () => {
    // 150 against 100: the exact Poisson-ratio interval leaves out 1.
    expect(leftLine(counts(150, 0, 0, 0), counts(100, 0, 0, 0))).toMatchObject({ short: 'up 50%', direction: 'up' });
    expect(leftLine(counts(105, 0, 0, 0), counts(100, 0, 0, 0))).toMatchObject({ short: 'no clear change', direction: 'same' });
    expect(leftLine(counts(0, 0, 0, 0), counts(0, 0, 0, 0))).toMatchObject({ short: 'none before' });
  });

  test('the share who left at the stage among the steps decided there, by Newcombe\'s interval', () => {
    // Now 30 of 100 decided left (70 moved on); before 50 of 100: down 20 points, interval below 0.
    const fell = stageShareLine(counts(0, 30, 70, 0), counts(0, 50, 50, 0))!;
    expect(newcombeDifference(30, 100, 50, 100).high).toBeLessThan(0);
    expect(fell).toMatchObject({ short: 'down 20 points', direction: 'down' });
    expect(fell.text).toBe('30% of the 100 decided there left, down 20 points on 50%');
    expect(stageShareLine(counts(0, 9, 11, 0), counts(0, 10, 10, 0))).toMatchObject({ short: 'no clear change', direction: 'same' });
    // Nothing decided in a window: no comparison.
    expect(stageShareLine(counts(5, 0, 0, 0), counts(0, 10, 10, 0))).toBeUndefined();
    expect(decidedAtStage(counts(0, 3, 4, 9))).toBe(7);
  });

  test('open on the last day of each window', () => {
    expect(openLine(counts(0, 0, 0, 300), counts(0, 0, 0, 200))).toMatchObject({ short: 'up 50%', direction: 'up' });
    expect(openLine(counts(0, 0, 0, 210), counts(0, 0, 0, 200))).toMatchObject({ short: 'no clear change' });
  });
});
