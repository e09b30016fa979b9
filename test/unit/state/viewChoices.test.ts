import { describe, expect, test } from 'vitest';
import { channelGrouping, viewChoices } from '../../../src/lib/state/viewChoices';

describe('viewChoices', () => {
  test('defaults when the link carries nothing', () => {
    expect(viewChoices({})).toEqual({ grain: 'fy', windowMonths: 12, windowDays: 365, curves: 'fy', by: 'campaign', retain: null });
  });

  test('takes every known value', () => {
    const c = viewChoices({ grain: 'month', window: '18', curves: 'source', by: 'source', retain: 'year' });
    expect(c).toEqual({ grain: 'month', windowMonths: 18, windowDays: 548, curves: 'source', by: 'source', retain: 'year' });
  });

  test('an unknown or hostile value falls back to the default, never reaching a query', () => {
    const c = viewChoices({ grain: "fy'; DROP TABLE journeys; --", window: 'NaN', curves: 'constructor', by: '__proto__', retain: 'x' });
    expect(c).toEqual(viewChoices({}));
    expect(viewChoices({ window: '7' }).windowMonths).toBe(12);
    expect(viewChoices({ window: '' }).windowDays).toBe(365);
  });

  test('grouping by service only when the data name services', () => {
    const c = viewChoices({ by: 'service' });
    expect(channelGrouping(c, null)).toBe('campaign');
    expect(channelGrouping(c, 'Service')).toBe('service');
    expect(channelGrouping(viewChoices({ by: 'source' }), 'Service')).toBe('source');
  });
});
