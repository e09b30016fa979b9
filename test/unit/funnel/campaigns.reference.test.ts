import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { channelsMetric, type ChannelRow } from '../../../src/lib/funnel/campaigns';
import { campaignHeadlineMetric } from '../../../src/lib/funnel/campaignHeadline';
import { costPerApproval } from '../../../src/lib/funnel/costPerApproval';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { rate } from '../../../src/lib/stats/rate';
import { csv } from '../../helpers/engine';
import { runSpec } from '../../helpers/metric';
import { journeysAt, NONE, type RefFilters } from '../../reference/exports';
import {
  foldName, garwood, poissonCdf, referenceCampaignTable, referenceCostPerApproval,
  type RefCampaignRow, type RefCostLine,
} from '../../reference/campaigns';
import { asOfArb, filtersArb, journeysFor, loadRecords, norm, recordsArb, runs, stagesArb } from './randomExports';

const CAMPAIGNS = ['', 'Radio', 'Web Ads', 'Summer Fair 2024'];
/** Campaigns the cost sheet names that no enquiry came from. */
const UNUSED = ['Bus Stops', 'Cinema'];

/** The ways a cost sheet writes an export's campaign name differently: case, spacing, punctuation. */
const VARIANTS: ((name: string) => string)[] = [
  (n) => n,
  (n) => n.toLowerCase(),
  (n) => n.toUpperCase(),
  (n) => ` ${n.replace(/ /g, '  ')} `,
  (n) => n.replace(/ /g, ' - '),
  (n) => n.replace(/ /g, '_'),
  (n) => `${n}.`,
  (n) => n.toLowerCase().replace(/ /g, '-'),
];

/** A cost sheet's lines: most name an export campaign in some spelling, some a campaign nobody came from (as written). */
const costLinesArb = fc.array(
  fc.record({
    of: fc.constantFrom(...CAMPAIGNS.filter((c) => c), ...UNUSED),
    variant: fc.integer({ min: 0, max: VARIANTS.length - 1 }),
    spend: fc.integer({ min: 50, max: 40_000 }),
  }).map(({ of, variant, spend }): RefCostLine => ({ campaign: UNUSED.includes(of) ? of : VARIANTS[variant](of), spend })),
  { minLength: 1, maxLength: 6 },
);

/** A cost sheet as a file, spend written as money ("£12,500") or as a plain number. */
function costSheet(lines: readonly RefCostLine[]) {
  const money = (n: number, i: number) => (i % 2 ? `"£${n.toLocaleString('en-GB')}"` : String(n));
  return csv('campaign-costs.csv', ['Campaign,Spend', ...lines.map((l, i) => `${l.campaign},${money(l.spend, i)}`)].join('\n') + '\n');
}

/** The app's row in the reference's terms. */
function asReference(r: ChannelRow): unknown {
  return {
    name: r.name, enquiries: r.enquiries, applications: r.applications, approvals: r.approvals, openNow: r.openNow,
    enquiryToApplication: r.enquiryToApplication, applicationToApproval: r.applicationToApproval, enquiryToApproval: r.enquiryToApproval,
    medianDaysToApproval: r.medianDaysToApproval, spend: r.spend,
    costPerEnquiry: r.costPerEnquiry, costPerApplication: r.costPerApplication, costPerApproval: r.costPerApproval,
  };
}
const withRates = (r: RefCampaignRow) => ({
  ...r, enquiryToApplication: rate(...r.enquiryToApplication), applicationToApproval: rate(...r.applicationToApproval), enquiryToApproval: rate(...r.enquiryToApproval),
});

/** Cost per approval as the app works it out, against the reference (relative error). */
function expectCostPerApproval(spend: number | null, approvals: number) {
  const got = costPerApproval(spend, approvals);
  const want = referenceCostPerApproval(spend, approvals);
  if (!want) return expect(got).toBeNull();
  expect(got).not.toBeNull();
  expect({ ...got!, low: 0, high: got!.high === null ? null : 0 }).toEqual({ ...want, low: 0, high: want.high === null ? null : 0 });
  expect(Math.abs(got!.low / want.low - 1)).toBeLessThan(1e-8);
  if (want.high !== null) expect(Math.abs(got!.high! / want.high - 1)).toBeLessThan(1e-8);
}

const settingsArb = fc.record({ stages: stagesArb, asOf: asOfArb }).map((x): FunnelSettings => ({ ...defaultSettings(), ...x }));

describe('the reference Poisson interval', () => {
  test('by bisection on the Poisson sums: the published Garwood limits', () => {
    // Garwood (1936) limits as tabulated (e.g. Ulm 1990): k = 0, 1, 5, 10.
    const table: [number, number, number][] = [[0, 0, 3.6889], [1, 0.0253, 5.5716], [5, 1.6235, 11.6683], [10, 4.7954, 18.3904]];
    for (const [k, low, high] of table) {
      expect(garwood(k).low).toBeCloseTo(low, 3);
      expect(garwood(k).high).toBeCloseTo(high, 3);
    }
    expect(poissonCdf(3, 2)).toBeCloseTo(0.857123460498547, 12);
  });

  test('cost per approval and its interval, for approvals from 0 to 60 and any spend', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 500_000 })), (k, spend) => {
      expectCostPerApproval(spend, k);
    }), { numRuns: 300, seed: 20261204 });
  });
});

