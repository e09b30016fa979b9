import { afterAll, beforeAll, expect, test } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/engine';
import { buildJourneys } from '../../src/lib/funnel/journeys';
import { computeFunnel } from '../../src/lib/funnel/funnel';
import { exitReasons, reasonTexts } from '../../src/lib/funnel/reasons';
import { stalledList, stalledSummary, timeliness } from '../../src/lib/funnel/timing';
import { cohorts, periodCounts, timeToEventCounts } from '../../src/lib/funnel/cohorts';
import { breakdown } from '../../src/lib/funnel/breakdowns';
import { channelTable } from '../../src/lib/funnel/campaigns';
import { funnelPlotData, groupVsRest } from '../../src/lib/funnel/comparisons';
import { equalityReport } from '../../src/lib/funnel/equality';
import { drillDown } from '../../src/lib/funnel/drilldown';
import { panelStandardByPeriod, stepTimesByPeriod } from '../../src/lib/funnel/trends';
import { financialYears } from '../../src/lib/funnel/periods';
import { biggestLoss } from '../../src/lib/funnel/summary';
import { defaultSettings } from '../../src/lib/funnel/settings';
import { datasetSql } from './dataset';

/**
 * Every metric family once on a 1,000,000-enquiry dataset built inside DuckDB
 * in the canonical shape (the `enquiries`, `events` and `costs` views that
 * activateDataset creates). Prints the time per family; each must be under 1 s.
 */
const N = 1_000_000;
const LIMIT_MS = 1000;
const EXPORT_DATE = '2026-11-01';

let engine: Engine;
const timings: { family: string; ms: number }[] = [];

async function timed<T>(family: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const out = await f();
  timings.push({ family, ms: performance.now() - t0 });
  return out;
}

beforeAll(async () => {
  engine = await createNodeEngine();
  const t0 = performance.now();
  await engine.exec(datasetSql(N));
  const [c] = await engine.query<{ e: number; v: number }>('SELECT (SELECT count(*) FROM enquiries) AS e, (SELECT count(*) FROM events) AS v');
  console.log(`dataset: ${c.e.toLocaleString('en-GB')} enquiries, ${c.v.toLocaleString('en-GB')} events, built in ${Math.round(performance.now() - t0)} ms`);
});

afterAll(async () => {
  const w = Math.max(...timings.map((t) => t.family.length));
  const lines = timings.map((t) => `${t.family.padEnd(w)}  ${t.ms.toFixed(0).padStart(6)} ms${t.ms >= LIMIT_MS && !t.family.startsWith('(') ? '  <-- over 1 s' : ''}`);
  console.log(['', `Metric timings on ${N.toLocaleString('en-GB')} enquiries`, ...lines, ''].join('\n'));
  await engine?.close();
});

const s = defaultSettings();
let asOf = EXPORT_DATE;
let f: Awaited<ReturnType<typeof computeFunnel>>;
let groups: Awaited<ReturnType<typeof breakdown>> = [];

/** One test per family, run in order (they share `journeys`), each timed and held to the limit. */
function family<T>(name: string, run: () => Promise<T> | T, check?: (out: T) => void) {
  test(`${name} < ${LIMIT_MS} ms`, async () => {
    const out = await timed(name, run);
    check?.(out);
    expect(timings[timings.length - 1].ms).toBeLessThan(LIMIT_MS);
  });
}

// Not a metric: the per-enquiry table a load (or a change of stage settings)
// builds once, timed for the record. Loads fold it into storing the enquiries.
test('journeys table for the settings (a load step: timed, not held to the limit)', async () => {
  asOf = await timed('(load step) buildJourneys table', () => buildJourneys(engine, s, EXPORT_DATE));
  const [{ n }] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM journeys');
  expect(n).toBe(N);
});
family('funnel: computeFunnel', async () => (f = await computeFunnel(engine, s)), (out) => expect(out.total).toBe(N));
family('funnel: computeFunnel (filtered)', () =>
  computeFunnel(engine, s, { campaigns: ['Radio', 'Web'], from: '2021-04-01', attributes: { Ethnicity: ['Asian'] } }));
family('reasons: exitReasons', () => exitReasons(engine, s));
family('reasons: reasonTexts', () => reasonTexts(engine));
family('timing: stalledSummary', () => stalledSummary(engine, s, asOf));
family('timing: stalledList', () => stalledList(engine, s, asOf));
family('timing: timeliness', () => timeliness(engine, s, asOf));
family('cohorts: periodCounts (fy)', () => periodCounts(engine, s, 'fy'));
family('cohorts: periodCounts (month)', () => periodCounts(engine, s, 'month'));
family('cohorts: cohorts (quarter)', () => cohorts(engine, s, 'quarter', asOf));
family('cohorts: timeToEventCounts (by campaign)', () => timeToEventCounts(engine, s, asOf, 'campaign'));
family('breakdowns: breakdown (campaign, top 10)', async () => (groups = await breakdown(engine, s, 'campaign', undefined, 10)));
family('breakdowns: breakdown (attribute)', () => breakdown(engine, s, 'Ethnicity'));
family('campaigns: channelTable', () => channelTable(engine, s, 'campaign'));
family('comparisons: groupVsRest (11 groups)', () => groupVsRest(groups));
family('comparisons: funnelPlotData', () => funnelPlotData(groups, 0, s.stages.length - 1));
family('equality: equalityReport (3 columns)', () => equalityReport(engine, s, ['Ethnicity', 'Age Band', 'Disability', 'Postcode District']),
  (out) => expect(out.map((r) => r.column)).toEqual(['Ethnicity', 'Age Band', 'Disability']));
family('drilldown: drillDown', () => drillDown(engine, s, { stage: 'application', outcome: 'left' }));
family('trends: stepTimesByPeriod', () => stepTimesByPeriod(engine, s, 'quarter'));
family('trends: panelStandardByPeriod', () => panelStandardByPeriod(engine, s, 'quarter'));
family('periods: financialYears', () => financialYears('2019-04-01', asOf));
family('summary: biggestLoss', () => biggestLoss(f));
