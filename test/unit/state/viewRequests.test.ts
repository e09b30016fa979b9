import { describe, expect, test } from 'vitest';
import { Coordinator } from '../../../src/lib/coordinator/coordinator';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { afterLoadRequests, otherViewsRequests, SUMMARISE_FIRST_FROM, summariseFirst, viewRequests, type RequestState } from '../../../src/lib/state/viewRequests';
import { asCsv, makeEnquiries } from '../../helpers/workbooks';
import { csv, testEngine } from '../../helpers/engine';

const state = (over: Partial<RequestState> = {}): RequestState => ({
  settings: defaultSettings(), filters: {}, ui: {}, spend: {}, overrides: {}, serviceColumn: null, ...over,
});
const names = (rs: { spec: { name: string } }[]) => rs.map((r) => r.spec.name);

describe('what each view asks for', () => {
  test('a view\'s requests follow the state: filters, the link\'s choices and what the data name', () => {
    expect(viewRequests.overview(state()).overall).toBeNull();
    expect(viewRequests.overview(state({ filters: { campaigns: ['Radio'] } })).overall?.params).toEqual({ settings: defaultSettings(), filters: {} });
    expect(viewRequests.trends(state({ ui: { grain: 'quarter', window: '18' } })).cohorts.params).toMatchObject({ grain: 'quarter', windowDays: 548 });
    // "By service" asks by the service column when the data have one, and by campaign when they don't.
    expect(viewRequests.campaigns(state({ ui: { by: 'service' }, serviceColumn: 'Service' })).channels.params).toMatchObject({ by: 'Service' });
    expect(viewRequests.campaigns(state({ ui: { by: 'service' } })).channels.params).toMatchObject({ by: 'campaign' });
    expect(viewRequests.dropoff(state({ overrides: { 'moved away': 'AW3' } })).reasons.params).toMatchObject({ overrides: { 'moved away': 'AW3' } });
  });

  test('the prefetch list holds every other view\'s requests and none of this one\'s own', () => {
    const s = state();
    const all = otherViewsRequests(s, 'data');
    const fromOverview = otherViewsRequests(s, 'overview');
    expect(names(fromOverview)).not.toContain('headlineCounts');
    expect(fromOverview.length).toBe(all.length - Object.values(viewRequests.overview(s)).filter(Boolean).length);
    expect(names(all)).toEqual(expect.arrayContaining(['funnel', 'periodCounts', 'equality', 'channels', 'afterApproval', 'planInputs', 'campaignHeadline', 'dropoffHeadline']));
  });

  test('the summaries come before the first draw for tens of thousands of enquiries, not for a few thousand', () => {
    expect(SUMMARISE_FIRST_FROM).toBe(50_000);
    expect([0, 3_500, 10_000, 49_999].map(summariseFirst)).toEqual([false, false, false, false]);
    expect([50_000, 100_000, 1_000_000].map(summariseFirst)).toEqual([true, true, true]);
  });

  test('after a load: the filtering summaries, the approval chances, then the other views\' requests as the prefetch lists them', () => {
    const s = state();
    const after = afterLoadRequests(s, 'overview');
    expect(names(after.slice(0, 2))).toEqual(['cubes', 'approvalChances']);
    expect(after.slice(2)).toEqual(otherViewsRequests(s, 'overview').slice(1));
    expect(names(after)).not.toContain('headlineCounts');
  });

  test('every request of every view runs on real data, and asking again is answered from the cache', async () => {
    const engine = await testEngine();
    let queries = 0;
    const counted = { ...engine, query: <T>(text: string) => (queries++, engine.query<T>(text)) };
    const c = new Coordinator(counted);
    await c.load([csv('enquiries.csv', asCsv(makeEnquiries(300)))], defaultSettings());
    const s = state({ filters: { campaigns: ['Radio'] } });
    await c.prefetch(otherViewsRequests(s, 'data'));
    const before = queries;
    for (const r of otherViewsRequests(s, 'data')) await expect(c.runRequest(r)).resolves.not.toBeUndefined();
    expect(queries).toBe(before);
  }, 60_000);
});
