import { describe, expect, it } from 'vitest';
import { pinnedCounts, readerRanges, type Known } from '../../../src/lib/stats/disclosureBounds';

const v = (value: number): Known => ({ value });

describe('readerRanges', () => {
  it('a lone withheld part is its total less the others', () => {
    const r = readerRanges([v(163), v(120), 'small', v(40)], [{ total: 0, parts: [1, 2, 3] }]);
    expect(r[2]).toEqual({ lo: 3, hi: 3 });
  });

  it('two "<5" adding up to a known 8 can only be 4 and 4', () => {
    const r = readerRanges([v(8), 'small', 'small'], [{ total: 0, parts: [1, 2] }]);
    expect(r.slice(1)).toEqual([{ lo: 4, hi: 4 }, { lo: 4, hi: 4 }]);
  });

  it('a "<5" and a "suppressed" adding up to 6 are 1 and 5 ("suppressed" skips 1-4)', () => {
    const r = readerRanges([v(6), 'small', 'notSmall'], [{ total: 0, parts: [1, 2] }]);
    expect(r.slice(1)).toEqual([{ lo: 1, hi: 1 }, { lo: 5, hi: 5 }]);
  });

  it('a "<5" beside a count never published stays 1-4', () => {
    const r = readerRanges([v(6), 'small', 'unknown'], [{ total: 0, parts: [1, 2] }]);
    expect(r[1]).toEqual({ lo: 1, hi: 4 });
    expect(r[2]).toEqual({ lo: 2, hi: 5 });
  });

  it('follows a chain of sums', () => {
    // 20 = a + 10 + b, a = 3 + c: a is 3 + c, at most 10.
    const r = readerRanges([v(20), 'unknown', v(10), 'unknown', v(3), 'unknown'], [{ total: 0, parts: [1, 2, 3] }, { total: 1, parts: [4, 5] }]);
    expect(r[1]).toEqual({ lo: 3, hi: 10 });
    expect(r[5]).toEqual({ lo: 0, hi: 7 });
  });
});

describe('pinnedCounts', () => {
  it('finds counts pinned only by reading several sums together', () => {
    // Campaigns (enquiries, applications, approvals) a = 6, <5, <5; b = 9, suppressed, suppressed; c = 8, <5, <5
    // against totals 23, 10 and 7, each row's differences never published. Applications: b's is 5-8, so
    // a's and c's add up to 5 at most, and so do their approvals; then b's approvals are 2 or more, so 5:
    // a's and c's approvals are 1 each, though the bounds of each sum alone allow 1-4.
    const S = 'small' as const, N = 'notSmall' as const, U = 'unknown' as const;
    const known: Known[] = [v(6), S, S, v(9), N, N, v(8), S, S, v(23), v(10), v(7), U, U, U, U, U, U];
    const sums = [
      { total: 9, parts: [0, 3, 6] }, { total: 10, parts: [1, 4, 7] }, { total: 11, parts: [2, 5, 8] },
      { total: 0, parts: [1, 12] }, { total: 1, parts: [2, 13] }, { total: 3, parts: [4, 14] },
      { total: 4, parts: [5, 15] }, { total: 6, parts: [7, 16] }, { total: 7, parts: [8, 17] },
    ];
    const truth = [6, 1, 1, 9, 7, 5, 8, 2, 1, 23, 10, 7, 5, 0, 2, 2, 6, 1];
    expect(readerRanges(known, sums)[2]).toEqual({ lo: 1, hi: 4 });
    expect(pinnedCounts(known, sums, new Map([[1, 1], [2, 1], [7, 2], [8, 1]]), truth)).toEqual([2, 8]);
  });

  it('clears counts another solution changes', () => {
    const known: Known[] = [v(20), 'small', 'small', 'notSmall'];
    const truth = [20, 2, 3, 15];
    expect(pinnedCounts(known, [{ total: 0, parts: [1, 2, 3] }], new Map([[1, 2], [2, 3]]), truth)).toEqual([]);
  });
});
