import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, isoDate, toDayNumber, weekday } from '../../../src/lib/stats/isoDate';

describe('toDayNumber / fromDayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01') - toDayNumber('2000-02-28')).toBe(2); // 2000 was a leap year
    expect(toDayNumber('2100-03-01') - toDayNumber('2100-02-28')).toBe(1); // 2100 is not
  });

  it('round-trips every day over two centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 50_000 }), (day) => {
        expect(toDayNumber(fromDayNumber(day))).toBe(day);
      }),
    );
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2023-00-10', '2023-4-7', '07/04/2023', '', '2023-04-07T00:00']) {
      expect(() => toDayNumber(bad)).toThrow(RangeError);
    }
    expect(toDayNumber('2024-02-29')).toBe(toDayNumber('2024-02-28') + 1);
  });
});

describe('isoDate', () => {
  it('formats with zero padding', () => {
    expect(isoDate(2023, 5, 8)).toBe('2023-05-08');
    expect(isoDate(2021, 12, 28)).toBe('2021-12-28');
  });
});

describe('weekday', () => {
  it('matches known days of the week', () => {
    expect(weekday(toDayNumber('1970-01-01'))).toBe(4); // Thursday
    expect(weekday(toDayNumber('2023-05-08'))).toBe(1); // Coronation bank holiday, a Monday
    expect(weekday(toDayNumber('2022-06-03'))).toBe(5); // Platinum Jubilee, a Friday
    expect(weekday(toDayNumber('2021-12-25'))).toBe(6); // Saturday
    expect(weekday(toDayNumber('1969-12-28'))).toBe(0); // Sunday, before day 0
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 50_000 }), (day) => {
        expect(weekday(day)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
    );
  });
});
