import { describe, expect, it } from 'vitest';
import { isSuppressed, suppress, suppressRate, SUPPRESSED, SUPPRESSION_THRESHOLD } from '../../../src/lib/stats/disclosure';

describe('isSuppressed', () => {
  it('hides 1 to 4 only', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(4);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map(isSuppressed)).toEqual([false, true, true, true, true, false, false, false]);
  });

  it('rejects counts that are not whole numbers >= 0', () => {
    for (const bad of [-1, 2.5, Number.NaN, Infinity]) expect(() => isSuppressed(bad)).toThrow(RangeError);
  });
});

describe('suppress', () => {
  it('shows 0 as "0" and 1-4 as "<5"', () => {
    expect(suppress(0)).toBe('0');
    expect([1, 2, 3, 4].map(suppress)).toEqual(['<5', '<5', '<5', '<5']);
  });

  it('shows 5 and above with en-GB thousands separators', () => {
    expect(suppress(5)).toBe('5');
    expect(suppress(999)).toBe('999');
    expect(suppress(1000)).toBe('1,000');
    expect(suppress(138075)).toBe('138,075'); // Ofsted initial enquiries 2021-22
    expect(suppress(1234567)).toBe('1,234,567');
  });
});

describe('suppressRate', () => {
  it('gives the rate when every count involved is 0 or 5+', () => {
    expect(suppressRate(11, 50)).toBeCloseTo(0.22, 12);
    expect(suppressRate(0, 20)).toBe(0);
    expect(suppressRate(20, 20)).toBe(1);
  });

  it('withholds the rate when the numerator is 1-4', () => {
    expect(suppressRate(3, 200)).toBe(SUPPRESSED);
  });

  it('withholds the rate when the denominator is 1-4', () => {
    expect(suppressRate(0, 3)).toBe(SUPPRESSED);
  });

  it('withholds the rate when those not counted are 1-4 (98 of 100 reveals 2)', () => {
    expect(suppressRate(98, 100)).toBe(SUPPRESSED);
    expect(suppressRate(95, 100)).toBeCloseTo(0.95, 12);
  });

  it('gives null when there is no denominator', () => {
    expect(suppressRate(0, 0)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => suppressRate(6, 5)).toThrow(RangeError);
    expect(() => suppressRate(-1, 5)).toThrow(RangeError);
  });
});