describe('the campaign table with spend agrees with the reference: random exports and cost sheets', () => {
  test('volumes, conversions, days to approval, spend matched by folded name, costs per enquiry, application and approval; the headline totals', async () => {
    const typedArb = fc.dictionary(fc.constantFrom(...CAMPAIGNS.filter((c) => c)), fc.integer({ min: 1, max: 20_000 }), { maxKeys: 1 });
    await fc.assert(
      fc.asyncProperty(recordsArb({ campaigns: CAMPAIGNS }), costLinesArb, fc.array(fc.tuple(settingsArb, filtersArb([NONE, 'Radio', 'Web Ads']), typedArb), { minLength: 1, maxLength: 2 }),
        async (records, costs, asks) => {
          const { engine, ds } = await loadRecords(records, costSheet(costs));
          for (const [settings, filters, typed] of asks) {
            const asOf = await journeysFor(engine, ds, records, settings);
            const journeys = journeysAt(records, settings.stages, asOf);
            const f = filters as RefFilters;
            const rows = await runSpec(engine, channelsMetric, { settings, filters, by: 'campaign', spend: typed }, { asOf });
            const want = referenceCampaignTable(journeys, settings.stages, costs, typed, f);
            expect(norm(rows.map(asReference))).toEqual(norm(want.map(withRates)));
            for (const r of rows) expectCostPerApproval(r.spend, r.approvals);

            // The headline strip: the table's totals, spend over the approvals of the campaigns with spend.
            const head = await runSpec(engine, campaignHeadlineMetric, { settings, filters, spend: typed }, { asOf });
            const totals = (table: RefCampaignRow[]) => {
              const costed = table.filter((r) => r.spend !== null);
              return {
                enquiries: table.reduce((a, r) => a + r.enquiries, 0), approvals: table.reduce((a, r) => a + r.approvals, 0),
                spend: costed.length ? costed.reduce((a, r) => a + r.spend!, 0) : null,
                costedApprovals: costed.reduce((a, r) => a + r.approvals, 0), costedCampaigns: costed.length,
              };
            };
            expect(norm(head.now)).toEqual(norm(totals(want)));
            const unfiltered = !(f.from || f.to || f.campaigns?.length || f.sources?.length);
            expect(norm(head.overall)).toEqual(unfiltered ? null : norm(totals(referenceCampaignTable(journeys, settings.stages, costs, typed))));
            expectCostPerApproval(head.now.spend, head.now.costedApprovals);
          }
        }),
      { numRuns: runs(15), seed: 20261205 },
    );
  }, 120_000);

  // README: cost sheet names "are matched to the export's with case, spacing and punctuation folded", so a name
  // differing only in the case of a letter inside a word ("Youtube Ads" for "YouTube Ads") is the export's campaign.
  test('a cost sheet name differing only in the case of a letter inside a word is the export\'s campaign', async () => {
    const rec = (id: string, campaign: string, approved: boolean) => ({
      id, enquiry: '2024-01-01', dates: approved ? { approved: '2024-09-01' } : {}, status: approved ? 'Approved' : 'In progress',
      reason: '', exitDate: null, campaign, source: '',
    });
    const records = [rec('E1', 'YouTube Ads', true), rec('E2', 'YouTube Ads', false), rec('E3', 'Radio', false)];
    const costs = [{ campaign: 'Youtube Ads', spend: 3000 }, { campaign: 'radio', spend: 500 }];
    const { engine, ds } = await loadRecords(records, costSheet(costs));
    const settings = defaultSettings();
    const asOf = await journeysFor(engine, ds, records, settings);
    const rows = await runSpec(engine, channelsMetric, { settings, by: 'campaign' }, { asOf });
    const want = referenceCampaignTable(journeysAt(records, settings.stages, asOf), settings.stages, costs, {});
    expect(want.map((r) => [r.name, r.enquiries, r.spend, r.costPerApproval])).toEqual([['YouTube Ads', 2, 3000, 3000], ['Radio', 1, 500, null]]);
    // The app: [['YouTube Ads', 2, null, null], ['Radio', 1, 500, null], ['Youtube Ads', 0, 3000, null]].
    expect(rows.map((r) => [r.name, r.enquiries, r.spend, r.costPerApproval])).toEqual(want.map((r) => [r.name, r.enquiries, r.spend, r.costPerApproval]));
  });

  test('every cost line is somewhere: matched to a campaign by its folded name, or a row of its own', () => {
    expect(foldName('  Summer  fair_2024. ')).toBe('summer fair 2024');
    expect(VARIANTS.map((v) => foldName(v('Web Ads')))).toEqual(VARIANTS.map(() => 'web ads'));
  });
});
