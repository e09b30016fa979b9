import { describe, expect, test } from 'vitest';
import { channelsMetric, spendByCampaign } from '../../../src/lib/funnel/campaigns';
import { BLANK, type Filters } from '../../../src/lib/funnel/filters';
import { approvalChancesMetric, forecastApprovals, openByGroup, openByGroupSql } from '../../../src/lib/funnel/forecast';
import { runSpec } from '../../helpers/metric';
import { runMetric, type MetricContext, type QueryRunner } from '../../../src/lib/coordinator/metric';
import type { Row } from '../../../src/lib/engine/engine';
import { csv, hiding, setup, wide } from './fixtures';

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Campaign,How did you hear about us?';
const ROWS = [
  'R1,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,10/05/2024,Approved,Radio,Friend',
  'R2,01/01/2024,,,,,,,NFA,Radio,Friend',
  'R3,01/01/2024,,05/02/2024,,,,,Withdrawn,Radio,Facebook', // left at application (visit skipped)
  'R4,01/01/2024,,,,,,,In progress,Radio,Facebook', // open at enquiry
  'R5,01/01/2024,15/01/2024,01/03/2024,,,,,In progress,Radio,', // open at application
  'W1,01/02/2024,10/02/2024,01/03/2024,01/04/2024,01/05/2024,01/06/2024,01/07/2024,Approved,Web,Facebook',
  'W2,01/02/2024,,,,,,,NFA,Web,',
  'W3,01/02/2024,,,,,,,On Hold,Web,', // open at enquiry
  'P1,01/03/2024,,,,,,,NFA,Print,', // a campaign with no spend recorded
  'B1,01/03/2024,,,,,,,NFA,,', // no campaign
];
const COSTS = csv('costs.csv', 'Campaign,Spend\nRadio,"£1,000"\nWeb,£500\nUnused,£250\n');

/** The campaign table for a loaded dataset, as the app asks for it. */
const channels = (t: Awaited<ReturnType<typeof setup>>, by: string, filters?: Filters, spend?: Record<string, number>) =>
  runSpec(t.engine, channelsMetric, { settings: t.settings, filters, by, spend }, { asOf: t.asOf });

