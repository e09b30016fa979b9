import { describe, expect, test } from 'vitest';
import { keepsOneValue } from '../../../src/lib/funnel/filters';

describe('keepsOneValue', () => {
  test('true only when the filters keep exactly one value of the column', () => {
    expect(keepsOneValue({ attributes: { Service: ['Westmere'] } }, 'Service')).toBe(true);
    expect(keepsOneValue({ attributes: { Service: ['Westmere', 'Eastbrook'] } }, 'Service')).toBe(false);
    expect(keepsOneValue({ attributes: { Service: [] } }, 'Service')).toBe(false);
    expect(keepsOneValue({ attributes: { Ethnicity: ['Mixed'] } }, 'Service')).toBe(false);
    expect(keepsOneValue({}, 'Service')).toBe(false);
    expect(keepsOneValue(undefined, 'Service')).toBe(false);
  });
});
