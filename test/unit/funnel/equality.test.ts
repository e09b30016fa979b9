import { describe, expect, test } from 'vitest';
import { assessFields, equalityColumns, equalityMetric } from '../../../src/lib/funnel/equality';
import { funnelFromCounts } from '../../../src/lib/funnel/funnel';
import { BLANK } from '../../../src/lib/funnel/filters';
import { SMALL_N } from '../../../src/lib/thresholds';
import { runSpec } from '../../helpers/metric';
import { hiding, setup, wide } from './fixtures';

describe('equalityColumns', () => {
  test('equality dimensions are found from column names, others are not', () => {
    expect(equalityColumns([
      'Ethnicity', 'Ethnic Origin', 'Age Band', 'Disability', 'Disabled?', 'Sexual Orientation', 'Religion', 'Faith',
      'Household Type', 'Marital status', 'Gender', 'Sex', 'Postcode District', 'Mosaic', 'Agency', 'Stage', 'Page views',
    ])).toEqual([
      { column: 'Ethnicity', dimension: 'Ethnicity' },
      { column: 'Ethnic Origin', dimension: 'Ethnicity' },
      { column: 'Age Band', dimension: 'Age' },
      { column: 'Disability', dimension: 'Disability' },
      { column: 'Disabled?', dimension: 'Disability' },
      { column: 'Sexual Orientation', dimension: 'Sexual orientation' },
      { column: 'Religion', dimension: 'Religion or belief' },
      { column: 'Faith', dimension: 'Religion or belief' },
      { column: 'Household Type', dimension: 'Household' },
      { column: 'Marital status', dimension: 'Household' },
      { column: 'Gender', dimension: 'Sex or gender' },
      { column: 'Sex', dimension: 'Sex or gender' },
    ]);
    expect(equalityColumns([])).toEqual([]);
  });
});

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Status,Ethnicity,Age Band,Postcode District';

/** n enquirers of one ethnicity: `visits` had a visit, the first `applications` of them applied; everyone else withdrew. */
function people(prefix: string, ethnicity: string, n: number, visits: number, applications: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const visit = i < visits ? '10/01/2024' : '';
    const app = i < applications ? '01/02/2024' : '';
    return `${prefix}${i},01/01/2024,${visit},${app},Withdrawn,${ethnicity},25-34,BS1`;
  });
}

const ROWS = [
  ...people('W', 'White British', 60, 30, 20),
  ...people('B', 'Black African', 60, 30, 5),
  ...people('N', '', 4, 2, 1),
];

