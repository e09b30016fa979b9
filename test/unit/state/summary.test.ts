import { describe, expect, it } from 'vitest';
import { decodeSummary, dropoffSummary, encodeSummary, isSummary, overviewSummary, type Summary } from '../../../src/lib/state/summary';
import type { Funnel } from '../../../src/lib/funnel/funnel';
import type { ReasonRow } from '../../../src/lib/funnel/reasons';

/** A funnel from [reached, left, open] per stage (what the summaries read of it). */
function funnel(rows: [number, number, number][]): Funnel {
  const ids = ['enquiry', 'initial_visit', 'application', 'approved'].slice(0, rows.length);
  const steps = rows.map(([reached, left, open], i) => ({
    id: ids[i], name: ids[i], reached, left, open, conversion: null, decidedConversion: null, days: null, backwards: 0, skipped: 0,
  }));
  return {
    steps, total: rows[0][0], approved: rows[rows.length - 1][0],
    open: rows.reduce((a, r) => a + r[2], 0), left: rows.reduce((a, r) => a + r[1], 0),
    daysToFinal: { q1: null, median: null, q3: null, n: 0 },
  } as unknown as Funnel;
}

describe('overviewSummary', () => {
  it('publishes large counts and their rates as they are', () => {
    const d = overviewSummary(funnel([[100, 40, 10], [50, 20, 10], [20, 5, 5], [10, 0, 0]]));
    if (d.kind !== 'overview') throw new Error('kind');
    expect(d.steps.map((s) => [s.reached, s.left, s.open])).toEqual([[100, 40, 10], [50, 20, 10], [20, 5, 5], [10, 0, 0]]);
    expect(d.steps.map((s) => s.conversion)).toEqual([null, 0.5, 0.4, 0.5]);
    expect([d.total, d.approved, d.openNow]).toEqual([100, 10, 25]);
  });

  it('7 enquired, 6 left, 1 had a visit and is still open: nothing lets the 1 be worked out', () => {
    const d = overviewSummary(funnel([[7, 6, 0], [1, 0, 1], [0, 0, 0], [0, 0, 0]]));
    if (d.kind !== 'overview') throw new Error('kind');
    expect(d.steps[0]).toMatchObject({ reached: 7, left: 'suppressed', open: 'suppressed' });
    expect(d.steps[1]).toMatchObject({ reached: '<5', open: '<5', conversion: 'suppressed' });
    // "Still open now" adds up the stages' still open: with one of them "<5", another is withheld too.
    expect(d.openNow).toBe('<5');
    expect(d.total).toBe(7);
  });

  it('the last stage\'s still open (0 by definition) is never withheld', () => {
    const d = overviewSummary(funnel([[300, 100, 66], [134, 20, 3], [111, 9, 5], [97, 0, 0]]));
    if (d.kind !== 'overview') throw new Error('kind');
    expect(d.steps[3]).toMatchObject({ reached: 97, left: 0, open: 0 });
    expect(d.steps[1].open).toBe('<5');
    // Open now (74) less the shown opens would give the 3 away: the panel's 5 is withheld with it.
    expect(d.steps[2].open).toBe('suppressed');
  });
});

describe('dropoffSummary', () => {
  it('reasons that add up to those who left are withheld with them', () => {
    const reasons = [
      { stage: 'enquiry', code: 'AW1', n: 40 }, { stage: 'enquiry', code: 'AW2', n: 3 }, { stage: 'enquiry', code: 'AW3', n: 17 },
    ] as ReasonRow[];
    const d = dropoffSummary(funnel([[100, 60, 10], [30, 0, 0]]), reasons, (c) => c);
    if (d.kind !== 'dropoff') throw new Error('kind');
    // 60 left = 40 + <5 + 17: the 17 is withheld too, so the 3 cannot be worked out.
    expect(d.reasons.map((r) => r.n)).toEqual([40, '<5', 'suppressed']);
    expect(d.steps[0].left).toBe(60);
  });
});

describe('summary links', () => {
  it('carry withheld counts through the fragment and back', async () => {
    const s: Summary = {
      v: 1, view: 'overview', source: { files: ['x.csv'], rows: 7 }, asOf: '2024-01-31', filters: [], made: '2024-02-01',
      data: overviewSummary(funnel([[7, 6, 0], [1, 0, 1], [0, 0, 0], [0, 0, 0]])),
    };
    expect(isSummary(s)).toBe(true);
    expect(await decodeSummary(await encodeSummary(s))).toEqual(s);
    expect(isSummary({ ...s, source: { files: ['x.csv'], rows: 'lots' } })).toBe(false);
  });
});
