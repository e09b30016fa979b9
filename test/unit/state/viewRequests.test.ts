import { describe, expect, test } from 'vitest';
import { Coordinator } from '../../../src/lib/coordinator/coordinator';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { afterLoadRequests, aheadRequests, asksChoices, CHOICES_AHEAD, choiceRequests, SUMMARISE_FIRST_FROM, summariseFirst, summariesRequest, viewRequests, type RequestState } from '../../../src/lib/state/viewRequests';
import { columnValuesMetric } from '../../../src/lib/funnel/values';
import { BLANK } from '../../../src/lib/funnel/filters';
import { VIEWS } from '../../../src/lib/state/url';
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

  test('the Data view\'s funnel is the Overview\'s unfiltered one, filters or not, so the cache answers it', () => {
    expect(viewRequests.data(state()).funnel).toEqual(viewRequests.overview(state()).funnel);
    const filtered = state({ filters: { campaigns: ['Radio'] } });
    expect(viewRequests.data(filtered).funnel).toEqual(viewRequests.overview(filtered).overall);
  });

  test('the prefetch list holds every other view\'s requests and none of this one\'s own', () => {
    const s = state();
    const all = aheadRequests(s, 'data');
    const fromOverview = aheadRequests(s, 'overview');
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
    expect(after.slice(2)).toEqual(aheadRequests(s, 'overview').slice(1));
    expect(names(after)).not.toContain('headlineCounts');
  });

  const filtersOf = (rs: { spec: { name: string }; params: unknown }[]) =>
    rs.filter((r) => r.spec.name === 'funnel').map((r) => (r.params as RequestState).filters).filter((f) => Object.keys(f).length);

  test('filter choices worked out ahead: the overview under each of the commonest campaigns and sources, in turn, after the summaries', () => {
    const choices = { campaigns: ['Radio', 'Web', BLANK, 'a', 'b', 'c', 'd'], sources: ['Website'] };
    const ahead = choiceRequests(state(), 'overview', choices);
    expect(filtersOf(ahead)).toEqual([
      { campaigns: ['Radio'] }, { sources: ['Website'] }, { campaigns: ['Web'] }, { campaigns: [BLANK] }, { campaigns: ['a'] }, { campaigns: ['b'] },
    ]);
    expect(CHOICES_AHEAD).toBe(5);
    // Every figure of the overview for each choice.
    expect(names(ahead.slice(0, 4))).toEqual(names(Object.values(viewRequests.overview(state({ filters: { campaigns: ['Radio'] } }))).filter((r) => r !== null) as never));
    // In the lists: straight after the summaries.
    expect(names(afterLoadRequests(state(), 'overview', choices).slice(0, 2))).toEqual(['cubes', 'funnel']);
    expect(afterLoadRequests(state(), 'overview', choices).slice(1, ahead.length + 1)).toEqual(ahead);
    expect(aheadRequests(state(), 'overview', choices).slice(1, ahead.length + 1)).toEqual(ahead);
  });

  test('no choices under a filter (clearing it is the likeliest next step), nor on a view the summaries don\'t answer', () => {
    const choices = { campaigns: ['Radio'], sources: ['Website'] };
    for (const filters of [{ campaigns: ['Web'] }, { sources: ['Website'] }, { from: '2024-01-01' }, { attributes: { Ethnicity: ['White'] } }]) {
      expect(asksChoices('overview', filters)).toBe(false);
      expect(choiceRequests(state({ filters }), 'overview', choices)).toEqual([]);
    }
    for (const v of ['dropoff', 'campaigns', 'trends', 'equality', 'plan', 'after', 'data'] as const) {
      expect(asksChoices(v, {})).toBe(false);
      expect(choiceRequests(state(), v, choices)).toEqual([]);
    }
    expect(aheadRequests(state(), 'dropoff', choices)).toEqual(aheadRequests(state(), 'dropoff'));
  });

  test('a view asking for choices is answered from the summaries under them: no query reads the enquiries', async () => {
    const engine = await testEngine();
    const read: string[] = [];
    const c = new Coordinator({ ...engine, query: <T>(text: string) => (read.push(String(text)), engine.query<T>(text)) });
    await c.load([csv('enquiries.csv', asCsv(makeEnquiries(300)))], defaultSettings());
    await c.runRequest(summariesRequest(defaultSettings()));
    const top = async (column: 'campaign' | 'source') => (await c.run(columnValuesMetric, { settings: defaultSettings(), column })).map((v) => v.value ?? BLANK);
    const choices = { campaigns: await top('campaign'), sources: await top('source') };
    for (const view of VIEWS.map((v) => v.id).filter((v) => asksChoices(v, {}))) {
      // As on screen: the view unfiltered first (what no filter changes, such as the range of dates, is worked out then).
      for (const r of Object.values(viewRequests[view as keyof typeof viewRequests](state()))) if (r) await c.runRequest(r);
      read.length = 0;
      const ahead = choiceRequests(state(), view, choices);
      expect(ahead.length).toBeGreaterThan(0);
      for (const r of ahead) await c.runRequest(r);
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((q) => /\b(journeys|enquiries)\b(?!')/.test(q.replace(/'[^']*'/g, "''")))).toEqual([]);
    }
  }, 60_000);

  test('every request of every view runs on real data, and asking again is answered from the cache', async () => {
    const engine = await testEngine();
    let queries = 0;
    const counted = { ...engine, query: <T>(text: string) => (queries++, engine.query<T>(text)) };
    const c = new Coordinator(counted);
    await c.load([csv('enquiries.csv', asCsv(makeEnquiries(300)))], defaultSettings());
    const s = state({ filters: { campaigns: ['Radio'] } });
    await c.prefetch(aheadRequests(s, 'data'));
    const before = queries;
    for (const r of aheadRequests(s, 'data')) await expect(c.runRequest(r)).resolves.not.toBeUndefined();
    expect(queries).toBe(before);
  }, 60_000);
});