describe('equalityMetric', () => {
  test('a group significantly behind at one step is flagged at that step and no other', async () => {
    const { engine, ds, settings } = await setup(wide(ROWS, HEADER));
    expect(ds.model.attributes).toEqual(expect.arrayContaining(['Ethnicity', 'Age Band', 'Postcode District']));
    const report = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes });
    expect(report.map((r) => [r.column, r.dimension])).toEqual([['Ethnicity', 'Ethnicity'], ['Age Band', 'Age']]);

    const eth = report[0];
    expect(eth.groups.map((g) => [g.group, g.enquiries, g.small])).toEqual([
      ['Black African', 60, false], ['White British', 60, false], [BLANK, 4, true],
    ]);
    const black = eth.groups.find((g) => g.group === 'Black African')!;
    const white = eth.groups.find((g) => g.group === 'White British')!;
    expect(black.behindAt).toEqual(['application']);
    expect(white.behindAt).toEqual([]);
    // The steps in detail: same at the visit, behind at application, nothing to test after.
    const at = (g: typeof black, stage: string) => g.steps.find((s) => s.stage === stage)!;
    expect(at(black, 'initial_visit')).toMatchObject({ verdict: 'no clear difference', a: { successes: 30, n: 60 }, b: { successes: 32, n: 64 } });
    expect(at(black, 'application')).toMatchObject({ verdict: 'lower', a: { successes: 5, n: 30 }, b: { successes: 21, n: 32 } });
    expect(at(white, 'application').verdict).toBe('higher');
    expect(at(black, 'stage1').verdict).toBe('too few to tell');
    // "Not recorded" is a group too, small, and too small to call.
    const blank = eth.groups.find((g) => g.group === BLANK)!;
    expect(blank.steps.every((s) => s.verdict === 'too few to tell')).toBe(true);
    expect(blank.small).toBe(true);
    expect(blank.enquiries).toBeLessThan(SMALL_N);
  });

  test('a column with a single value: listed, nothing compared', async () => {
    const { engine, ds, settings } = await setup(wide(ROWS, HEADER));
    const [age] = (await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes })).filter((r) => r.column === 'Age Band');
    expect(age.groups).toEqual([{ group: '25-34', enquiries: 124, small: false, steps: [], behindAt: [], watchAt: [] }]);
    expect(age.comparisons).toBe(0);
    expect(age.pooled).toBeNull();
  });

  test('filters, an empty result, and custom stage lists', async () => {
    const { engine, ds, settings } = await setup(wide(ROWS, HEADER));
    const none = await runSpec(engine, equalityMetric, { settings, filters: { campaigns: ['nobody'] } }, { attributes: ['Ethnicity'] });
    expect(none).toEqual([{ column: 'Ethnicity', dimension: 'Ethnicity', within: null, unrecorded: [], groups: [], comparisons: 0, pooled: null }]);
    const only = await runSpec(engine, equalityMetric, { settings, filters: { attributes: { Ethnicity: ['White British'] } } }, { attributes: ['Ethnicity'] });
    expect(only[0].groups.map((g) => g.group)).toEqual(['White British']);
    const hidden = await setup(wide(ROWS, HEADER), hiding('initial_visit'));
    const [eth] = await runSpec(hidden.engine, equalityMetric, { settings: hidden.settings }, { attributes: ds.model.attributes });
    const black = eth.groups.find((g) => g.group === 'Black African')!;
    expect(black.steps[0]).toMatchObject({ stage: 'application', a: { successes: 5, n: 60 } });
    expect(black.behindAt).toEqual(['application']);
  });

  test('pooled groups against the other recorded groups ("Not recorded" left out), adjusted across the steps', async () => {
    const { engine, ds, settings } = await setup(wide(ROWS, HEADER));
    const [eth] = await runSpec(engine, equalityMetric, { settings, pools: { Ethnicity: ['Black African', 'Nobody such'] } }, { attributes: ds.model.attributes });
    const pooled = eth.pooled!;
    expect(pooled.members).toEqual(['Black African']);
    expect([pooled.enquiries, pooled.restEnquiries]).toEqual([60, 60]);
    expect(pooled.behindAt).toEqual(['application']);
    const app = pooled.steps.find((x) => x.stage === 'application')!;
    // Decided basis: 5 went on, 25 left at the visit; White British 20 and 10.
    expect(app).toMatchObject({ a: { successes: 5, n: 30 }, b: { successes: 20, n: 30 }, verdict: 'lower' });
    expect(app.adjustedP).toBeGreaterThanOrEqual(app.pValue!);
    expect(pooled.comparisons).toBe(pooled.steps.filter((x) => x.pValue !== null).length);
    // A pool of everyone recorded leaves nobody to compare with.
    const [all] = await runSpec(engine, equalityMetric, { settings, pools: { Ethnicity: ['Black African', 'White British'] } }, { attributes: ds.model.attributes });
    expect(all.pooled).toBeNull();
  });

  test('every comparison on the view is one family: adjusted p-values are Holm over all fields', async () => {
    const { engine, ds, settings } = await setup(wide(ROWS, HEADER));
    const report = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes });
    const steps = report.flatMap((r) => r.groups.flatMap((g) => g.steps));
    const m = steps.filter((x) => x.pValue !== null).length;
    expect(report.reduce((n, r) => n + r.comparisons, 0)).toBe(m);
    const smallest = steps.reduce((a, b) => ((b.pValue ?? 1) < (a.pValue ?? 1) ? b : a));
    expect(smallest.adjustedP).toBeCloseTo(Math.min(1, smallest.pValue! * m), 12);
    for (const x of steps) if (x.pValue !== null) expect(x.adjustedP!).toBeGreaterThanOrEqual(x.pValue);
  });
});

