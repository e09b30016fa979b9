import { describe, expect, it } from 'vitest';
import { withheldComparison, withheldTable } from '../../../src/lib/stats/disclosureTables';

const cells = (grid: number[][], order: [number, number][] = []) => {
  const shown = withheldTable(grid, grid[0].length, order);
  return grid.map((row, r) => row.map((_, c) => shown(r, c)));
};

describe('withheldTable', () => {
  it('shows a table with no count of 1-4 as it is', () => {
    expect(cells([[120, 30], [40, 12]]).flat().every((x) => x === 'shown')).toBe(true);
  });

  it('120, 3 and 40 against a known 163: the 40 goes with the 3', () => {
    expect(cells([[120], [3], [40]]).flat()).toEqual(['shown', 'withheld', 'withheld']);
  });

  it('3, 0 and 50 against a known 53: the 0 goes first, but the two withheld would add up to 3, so the 50 goes too', () => {
    expect(cells([[3], [0], [50]]).flat()).toEqual(['withheld', 'withheld', 'withheld']);
  });

  it('relabels the small counts when the labels alone give one away (a "<5" and a "suppressed" making 6)', () => {
    expect(cells([[5], [1]]).flat()).toEqual(['withheld', 'relabelled']);
  });

  it('uses each row\'s order: approvals under a "<5" of applications are read as 0-4', () => {
    const c = cells([[6, 1, 1], [9, 7, 5], [8, 2, 1]], [[0, 1], [1, 2]]);
    // Bounds of each column alone allow the approvals 1-4; read with the rows' order they are 1 each: relabelled.
    expect(c[0][2]).toBe('relabelled');
    expect(c[2][2]).toBe('relabelled');
  });
});

describe('withheldComparison', () => {
  it('a group of 3 beside everyone else\'s 57: everyone else\'s n and rate go too', () => {
    expect(withheldComparison({ successes: 0, n: 3 }, { successes: 40, n: 57 })).toEqual({ n: ['withheld', 'withheld'], rate: [true, true] });
  });

  it('large groups with large counts: nothing withheld', () => {
    expect(withheldComparison({ successes: 20, n: 60 }, { successes: 300, n: 500 })).toEqual({ n: ['shown', 'shown'], rate: [false, false] });
  });

  it('a group\'s 2 successes: its rate goes, and everyone else\'s with it (the step\'s total less theirs would give the 2)', () => {
    const w = withheldComparison({ successes: 2, n: 60 }, { successes: 300, n: 500 });
    expect(w.rate).toEqual([true, true]);
    expect(w.n).toEqual(['shown', 'shown']);
  });
});
