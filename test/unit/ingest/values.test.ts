import { describe, expect, test } from 'vitest';
import { allEmpty, looksLikeDate, looksLikeMoney, share } from '../../../src/lib/ingest/values';

describe('looksLikeDate', () => {
  test.each(['12/03/2023', '1/3/23', '12.03.2023', '12-03-2023', '2023-03-12', '2023-03-12T10:15:00Z', '12/03/2023 14:05',
    '12-Mar-2023', '12 March 2023', '12 Mar 23', ' 3 April 2023 '])('%j is a date', (v) => expect(looksLikeDate(v)).toBe(true));
  test.each(['', 'FE-1', '2023', '12/2023', 'March 2023', 'Stage 1', '£12,500', '1234'])('%j is not a date', (v) => expect(looksLikeDate(v)).toBe(false));
});

describe('looksLikeMoney', () => {
  test.each(['£12,500', '12500', '12500.00', ' £ 3,000.50 ', '$100', '-20'])('%j is money', (v) => expect(looksLikeMoney(v)).toBe(true));
  test.each(['', '£', 'Radio', '12/03/2023', '£12k'])('%j is not money', (v) => expect(looksLikeMoney(v)).toBe(false));
});

describe('share and allEmpty', () => {
  test('share ignores empty cells', () => {
    expect(share(['01/01/2023', '', ' ', 'x'], looksLikeDate)).toBe(0.5);
    expect(share(['', ''], looksLikeDate)).toBe(0);
  });
  test('allEmpty', () => {
    expect(allEmpty(['', '  '])).toBe(true);
    expect(allEmpty([])).toBe(true);
    expect(allEmpty(['', 'x'])).toBe(false);
  });
});
