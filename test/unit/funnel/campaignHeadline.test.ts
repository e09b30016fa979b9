import { describe, expect, test } from 'vitest';
import { campaignHeadlineMetric, campaignTotals } from '../../../src/lib/funnel/campaignHeadline';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { runSpec } from '../../helpers/metric';
import { csv, setup, wide } from './fixtures';
import { CURRENT, EXIT_ROWS, PREVIOUS } from './exitRows';

const AS_OF = '2024-04-30';
const COSTS = csv('costs.csv', 'Campaign,Spend\nRadio,"£1,000"\nUnused,£250\n');

describe('campaignHeadlineMetric', () => {
  test('total spend, approvals and the approvals cost per approval divides by; approvals made in the two periods', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS), undefined, COSTS);
    const h = await runSpec(engine, campaignHeadlineMetric, { settings }, { asOf: AS_OF });
    // Radio: A3, A5 (approved), A6, A8, £1,000; no campaign: five enquiries, no spend; Unused: £250, nobody.
    expect(h.now).toEqual({ enquiries: 9, approvals: 1, spend: 1250, costedApprovals: 1, costedCampaigns: 2 });
    expect(h.overall).toBeNull();
    expect(h.windows).toMatchObject({ current: CURRENT, previous: PREVIOUS });
    // Approvals made: A5 on 1 Dec 2023 (current), none before; enquiries received: A6, A7, A8, A9 against A3, A4, A5
    expect(h.counts!.map((c) => [c.enquiries, c.approvals])).toEqual([[4, 1], [3, 0]]);
  });

  test('under a filter the service overall beside it; spend typed in wins over the cost sheet', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS), undefined, COSTS);
    const h = await runSpec(engine, campaignHeadlineMetric, { settings, filters: { campaigns: ['Radio'] }, spend: { Radio: 2000 } }, { asOf: AS_OF });
    expect(h.now).toEqual({ enquiries: 4, approvals: 1, spend: 2000, costedApprovals: 1, costedCampaigns: 1 });
    expect(h.overall).toEqual({ enquiries: 9, approvals: 1, spend: 2250, costedApprovals: 1, costedCampaigns: 2 });
    expect(h.counts!.map((c) => [c.enquiries, c.approvals])).toEqual([[2, 1], [2, 0]]);
  });

  test('no earlier period of the same length: no counts; the totals add up the campaign table', async () => {
    const { engine, settings } = await setup(wide(EXIT_ROWS), undefined, COSTS);
    const h = await runSpec(engine, campaignHeadlineMetric, { settings, filters: { from: '2023-04-01', to: '2024-03-31' } }, { asOf: AS_OF });
    expect(h.counts).toBeNull();
    const rows = await runSpec(engine, channelsMetric, { settings, filters: { from: '2023-04-01', to: '2024-03-31' }, by: 'campaign', spend: {} }, { asOf: AS_OF });
    expect(h.now).toEqual(campaignTotals(rows));
    expect(h.now.approvals).toBe(rows.reduce((a, r) => a + r.approvals, 0));
    expect(campaignTotals([])).toEqual({ enquiries: 0, approvals: 0, spend: null, costedApprovals: 0, costedCampaigns: 0 });
  });
});
