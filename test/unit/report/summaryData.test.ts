import { describe, expect, test } from 'vitest';
import { summaryDataMetric, type SummaryParams, type SummaryView } from '../../../src/lib/report/summaryData';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { campaignsSummary, overviewSummary } from '../../../src/lib/state/summary';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from '../funnel/fixtures';

const ROWS = Array.from({ length: 40 }, (_, i) =>
  `R${i},${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024,${i % 2 ? '' : '20/10/2024'},${i % 4 ? '' : '01/11/2024'},,,,,${i % 3 ? 'In progress' : 'Withdrawn'},,,${i % 5 ? 'Radio' : 'Web'}`);

async function summaryOf(view: SummaryView, extra: Partial<SummaryParams> = {}) {
  const { engine, settings, asOf, ds } = await setup(wide(ROWS));
  const params: SummaryParams = {
    settings, filters: {}, view, by: 'campaign', byColumn: 'campaign', grain: 'fy', windowDays: 365, spend: {}, overrides: {}, ...extra,
  };
  const facts = { asOf, attributes: ds.model.attributes };
  return { data: await runSpec(engine, summaryDataMetric, params, facts), engine, settings, facts };
}

describe('summaryDataMetric', () => {
  test('each view is summarised from the same metric the view shows', async () => {
    const { data, engine, settings, facts } = await summaryOf('overview');
    expect(data).toEqual(overviewSummary(await runSpec(engine, funnelMetric, { settings, filters: {} }, facts)));
    const campaigns = await summaryOf('campaigns');
    const rows = await runSpec(campaigns.engine, channelsMetric, { settings, filters: {}, by: 'campaign', spend: {} }, facts);
    expect(campaigns.data).toEqual(campaignsSummary('campaign', rows));
  });

  test('every view with a summary gives its own kind', async () => {
    for (const view of ['overview', 'dropoff', 'campaigns', 'trends', 'equality'] as const) {
      const { data } = await summaryOf(view);
      expect(data.kind).toBe(view);
    }
  });

  test('the grouping chosen is the one summarised', async () => {
    const { data } = await summaryOf('campaigns', { by: 'source', byColumn: 'source' });
    if (data.kind !== 'campaigns') throw new Error('kind');
    expect(data.by).toBe('source');
  });
});
