import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { breakdownMetric, breakdownsMetric, breakdownsWithinMetric, groupColumnSql, OTHER } from '../../../src/lib/funnel/breakdowns';
import { generateEnquiries, toWideCsv } from '../../../scripts/sample/generate.mjs';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { BLANK } from '../../../src/lib/funnel/filters';
import { attributeColumn } from '../../../src/lib/schema';
import { hiding, setup, wide } from './fixtures';
import { runSpec } from '../../helpers/metric';

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Campaign,Ethnicity';

/** n enquiries of a campaign: the first `visits` had a visit, the first `approved` were approved, the rest withdrew. */
function group(campaign: string, n: number, visits: number, approved = 0, ethnicity = ''): string[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `${campaign || 'blank'}-${i}`;
    if (i < approved) return `${id},01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,10/05/2024,Approved,${campaign},${ethnicity}`;
    if (i < visits) return `${id},01/01/2024,10/01/2024,,,,,,Withdrawn,${campaign},${ethnicity}`;
    return `${id},01/01/2024,,,,,,,In progress,${campaign},${ethnicity}`;
  });
}

const ROWS = [
  ...group('Radio', 5, 3, 1, 'White British'),
  ...group('Web', 4, 2, 0, 'Black African'),
  ...group('Print', 3, 1),
  ...group('Event', 1, 1),
  ...group('', 2, 0),
];

describe('breakdownMetric', () => {
  test('every group with its own funnel, largest first; counts add up to the whole', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const groups = await runSpec(engine, breakdownMetric, { settings, column: 'campaign', top: 0 });
    expect(groups.map((g) => [g.group, g.total])).toEqual([['Radio', 5], ['Web', 4], ['Print', 3], [BLANK, 2], ['Event', 1]]);
    const radio = groups[0];
    expect(radio.steps.map((s) => [s.id, s.reached, s.left, s.open])).toEqual([
      ['enquiry', 5, 0, 2], ['initial_visit', 3, 2, 0], ['application', 1, 0, 0],
      ['stage1', 1, 0, 0], ['stage2', 1, 0, 0], ['panel', 1, 0, 0], ['approved', 1, 0, 0],
    ]);
    expect(radio.steps[1].conversion).toMatchObject({ rate: 3 / 5, n: 5 });
    expect(radio.steps[2].decidedConversion).toMatchObject({ rate: 1 / 3, n: 3 });
    const whole = await runSpec(engine, funnelMetric, { settings: settings });
    for (let i = 0; i < whole.steps.length; i++) {
      expect(groups.reduce((a, g) => a + g.steps[i].reached, 0)).toBe(whole.steps[i].reached);
      expect(groups.reduce((a, g) => a + g.steps[i].left, 0)).toBe(whole.steps[i].left);
    }
  });

  test('top N groups, the rest gathered into "Other" (last)', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const top2 = await runSpec(engine, breakdownMetric, { settings, column: 'campaign', top: 2 });
    expect(top2.map((g) => [g.group, g.total])).toEqual([['Radio', 5], ['Web', 4], [OTHER, 6]]);
    expect(top2[2].steps[1].reached).toBe(2); // Print 1 + Event 1
    const top10 = await runSpec(engine, breakdownMetric, { settings, column: 'campaign', top: 10 });
    expect(top10.map((g) => g.group)).not.toContain(OTHER);
    const top1 = await runSpec(engine, breakdownMetric, { settings, column: 'campaign', top: 1 });
    expect(top1.map((g) => [g.group, g.total])).toEqual([['Radio', 5], [OTHER, 10]]);
  });

  test('by an attribute column, blank values as their own group; filters apply', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const eth = await runSpec(engine, breakdownMetric, { settings, column: 'Ethnicity', top: 0 });
    expect(eth.map((g) => [g.group, g.total])).toEqual([[BLANK, 6], ['White British', 5], ['Black African', 4]]);
    const radio = await runSpec(engine, breakdownMetric, { settings, filters: { campaigns: ['Radio'] }, column: 'Ethnicity', top: 0 });
    expect(radio.map((g) => [g.group, g.total])).toEqual([['White British', 5]]);
    expect(await runSpec(engine, breakdownMetric, { settings, filters: { campaigns: ['nobody'] }, column: 'campaign', top: 2 })).toEqual([]);
    expect(groupColumnSql('campaign')).toBe('campaign');
    expect(groupColumnSql('Ethnicity')).toBe(attributeColumn('Ethnicity'));
  });

  test('custom stage lists and one enquiry', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), hiding('stage1', 'stage2', 'panel'));
    const [radio] = await runSpec(engine, breakdownMetric, { settings, column: 'campaign', top: 1 });
    expect(radio.steps.map((s) => s.id)).toEqual(['enquiry', 'initial_visit', 'application', 'approved']);
    const one = await setup(wide(group('Solo', 1, 0), HEADER));
    const g = await runSpec(one.engine, breakdownMetric, { settings: one.settings, column: 'campaign', top: 3 });
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ group: 'Solo', total: 1, open: 1, left: 0, approved: 0 });
  });
});

describe('breakdownsMetric', () => {
  test('in one scan, each column broken down as breakdownMetric breaks it down alone, whatever the columns and filters', async () => {
    const { engine, settings } = await setup(toWideCsv(generateEnquiries({ count: 500, seed: 3 })), defaultSettings());
    const columns = ['campaign', 'source', 'Ethnicity', 'Age Band', 'Disability', 'Religion'];
    await fc.assert(fc.asyncProperty(
      fc.subarray(columns, { minLength: 1 }), fc.option(fc.subarray(['(blank)', 'Spring Radio 2023', 'Digital Always-On']), { nil: undefined }),
      async (chosen, campaigns) => {
        const filters = campaigns?.length ? { campaigns } : undefined;
        const all = await runSpec(engine, breakdownsMetric, { settings, filters, columns: chosen });
        for (const column of chosen) expect(all[column]).toEqual(await runSpec(engine, breakdownMetric, { settings, filters, column, top: 0 }));
      }), { numRuns: 15 });
    expect(await runSpec(engine, breakdownsMetric, { settings, columns: [] })).toEqual({});
  });
});


describe('breakdownsWithinMetric', () => {
  test('each column\'s groups within each value of another: each stratum as breakdownMetric finds it under that value\'s filter', async () => {
    const { engine, settings } = await setup(toWideCsv(generateEnquiries({ count: 500, seed: 3 })), defaultSettings());
    await fc.assert(fc.asyncProperty(fc.subarray(['campaign', 'Ethnicity', 'Disability'], { minLength: 1 }), async (chosen) => {
      const within = await runSpec(engine, breakdownsWithinMetric, { settings, columns: chosen, within: 'source' });
      const sources = (await runSpec(engine, breakdownMetric, { settings, column: 'source', top: 0 })).map((g) => g.group).sort();
      for (const column of chosen) {
        expect(within.strata).toEqual(sources);
        for (const [i, source] of sources.entries()) {
          expect(within.groups[column][i]).toEqual(await runSpec(engine, breakdownMetric, { settings, filters: { sources: [source] }, column, top: 0 }));
        }
      }
    }), { numRuns: 4 });
    expect(await runSpec(engine, breakdownsWithinMetric, { settings, columns: [], within: 'source' })).toEqual({ strata: [], groups: {} });
  });
});
