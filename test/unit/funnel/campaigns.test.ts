import { describe, expect, test } from 'vitest';
import { approvalChanceByStage, channelTable } from '../../../src/lib/funnel/campaigns';
import { BLANK } from '../../../src/lib/funnel/filters';
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

describe('approvalChanceByStage', () => {
  test('approved among decided enquiries (approved or left) that reached each stage', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const c = await approvalChanceByStage(engine, settings);
    // Decided: R1, R2, R3, W1, W2, P1, B1 reached enquiry (2 approved); R1, R3, W1 reached visit/application.
    expect(c.map((x) => [x.stage, x.n, x.chance])).toEqual([
      ['enquiry', 7, 2 / 7], ['initial_visit', 3, 2 / 3], ['application', 3, 2 / 3],
      ['stage1', 2, 1], ['stage2', 2, 1], ['panel', 2, 1], ['approved', 2, 1],
    ]);
  });
});

describe('channelTable', () => {
  test('volumes, rates, costs from the cost sheet, expected approvals from open enquiries', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const rows = await channelTable(engine, settings, 'campaign');
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
    // Open: R4 at enquiry (2/7), R5 at application (2/3).
    const value = 2 / 7 + 2 / 3;
    const half = 1.96 * Math.sqrt((2 / 7) * (5 / 7) + (2 / 3) * (1 / 3));
    expect(radio.expectedApprovals.value).toBeCloseTo(value, 9);
    expect(radio.expectedApprovals.low).toBeCloseTo(Math.max(0, value - half), 9);
    expect(radio.expectedApprovals.high).toBeCloseTo(value + half, 9);

    const web = rows[1];
    expect(web).toMatchObject({ enquiries: 3, applications: 1, approvals: 1, openNow: 1, spend: 500, costPerEnquiry: 500 / 3, costPerApplication: 500, costPerApproval: 500 });
    expect(web.expectedApprovals.value).toBeCloseTo(2 / 7, 9);
    expect(web.expectedApprovals.low).toBe(0);
    expect(web.expectedApprovals.high).toBeCloseTo(2 / 7 + 1.96 * Math.sqrt((2 / 7) * (5 / 7)), 9);

    const print = rows.find((r) => r.name === 'Print')!;
    expect(print).toMatchObject({ spend: null, costPerEnquiry: null, costPerApplication: null, costPerApproval: null, medianDaysToApproval: null });
    expect(print.expectedApprovals).toEqual({ value: 0, low: 0, high: 0 });
    expect(print.applicationToApproval).toMatchObject({ rate: null, n: 0 });
  });

  test('by source: no costs; filters apply; empty result', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const rows = await channelTable(engine, settings, 'source');
    expect(rows.map((r) => [r.name, r.enquiries])).toEqual([[BLANK, 5], ['Facebook', 3], ['Friend', 2]]);
    expect(rows.every((r) => r.spend === null && r.costPerEnquiry === null)).toBe(true);
    const radioOnly = await channelTable(engine, settings, 'campaign', { campaigns: ['Radio'] });
    expect(radioOnly.map((r) => r.name)).toEqual(['Radio']); // spend-only campaigns are filtered out too
    expect(await channelTable(engine, settings, 'campaign', { campaigns: ['nobody'] })).toEqual([]);
  });

  test('spend typed in wins over the cost sheet', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), undefined, COSTS);
    const rows = await channelTable(engine, settings, 'campaign', undefined, { Radio: 2000, Print: 300 });
    expect(rows.find((r) => r.name === 'Radio')).toMatchObject({ spend: 2000, costPerEnquiry: 400, costPerApproval: 2000 });
    expect(rows.find((r) => r.name === 'Print')).toMatchObject({ spend: 300, costPerEnquiry: 300, costPerApproval: null });
  });

  test('no cost sheet loaded: costs are null', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER));
    const rows = await channelTable(engine, settings, 'campaign');
    expect(rows.every((r) => r.spend === null && r.costPerApproval === null)).toBe(true);
  });

  test('no approvals anywhere: chances are 0 or unknown, expected approvals 0', async () => {
    const { engine, settings } = await setup(wide(['A,01/01/2024,,,,,,,NFA,X,', 'B,01/01/2024,,,,,,,In progress,X,'], HEADER));
    const [x] = await channelTable(engine, settings, 'campaign');
    expect(x).toMatchObject({ enquiries: 2, approvals: 0, openNow: 1, medianDaysToApproval: null });
    expect(x.expectedApprovals).toEqual({ value: 0, low: 0, high: 0 });
  });

  test('a stage list without an application stage does not fail', async () => {
    const { engine, settings } = await setup(wide(ROWS, HEADER), hiding('application'), COSTS);
    const rows = await channelTable(engine, settings, 'campaign');
    const radio = rows[0];
    expect(radio).toMatchObject({ enquiries: 5, approvals: 1, costPerEnquiry: 200, costPerApproval: 1000 });
    // With no application stage, application figures are unknown rather than zero.
    expect(radio.applicationToApproval).toMatchObject({ rate: null, n: 0 });
    expect(radio.enquiryToApplication.rate).toBeNull();
    expect(radio.costPerApplication).toBeNull();
  });
});
