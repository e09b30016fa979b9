import { describe, expect, test } from 'vitest';
import { asOfMetric, columnValuesMetric, enquiryRangeMetric, identifiesPeople } from '../../../src/lib/funnel/values';
import { attributeColumnName } from '../../../src/lib/schema';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from './fixtures';

const HEADER = 'Ref,Enquiry Date,Status,Campaign,Ethnicity';
const ROWS = [
  'A,05/04/2023,In progress,Radio,White British',
  'B,01/01/2024,Withdrawn,Radio,Asian',
  'C,12/02/2022,In progress,Web,White British',
  'D,30/06/2023,In progress,,White British',
];

describe('columnValuesMetric', () => {
  test('each value of a column with how many have it, most common first; blanks are null', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const campaigns = await runSpec(engine, columnValuesMetric, { settings, column: 'campaign' });
    expect(campaigns[0]).toEqual({ value: 'Radio', n: 2 });
    expect(campaigns.slice(1).sort((a, b) => String(a.value).localeCompare(String(b.value)))).toEqual([{ value: null, n: 1 }, { value: 'Web', n: 1 }]);
    expect(await runSpec(engine, columnValuesMetric, { settings, column: attributeColumnName('Ethnicity') })).toEqual([
      { value: 'White British', n: 3 },
      { value: 'Asian', n: 1 },
    ]);
  });

  test('filters do not narrow a menu', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const values = await runSpec(engine, columnValuesMetric, { settings, filters: { campaigns: ['Web'] }, column: 'campaign' });
    expect(values.reduce((a, v) => a + v.n, 0)).toBe(4);
  });
});

describe('enquiryRangeMetric and asOfMetric', () => {
  test('first and last enquiry dates of all the data', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    expect(await runSpec(engine, enquiryRangeMetric, { settings, filters: { campaigns: ['Web'] } })).toEqual({ first: '2022-02-12', last: '2024-01-01' });
  });

  test('an enquiry dated after the figures\' date (a typing error) does not stretch the range', async () => {
    const { engine, settings, asOf } = await setup(wide([...ROWS, 'E,04/02/2099,In progress,Radio,Asian'], HEADER));
    expect(await runSpec(engine, enquiryRangeMetric, { settings }, { asOf })).toEqual({ first: '2022-02-12', last: '2024-01-01' });
  });

  test('the as-of date is the one in force, with no query', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS, HEADER));
    expect(asOfMetric.sql({ settings }, { asOf, attributes: [], carers: null })).toEqual({});
    expect(await runSpec(engine, asOfMetric, { settings }, { asOf })).toBe(asOf);
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('identifiesPeople', () => {
  const values = (ns: number[]) => ns.map((n, i) => ({ value: `v${i}`, n }));
  test('a column whose values mostly belong to one enquiry each (names, notes) identifies people', () => {
    expect(identifiesPeople(values(Array.from({ length: 40 }, (_, i) => (i < 25 ? 1 : 3))))).toBe(true);
  });
  test('groups do not, however many: wards, ethnicities, a short list of ones', () => {
    expect(identifiesPeople(values(Array.from({ length: 120 }, (_, i) => (i < 50 ? 1 : 8))))).toBe(false);
    expect(identifiesPeople(values([1, 1, 1, 1, 1, 2]))).toBe(false);
    // Blank ("Not recorded") is not a person's value.
    expect(identifiesPeople([...values(Array.from({ length: 20 }, () => 1)), { value: null, n: 1 }])).toBe(true);
    expect(identifiesPeople([...values(Array.from({ length: 10 }, () => 1)), ...values(Array.from({ length: 11 }, () => 2))])).toBe(false);
  });
});
