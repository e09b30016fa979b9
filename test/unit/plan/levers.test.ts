import { describe, expect, test } from 'vitest';
import { planInputsMetric } from '../../../src/lib/plan/inputs';
import { planModel } from '../../../src/lib/plan/model';
import { makePlan } from '../../../src/lib/plan/plan';
import { campaignRunning, spendCampaigns, spendEffect, spendNote } from '../../../src/lib/plan/levers';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from '../funnel/fixtures';

// Ref,Enquiry,Visit,Application,Stage1,Stage2,Panel,Approval,Status,Reason,Exit,Campaign
// As of 1 Dec 2024 (the latest date). Radio 2022 and Spring push stopped bringing enquiries more
// than a year before (Spring push's last one exactly 12 months before: outside the window, as the
// planner's recent enquiries are); Web, Posters and Summer push brought some in the last 12 months.
const ROWS = [
  'R1,01/02/2022,10/02/2022,01/03/2022,01/04/2022,01/05/2022,01/06/2022,15/06/2022,Approved,,,Radio 2022',
  'R2,01/03/2022,10/03/2022,01/04/2022,01/05/2022,01/06/2022,01/07/2022,15/07/2022,Approved,,,Radio 2022',
  'R3,01/04/2022,,,,,,,Withdrawn,,01/05/2022,Radio 2022',
  'S1,01/12/2023,,,,,,,Withdrawn,,01/01/2024,Spring push',
  'U1,02/12/2023,10/12/2023,01/01/2024,01/02/2024,01/03/2024,01/04/2024,15/04/2024,Approved,,,Summer push',
  'W1,01/06/2023,10/06/2023,01/07/2023,01/08/2023,01/09/2023,01/10/2023,15/10/2023,Approved,,,Web',
  'W2,01/02/2024,10/02/2024,01/03/2024,01/04/2024,01/05/2024,01/06/2024,15/06/2024,Approved,,,Web',
  'W3,01/06/2024,,,,,,,Withdrawn,,01/07/2024,Web',
  'W4,01/11/2024,05/11/2024,,,,,,In progress,,,Web',
  'P1,01/03/2024,10/03/2024,01/04/2024,01/05/2024,01/06/2024,01/07/2024,15/07/2024,Approved,,,Posters',
  'P2,01/09/2024,,,,,,,Withdrawn,,01/10/2024,Posters',
  'P3,01/12/2024,,,,,,,In progress,,,Posters',
  'N1,01/05/2024,,,,,,,In progress,,,',
];
const SPEND = { 'Radio 2022': 9000, 'Spring push': 1000, 'Summer push': 2000, Web: 8000, Posters: 6000 };

async function planned() {
  const { engine, settings, asOf } = await setup(wide(ROWS));
  const inputs = await runSpec(engine, planInputsMetric, { settings }, { asOf });
  const rows = await runSpec(engine, channelsMetric, { settings, by: 'campaign', spend: SPEND }, { asOf });
  return { asOf, model: planModel(inputs), rows };
}

describe('the spend lever offers only campaigns still running', () => {
  test('running: enquiries in the 12 months to the as-of date, the window the plan takes its current rate from', async () => {
    const { asOf, model, rows } = await planned();
    expect(asOf).toBe('2024-12-01');
    // Every campaign has a cost per enquiry; "no campaign recorded" is never offered.
    expect(rows.filter((r) => r.costPerEnquiry !== null).map((r) => r.name).sort()).toEqual(['Posters', 'Radio 2022', 'Spring push', 'Summer push', 'Web']);
    const c = spendCampaigns(model, rows);
    expect(c.running.map((r) => r.name).sort()).toEqual(['Posters', 'Summer push', 'Web']);
    expect(c.ended.map((r) => r.name).sort()).toEqual(['Radio 2022', 'Spring push']);
    expect(campaignRunning(model, 'Radio 2022')).toBe(false);
    expect(campaignRunning(model, 'Web')).toBe(true);
    expect(campaignRunning(model, 'Not a campaign')).toBe(false);
    expect(spendNote(c, asOf)).toBe('Only campaigns still running are offered (those with enquiries in the 12 months to 1 Dec 2024): Radio 2022 and Spring push have ended.');
  });

  test('spend moved to or from a campaign that has ended gains nothing it can be counted on for', async () => {
    const { model, rows } = await planned();
    const o = makePlan(model, 5, '2026-12-01')!.outlook;
    const cost = (name: string) => rows.find((r) => r.name === name)!.costPerEnquiry!;
    const move = (from: string, to: string) => spendEffect(model, o, { from, to, amount: 1000, fromCostPerEnquiry: cost(from), toCostPerEnquiry: cost(to) });
    // Radio 2022 brought approvals cheaply, but it ended in 2022: no money can go to it now, nor come from it.
    expect(move('Web', 'Radio 2022')).toBeNull();
    expect(move('Radio 2022', 'Web')).toBeNull();
    expect(move('Posters', 'Spring push')).toBeNull();
    expect(move('Posters', 'Web')?.gained.value).toEqual(expect.any(Number));
  });

  test('with none running, or one, it says so rather than offering nothing', () => {
    const names = (...n: string[]) => n.map((name) => ({ name }));
    const asOf = '2024-12-01';
    expect(spendNote({ running: [], ended: names('Radio 2022', 'Spring push') }, asOf))
      .toBe('None of your campaigns with spend is still running: none brought an enquiry in the 12 months to 1 Dec 2024 (Radio 2022 and Spring push), so there is no campaign to move spend to.');
    expect(spendNote({ running: names('Web'), ended: names('Radio 2022') }, asOf))
      .toBe('Only Web is still running (it brought enquiries in the 12 months to 1 Dec 2024); moving spend needs two. Radio 2022 has ended.');
    expect(spendNote({ running: [], ended: names('A', 'B', 'C', 'D', 'E', 'F') }, asOf)).toContain('(A, B, C and 3 more)');
    expect(spendNote({ running: names('Web'), ended: [] }, asOf)).toMatch(/^Moving spend between campaigns needs the spend of at least two campaigns/);
    expect(spendNote({ running: names('Web', 'Posters'), ended: [] }, asOf)).toBeNull();
  });
});
