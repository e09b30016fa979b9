import { describe, expect, it } from 'vitest';
import * as stats from '../../../src/lib/stats';

describe('stats public API', () => {
  it('exports every function and constant', () => {
    const functions = [
      'wilson',
      'fisherExact',
      'smallestAttainablePValue',
      'compareRates',
      'quantile',
      'median',
      'quartiles',
      'aalenJohansen',
      'incidenceAt',
      'stateAt',
      'isBankHoliday',
      'bankHolidays',
      'isWorkingDay',
      'workingDaysBetween',
      'addWorkingDays',
      'easterSunday',
      'controlLimits',
      'funnelLimits',
      'classifyFunnel',
      'suppress',
      'suppressRate',
      'isSuppressed',
    ];
    for (const name of functions) expect(typeof (stats as Record<string, unknown>)[name], name).toBe('function');
    expect(stats.Z_95).toBe(1.959963984540054);
    expect(stats.Z_998).toBe(3.090232306167813);
    expect(stats.SUPPRESSED).toBe('suppressed');
    expect(stats.SUPPRESSION_THRESHOLD).toBe(4);
  });

  it('works end to end through the index', () => {
    expect(stats.wilson(3, 10).low).toBeCloseTo(0.108, 3);
    expect(stats.workingDaysBetween('2023-04-06', '2023-04-11')).toBe(1);
    expect(stats.suppress(3)).toBe('<5');
  });
});