describe('equalityMetric in a regional hub', () => {
  const HUB = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Status,Disability,Service';
  /** n enquirers of one disability answer in one service: `visits` had a visit, the first `applications` of them applied; all withdrew. */
  const hubPeople = (prefix: string, disability: string, service: string, n: number, visits: number, applications: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}${i},01/01/2024,${i < visits ? '10/01/2024' : ''},${i < applications ? '01/02/2024' : ''},Withdrawn,${disability},${service}`);
  // Within each service "Yes" and "No" go on alike from the visit (80% in Westmere, 40% in Southmoor), but
  // "No" is mostly Southmoor's: all services together, 24 of 55 against 42 of 55.
  const MIXED = [
    ...hubPeople('WY', 'Yes', 'Westmere', 100, 50, 40), ...hubPeople('WN', 'No', 'Westmere', 10, 5, 4),
    ...hubPeople('SY', 'Yes', 'Southmoor', 10, 5, 2), ...hubPeople('SN', 'No', 'Southmoor', 100, 50, 20),
  ];

  test('groups are compared within each service: a gap that is only the services\' mix is not a group\'s', async () => {
    const { engine, ds, settings } = await setup(wide(MIXED, HUB));
    expect(ds.model.attributes).toContain('Service');
    const [dis] = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes });
    expect(dis.within).toBe('Service');
    const no = dis.groups.find((g) => g.group === 'No')!;
    const app = no.steps.find((x) => x.stage === 'application')!;
    // The rates shown are both services together; the verdict is within them.
    expect(app).toMatchObject({ a: { successes: 24, n: 55 }, b: { successes: 42, n: 55 }, verdict: 'no clear difference' });
    expect(no.behindAt).toEqual([]);
    // Compared across everyone, as with one service, it would have been called behind.
    const [across] = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes.filter((a) => a !== 'Service') });
    expect(across.within).toBeNull();
    expect(across.groups.find((g) => g.group === 'No')!.behindAt).toEqual(['application']);
  });

  test('a gap inside the services is still found; one service chosen is compared on its own', async () => {
    // Now "No" goes on less within each service too: 10 of 50 in Southmoor, 1 of 5 in Westmere.
    const gap = [
      ...hubPeople('WY', 'Yes', 'Westmere', 100, 50, 40), ...hubPeople('WN', 'No', 'Westmere', 10, 5, 1),
      ...hubPeople('SY', 'Yes', 'Southmoor', 10, 5, 2), ...hubPeople('SN', 'No', 'Southmoor', 100, 50, 10),
      ...hubPeople('SX', 'Yes', 'Southmoor', 60, 40, 30),
    ];
    const { engine, ds, settings } = await setup(wide(gap, HUB));
    const [dis] = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes });
    expect(dis.within).toBe('Service');
    expect(dis.groups.find((g) => g.group === 'No')!.behindAt).toEqual(['application']);
    const [one] = await runSpec(engine, equalityMetric, { settings, filters: { attributes: { Service: ['Southmoor'] } } }, { attributes: ds.model.attributes });
    expect(one.within).toBeNull();
    expect(one.groups.find((g) => g.group === 'No')!.behindAt).toEqual(['application']);
    // A pool is compared within the services too.
    const [pooled] = await runSpec(engine, equalityMetric, { settings, pools: { Disability: ['No'] } }, { attributes: ds.model.attributes });
    expect(pooled.pooled!.behindAt).toEqual(['application']);
  });
});

describe('equalityMetric: services that record nothing in a field', () => {
  test('are named, with their enquiries, when groups are compared within services', async () => {
    const HUB = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Status,Disability,Service';
    const rows = (prefix: string, disability: string, service: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i},01/01/2024,${i % 2 ? '10/01/2024' : ''},,Withdrawn,${disability},${service}`);
    const { engine, ds, settings } = await setup(wide([
      ...rows('WY', 'Yes', 'Westmere', 30), ...rows('WN', 'No', 'Westmere', 40), ...rows('WB', '', 'Westmere', 5),
      ...rows('N', '', 'Northvale', 25), ...rows('T', '', 'Tinyham', 7),
    ], HUB));
    const [dis] = await runSpec(engine, equalityMetric, { settings }, { attributes: ds.model.attributes });
    expect(dis.within).toBe('Service');
    expect(dis.unrecorded).toEqual([{ service: 'Northvale', enquiries: 25 }, { service: 'Tinyham', enquiries: 7 }]);
    const [one] = await runSpec(engine, equalityMetric, { settings, filters: { attributes: { Service: ['Northvale'] } } }, { attributes: ds.model.attributes });
    expect(one.unrecorded).toEqual([]);
  });
});

describe('assessFields', () => {
  const STAGES = [{ id: 'enquiry', name: 'Enquiry' }, { id: 'initial_visit', name: 'Initial visit' }, { id: 'approved', name: 'Approved' }];
  const group = (name: string, leftAtEnquiry: number, leftAtVisit: number, approved: number) => ({
    group: name,
    ...funnelFromCounts(STAGES, [
      { furthest: 0, outcome: 'left' as const, n: leftAtEnquiry }, { furthest: 1, outcome: 'left' as const, n: leftAtVisit }, { furthest: 2, outcome: 'approved' as const, n: approved },
    ]),
  });

  test('two groups: each against the rest is one test seen from both sides, counted once in the family and mirrored', () => {
    const two = { column: 'Disability', dimension: 'Disability', groups: [group('Yes', 60, 30, 10), group('No', 40, 20, 40)] };
    const three = { column: 'Age', dimension: 'Age', groups: [group('18-34', 30, 10, 10), group('35-54', 30, 20, 30), group('55+', 40, 20, 10)] };
    const [d, a] = assessFields([two, three]);
    expect(d.comparisons).toBe(2);
    expect(a.comparisons).toBe(6);
    const [yes, no] = d.groups.map((g) => g.steps);
    for (let k = 0; k < 2; k++) {
      expect(no[k].adjustedP).toBe(yes[k].adjustedP);
      expect(no[k].a).toEqual(yes[k].b);
    }
    // Holm over the 8 tests made, not 10: Yes's visit → approval (10 of 40 against 40 of 60) is the smallest p-value.
    const ps = [...yes, ...a.groups.flatMap((g) => g.steps)].map((c) => c.pValue!);
    expect(Math.min(...ps)).toBe(yes[1].pValue);
    expect(yes[1].adjustedP).toBeCloseTo(Math.min(1, yes[1].pValue! * 8), 12);
    expect(yes[1].verdict).toBe('lower');
    expect(no[1].verdict).toBe('higher');
  });
});
