import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellText, readingPoints, stepValue, tableRecords, type ChartTable } from '../../../src/lib/charts/table';
import { fmtPct } from '../../../src/lib/format';

describe('the table behind a chart', () => {
  it('writes numbers by their column\'s format (whole numbers by default), text as given and nothing as a dash', () => {
    expect(cellText(1234, { label: 'n' })).toBe('1,234');
    expect(cellText(0.123, { label: 'Rate', format: fmtPct })).toBe('12%');
    expect(cellText('<5', { label: 'n' })).toBe('<5');
    expect(cellText(null, { label: 'n' })).toBe('–');
    expect(cellText(Number.NaN, { label: 'n' })).toBe('–');
  });

  it('gives a CSV download its records with numbers kept as numbers', () => {
    const t: ChartTable = { columns: [{ label: 'Stage' }, { label: 'Reached' }], rows: [['Enquiry', 120], ['Approved', '<5']] };
    expect(tableRecords(t)).toEqual({
      columns: [{ key: 'c0', label: 'Stage' }, { key: 'c1', label: 'Reached' }],
      records: [{ c0: 'Enquiry', c1: 120 }, { c0: 'Approved', c1: '<5' }],
    });
  });

  it('reads a curve off at round points that rise to the last one known', () => {
    expect(readingPoints(730)).toEqual([100, 200, 300, 400, 500, 600, 700, 730]);
    expect(readingPoints(24)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(readingPoints(0)).toEqual([]);
    expect(readingPoints(47, 8, 6)).toEqual([6, 12, 18, 24, 30, 36, 42, 47]);
    expect(readingPoints(24, 8, 6)).toEqual([6, 12, 18, 24]);
    fc.assert(fc.property(fc.double({ min: 0.5, max: 1e5, noNaN: true }), (end) => {
      const at = readingPoints(end);
      expect(at[at.length - 1]).toBe(end);
      for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
      expect(at[0]).toBeGreaterThan(0);
    }));
  });

  it('takes a step curve\'s value from the last step at or before the time', () => {
    const pts = [{ time: 10, value: 0.1 }, { time: 20, value: 0.3 }];
    expect([0, 9, 10, 15, 20, 99].map((t) => stepValue(pts, t, 0))).toEqual([0, 0, 0.1, 0.1, 0.3, 0.3]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }), fc.integer({ min: 0, max: 120 }), (times, t) => {
      const sorted = [...times].sort((a, b) => a - b).map((time, i) => ({ time, value: i + 1 }));
      const before = sorted.filter((p) => p.time <= t);
      expect(stepValue(sorted, t, 0)).toBe(before.length ? before[before.length - 1].value : 0);
    }));
  });
});