describe('channelsMetric', () => {
  test('volumes, rates, costs from the cost sheet, expected approvals from open enquiries', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const { engine, settings, asOf } = t;
    const rows = await channels(t, 'campaign');
    // A campaign with spend but no enquiries is listed too (at the end).
    expect(rows.map((r) => r.name)).toEqual(['Radio', 'Web', BLANK, 'Print', 'Unused']);
    expect(rows[4]).toMatchObject({ enquiries: 0, approvals: 0, openNow: 0, spend: 250, costPerEnquiry: null, costPerApproval: null });
    expect(rows[4].enquiryToApproval).toMatchObject({ rate: null, n: 0 });
    const radio = rows[0];
    expect(radio).toMatchObject({ enquiries: 5, applications: 3, approvals: 1, openNow: 2, spend: 1000, medianDaysToApproval: 130 });
    expect(radio.costPerEnquiry).toBe(200);
    expect(radio.costPerApplication).toBeCloseTo(1000 / 3, 9);
    expect(radio.costPerApproval).toBe(1000);
    expect(radio.enquiryToApplication).toMatchObject({ rate: 3 / 5, n: 5 });
    expect(radio.applicationToApproval).toMatchObject({ rate: 1 / 3, n: 3 });
    expect(radio.enquiryToApproval).toMatchObject({ rate: 1 / 5, n: 5 });
    // Open: R4 at enquiry, R5 at application. Expected approvals are forecast.ts's, from the whole dataset's
    // stage chances and the row's own open enquiries (forecast.test.ts works the numbers through by hand).
    expect(asOf).toBe('2024-07-01');
    const chances = await runSpec(engine, approvalChancesMetric, { settings }, { asOf });
    const open = openByGroup(await engine.query(openByGroupSql(settings, asOf, 'campaign')!));
    expect(radio.expectedApprovals).toEqual(forecastApprovals(chances, open.get('Radio')!));
    expect(open.get('Radio')!.map((o) => o.stageIndex).sort()).toEqual([0, 2]);
    // Two open enquiries: at most two approvals, in whole people.
    expect(radio.expectedApprovals.low).toBe(0);
    expect(radio.expectedApprovals.high).toBeLessThanOrEqual(2);
    expect(radio.expectedApprovals.value).toBeGreaterThan(0);

    const web = rows[1];
    expect(web).toMatchObject({ enquiries: 3, applications: 1, approvals: 1, openNow: 1, spend: 500, costPerEnquiry: 500 / 3, costPerApplication: 500, costPerApproval: 500 });
    expect(web.expectedApprovals).toEqual(forecastApprovals(chances, open.get('Web')!));
    expect(web.expectedApprovals).toMatchObject({ low: 0, high: 1 });

    const print = rows.find((r) => r.name === 'Print')!;
    expect(print).toMatchObject({ spend: null, costPerEnquiry: null, costPerApplication: null, costPerApproval: null, medianDaysToApproval: null });
    expect(print.expectedApprovals).toEqual({ value: 0, low: 0, high: 0 });
    expect(print.applicationToApproval).toMatchObject({ rate: null, n: 0 });
  });

  test('by source: no costs; filters apply; empty result', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const rows = await channels(t, 'source');
    expect(rows.map((r) => [r.name, r.enquiries])).toEqual([[BLANK, 5], ['Facebook', 3], ['Friend', 2]]);
    expect(rows.every((r) => r.spend === null && r.costPerEnquiry === null)).toBe(true);
    const radioOnly = await channels(t, 'campaign', { campaigns: ['Radio'] });
    expect(radioOnly.map((r) => r.name)).toEqual(['Radio']); // spend-only campaigns are filtered out too
    expect(await channels(t, 'campaign', { campaigns: ['nobody'] })).toEqual([]);
  });

  test('spend typed in wins over the cost sheet', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const rows = await channels(t, 'campaign', undefined, { Radio: 2000, Print: 300 });
    expect(rows.find((r) => r.name === 'Radio')).toMatchObject({ spend: 2000, costPerEnquiry: 400, costPerApproval: 2000 });
    expect(rows.find((r) => r.name === 'Print')).toMatchObject({ spend: 300, costPerEnquiry: 300, costPerApproval: null });
  });

  test('an enquiry date filter: no costs (spend carries no dates); a campaign filter keeps them', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    for (const filters of [{ from: '2024-01-15' }, { to: '2024-12-31' }, { from: '2023-01-01', to: '2025-01-01' }]) {
      const rows = await channels(t, 'campaign', filters, { Print: 300 });
      expect(rows.every((r) => r.spend === null && r.costPerEnquiry === null && r.costPerApproval === null), JSON.stringify(filters)).toBe(true);
      // The counts are still the date range's.
      expect(rows.reduce((a, r) => a + r.enquiries, 0)).toBeGreaterThan(0);
    }
    const radio = await channels(t, 'campaign', { campaigns: ['Radio'] });
    expect(radio.find((r) => r.name === 'Radio')).toMatchObject({ spend: 1000, costPerApproval: 1000 });
  });

  test('no cost sheet loaded: costs are null', async () => {
    const rows = await channels(await setup(wide(ROWS, HEADER)), 'campaign');
    expect(rows.every((r) => r.spend === null && r.costPerApproval === null)).toBe(true);
  });

  test('no approvals anywhere: one decided case cannot show the chance is 0', async () => {
    const [x] = await channels(await setup(wide(['A,01/01/2024,,,,,,,NFA,X,', 'B,01/01/2024,,,,,,,In progress,X,'], HEADER)), 'campaign');
    expect(x).toMatchObject({ enquiries: 2, approvals: 0, openNow: 1, medianDaysToApproval: null });
    // One person left, none approved: worth one decided person, so Beta(0.5, 1.5) from the Jeffreys prior:
    // B's chance is 1/4 and the range for one person is 0 to 1 (the old forecast said 0 to 0).
    expect(x.expectedApprovals).toEqual({ value: 0.25, low: 0, high: 1 });
  });

  test('a stage list without an application stage does not fail', async () => {
    const rows = await channels(await setup(wide(ROWS, HEADER), hiding('application'), COSTS), 'campaign');
    const radio = rows[0];
    expect(radio).toMatchObject({ enquiries: 5, approvals: 1, costPerEnquiry: 200, costPerApproval: 1000 });
    // With no application stage, application figures are unknown rather than zero.
    expect(radio.applicationToApproval).toMatchObject({ rate: null, n: 0 });
    expect(radio.enquiryToApplication.rate).toBeNull();
    expect(radio.costPerApplication).toBeNull();
  });

  test('the stage chances are asked for by the settings alone, so every grouping and filter shares them', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const facts = { asOf: t.asOf, attributes: [], carers: null };
    const asked: unknown[] = [];
    const use: MetricContext['use'] = (spec, p) => {
      asked.push([spec.name, p]);
      return runMetric(t.engine, spec, p, facts);
    };
    const rows = await runMetric(t.engine, channelsMetric, { settings: t.settings, filters: { campaigns: ['Radio'] }, by: 'source' }, facts, use);
    expect(rows.map((r) => r.name)).toEqual(['Facebook', 'Friend', BLANK]);
    expect(asked).toEqual([['approvalChances', { settings: t.settings }]]);
  });

  test('rows shared through a query cache are not changed by shaping (spend typed in for a new campaign stays with its request)', async () => {
    const t = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const cache = new Map<string, Promise<Row[]>>();
    const cached: QueryRunner = {
      query: <T = Row>(text: string) => {
        if (!cache.has(text)) cache.set(text, t.engine.query(text));
        return cache.get(text)! as Promise<T[]>;
      },
      exec: (text) => t.engine.exec(text),
    };
    const facts = { asOf: t.asOf, attributes: [], carers: null };
    const typed = await runMetric(cached, channelsMetric, { settings: t.settings, by: 'campaign', spend: { Leaflets: 90 } }, facts);
    expect(typed.map((r) => r.name)).toEqual(['Radio', 'Web', BLANK, 'Print', 'Unused', 'Leaflets']);
    const plain = await runMetric(cached, channelsMetric, { settings: t.settings, by: 'campaign' }, facts);
    expect(plain.map((r) => r.name)).toEqual(['Radio', 'Web', BLANK, 'Print', 'Unused']);
  });
});

describe('spendByCampaign', () => {
  test('a cost sheet\'s names differing from the export\'s only in case, spacing or punctuation are the export\'s campaigns', () => {
    const names = ['Facebook Spring 2024', 'Summer Radio 2024', 'Word of mouth', 'Print'];
    const costs = [
      { campaign: 'Facebook - Spring 2024', spend: 5000 }, { campaign: 'Summer radio 2024 ', spend: 3000 },
      { campaign: 'Word of Mouth', spend: 250 }, { campaign: 'Print', spend: 100 }, { campaign: 'Bus stops', spend: 900 },
    ];
    expect(Object.fromEntries(spendByCampaign(costs, {}, names))).toEqual({
      'Facebook Spring 2024': 5000, 'Summer Radio 2024': 3000, 'Word of mouth': 250, Print: 100, 'Bus stops': 900,
    });
    // Spend typed in (by the table's names) wins; two export names folding alike are not guessed between.
    expect(spendByCampaign(costs, { Print: 150 }, names).get('Print')).toBe(150);
    expect(Object.fromEntries(spendByCampaign([{ campaign: 'word of mouth', spend: 1 }], {}, ['Word of mouth', 'Word of Mouth']))).toEqual({ 'word of mouth': 1 });
  });
});
