import { describe, expect, test } from 'vitest';
import { cohortsMetric, incidenceMetric, periodCountsMetric, periodKeySql, periodLabelSql, periodSql, timeToEventSql, type Grain, type TimeToEventCounts } from '../../../src/lib/funnel/cohorts';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Filters } from '../../../src/lib/funnel/filters';
import { financialYear } from '../../../src/lib/funnel/periods';
import type { FunnelSettings } from '../../../src/lib/funnel/settings';
import { aalenJohansen } from '../../../src/lib/stats/aalenJohansen';
import { testEngine } from '../../helpers/engine';
import { runSpec } from '../../helpers/metric';
import { hiding, setup, wide } from './fixtures';

const periodCounts = (engine: Engine, settings: FunnelSettings, grain: Grain, filters?: Filters) =>
  runSpec(engine, periodCountsMetric, { settings, filters, grain });
const cohorts = (engine: Engine, settings: FunnelSettings, grain: Grain, asOf: string, windowDays = 365, filters?: Filters) =>
  runSpec(engine, cohortsMetric, { settings, filters, grain, windowDays }, { asOf });
const timeToEventCounts = (engine: Engine, settings: FunnelSettings, asOf: string, groupBy: string | null, filters?: Filters) =>
  engine.query<TimeToEventCounts>(String(timeToEventSql(settings, asOf, groupBy, filters)));

const ROWS = [
  'E1,31/03/2023,,01/04/2023,,,,31/03/2024,Approved,,,', // enquiry FY 2022-23; application and approval FY 2023-24
  'E2,01/04/2023,,,,,,,NFA,,,',
  'E3,01/04/2024,,,,,,,In progress,,,',
  'E4,15/06/2023,01/07/2023,01/08/2023,,,,01/12/2023,Approved,,,Radio',
  'E5,20/06/2023,,,,,,,Withdrawn,,20/07/2023,',
];

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

describe('period labels', () => {
  test('financial years run April to March and are labelled "2023-24"; quarters from April', async () => {
    const e = await testEngine();
    const dates = ['2023-03-31', '2023-04-01', '2023-06-30', '2023-07-01', '2023-12-31', '2024-01-01', '1999-04-01'];
    for (const d of dates) {
      const [r] = await e.query<{ m: string; q: string; fy: string }>(
        `SELECT ${periodSql(`DATE '${d}'`, 'month')} AS m, ${periodSql(`DATE '${d}'`, 'quarter')} AS q, ${periodSql(`DATE '${d}'`, 'fy')} AS fy`,
      );
      expect(r.m).toBe(d.slice(0, 7));
      expect(r.fy).toBe(financialYear(d)); // SQL and TypeScript agree
    }
    const q = async (d: string) => (await e.query<{ q: string }>(`SELECT ${periodSql(`DATE '${d}'`, 'quarter')} AS q`))[0].q;
    expect(await q('2023-03-31')).toBe('2022-23 Q4');
    expect(await q('2023-04-01')).toBe('2023-24 Q1');
    expect(await q('2023-07-01')).toBe('2023-24 Q2');
    expect(await q('2023-12-31')).toBe('2023-24 Q3');
    expect(await q('2024-01-01')).toBe('2023-24 Q4');
    expect(await q('1999-04-01')).toBe('1999-00 Q1');
  });
});

describe('period keys', () => {
  /** The labels written out independently: month "2023-04", financial year "2023-24", quarter "2023-24 Q1" (April-June). */
  function label(d: string, grain: Grain): string {
    const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
    const start = m >= 4 ? y : y - 1;
    const fy = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    if (grain === 'month') return d.slice(0, 7);
    return grain === 'fy' ? fy : `${fy} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
  }

  test('every date: its key labels as its period, and keys sort as the labels do', async () => {
    const e = await testEngine();
    // A spread of days from 1950 to 2100, each month's first and last days among them.
    const dates = Array.from({ length: 1800 }, (_, i) => new Date(Date.UTC(1950 + Math.floor(i / 12), i % 12, i % 2 ? 1 : 0)).toISOString().slice(0, 10))
      .concat(Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(1950, 0, 1) + ((i * 7919) % 55000) * 86_400_000).toISOString().slice(0, 10)));
    for (const grain of ['month', 'quarter', 'fy'] as Grain[]) {
      const rows = await e.query<{ d: string; k: number; label: string }>(
        `SELECT strftime(d, '%Y-%m-%d') AS d, k, ${periodLabelSql('k', grain)} AS label
         FROM (SELECT d, ${periodKeySql('d', grain)} AS k FROM (SELECT unnest([${dates.map((x) => `DATE '${x}'`).join(', ')}]) AS d))`,
      );
      for (const r of rows) expect(r.label, `${r.d} ${grain}`).toBe(label(r.d, grain));
      const byKey = [...rows].sort((a, b) => a.k - b.k).map((r) => r.label);
      expect(byKey).toEqual([...byKey].sort());
    }
    expect((await e.query<{ x: string | null }>(`SELECT ${periodSql('NULL::DATE', 'quarter')} AS x`))[0].x).toBeNull();
  });
});

describe('periodCounts', () => {
  test('by financial year: each count by its own date', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect(await periodCounts(engine, settings, 'fy')).toEqual([
      { period: '2022-23', enquiries: 1, applications: 0, approvals: 0 },
      { period: '2023-24', enquiries: 3, applications: 2, approvals: 2 },
      { period: '2024-25', enquiries: 1, applications: 0, approvals: 0 },
    ]);
  });

  test('by quarter and by month', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect(await periodCounts(engine, settings, 'quarter')).toEqual([
      { period: '2022-23 Q4', enquiries: 1, applications: 0, approvals: 0 },
      { period: '2023-24 Q1', enquiries: 3, applications: 1, approvals: 0 },
      { period: '2023-24 Q2', enquiries: 0, applications: 1, approvals: 0 },
      { period: '2023-24 Q3', enquiries: 0, applications: 0, approvals: 1 },
      { period: '2023-24 Q4', enquiries: 0, applications: 0, approvals: 1 },
      { period: '2024-25 Q1', enquiries: 1, applications: 0, approvals: 0 },
    ]);
    expect(await periodCounts(engine, settings, 'month')).toEqual([
      { period: '2023-03', enquiries: 1, applications: 0, approvals: 0 },
      { period: '2023-04', enquiries: 1, applications: 1, approvals: 0 },
      { period: '2023-06', enquiries: 2, applications: 0, approvals: 0 },
      { period: '2023-08', enquiries: 0, applications: 1, approvals: 0 },
      { period: '2023-12', enquiries: 0, applications: 0, approvals: 1 },
      { period: '2024-03', enquiries: 0, applications: 0, approvals: 1 },
      { period: '2024-04', enquiries: 1, applications: 0, approvals: 0 },
    ]);
  });

  test('every filter applies, the enquiry-date filter included: its people, in whichever period things happened', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    // E1 enquired in 2022-23; its application and approval fall in 2023-24 and still count there.
    expect(await periodCounts(engine, settings, 'fy', { from: '2022-04-01', to: '2023-03-31' })).toEqual([
      { period: '2022-23', enquiries: 1, applications: 0, approvals: 0 },
      { period: '2023-24', enquiries: 0, applications: 1, approvals: 1 },
    ]);
    expect(await periodCounts(engine, settings, 'fy', { from: '2024-01-01', to: '2024-12-31' })).toEqual([
      { period: '2024-25', enquiries: 1, applications: 0, approvals: 0 },
    ]);
    expect(await periodCounts(engine, settings, 'fy', { campaigns: ['Radio'] })).toEqual([
      { period: '2023-24', enquiries: 1, applications: 1, approvals: 1 },
    ]);
    expect(await periodCounts(engine, settings, 'fy', { campaigns: ['nobody'] })).toEqual([]);
  });

  test('without an application stage there are no application counts; approvals by the final stage date', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('application'));
    const fy = await periodCounts(engine, settings, 'fy');
    expect(fy.map((x) => x.applications)).toEqual([0, 0, 0]);
    expect(fy.map((x) => x.approvals)).toEqual([0, 2, 0]);
  });
});

describe('cohorts', () => {
  test('what became of each financial year of enquirers; young cohorts are provisional', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const c = await cohorts(engine, settings, 'fy', '2025-01-01', 365);
    expect(c.map((x) => [x.period, x.enquiries, x.approved, x.left, x.open, x.provisional])).toEqual([
      ['2022-23', 1, 1, 0, 0, false],
      ['2023-24', 3, 1, 2, 0, true], // 31 Mar 2024 + 365 days is after the as-of date
      ['2024-25', 1, 0, 0, 1, true],
    ]);
    expect(c[1].reached).toEqual({ enquiry: 3, initial_visit: 1, application: 1, stage1: 1, stage2: 1, panel: 1, approved: 1 });
    // E1 took 366 days (a leap year): outside a 365-day window.
    expect(c[0].approvedWithinWindow).toMatchObject({ rate: 0, n: 1 });
    expect(c[1].approvedWithinWindow).toMatchObject({ rate: 1 / 3, n: 3 });
    const c366 = await cohorts(engine, settings, 'fy', '2025-01-01', 366);
    expect(c366[0].approvedWithinWindow).toMatchObject({ rate: 1, n: 1 });
  });

  test('provisional flips once the window has passed for the period end', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const at = async (asOf: string) => (await cohorts(engine, settings, 'fy', asOf, 365)).find((x) => x.period === '2023-24')!.provisional;
    expect(await at('2025-03-30')).toBe(true);
    expect(await at('2025-03-31')).toBe(false);
    // Quarter 2023-24 Q1 ends 30 June 2023; 365 days later is 29 June 2024.
    const q = await cohorts(engine, settings, 'quarter', '2024-06-28', 365);
    expect(q.map((x) => [x.period, x.provisional])).toEqual([
      ['2022-23 Q4', false], ['2023-24 Q1', true], ['2024-25 Q1', true],
    ]);
    const q2 = await cohorts(engine, settings, 'quarter', '2024-06-29', 365);
    expect(q2.map((x) => [x.period, x.provisional])).toEqual([
      ['2022-23 Q4', false], ['2023-24 Q1', false], ['2024-25 Q1', true],
    ]);
    // Month 2023-06 ends 30 June 2023 too.
    const june = async (asOf: string) => (await cohorts(engine, settings, 'month', asOf, 365)).find((x) => x.period === '2023-06')!.provisional;
    expect([await june('2024-06-28'), await june('2024-06-29')]).toEqual([true, false]);
  });

  test('filters, an empty result, custom stage lists', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect(await cohorts(engine, settings, 'fy', '2025-01-01', 365, { campaigns: ['nobody'] })).toEqual([]);
    const radio = await cohorts(engine, settings, 'month', '2025-01-01', 365, { campaigns: ['Radio'] });
    expect(radio.map((x) => [x.period, x.enquiries, x.approved])).toEqual([['2023-06', 1, 1]]);
    const hidden = await setup(wide(ROWS), hiding('stage1', 'stage2'));
    const h = await cohorts(hidden.engine, hidden.settings, 'fy', '2025-01-01');
    expect(Object.keys(h[0].reached)).toEqual(['enquiry', 'initial_visit', 'application', 'panel', 'approved']);
  });
});

describe('timeToEventCounts', () => {
  test('approvals at the final date, exits at the exit date, open censored at the as-of date', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const rows = await timeToEventCounts(engine, settings, '2025-01-01', null);
    expect(rows).toEqual([
      { group: null, day: 0, approved: 0, left: 1, censored: 0 }, // E2: no exit date, no later stage
      { group: null, day: 30, approved: 0, left: 1, censored: 0 }, // E5
      { group: null, day: 169, approved: 1, left: 0, censored: 0 }, // E4
      { group: null, day: days('2024-04-01', '2025-01-01'), approved: 0, left: 0, censored: 1 }, // E3
      { group: null, day: 366, approved: 1, left: 0, censored: 0 }, // E1
    ]);
  });

  test('grouped by a column; enquiries after the as-of date are left out, and what happens after it is not known yet', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const rows = await timeToEventCounts(engine, settings, '2024-01-01', 'campaign');
    expect(rows.filter((r) => r.group === 'Radio')).toEqual([{ group: 'Radio', day: 169, approved: 1, left: 0, censored: 0 }]);
    // E1 was approved on 31 March 2024: as at 1 January 2024 it was still open, 276 days after enquiring.
    expect(rows.filter((r) => r.group === null && r.day === 276)).toEqual([{ group: null, day: 276, approved: 0, left: 0, censored: 1 }]);
    expect(rows.filter((r) => r.group === null).map((r) => [r.day, r.approved, r.left])).toEqual([[0, 0, 1], [30, 0, 1], [276, 0, 0]]);
    expect(rows.reduce((a, r) => a + r.approved + r.left + r.censored, 0)).toBe(4); // E3 enquired after 1 Jan 2024
    expect(await timeToEventCounts(engine, settings, '2025-01-01', null, { campaigns: ['nobody'] })).toEqual([]);
  });
});

describe('incidenceMetric', () => {
  test('one curve from the day counts, the same as Aalen-Johansen on the enquiries one by one', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const [all] = await runSpec(engine, incidenceMetric, { settings, by: null }, { asOf: '2025-01-01' });
    expect(all).toMatchObject({ group: '(blank)', n: 5, until: 366 });
    // E2 left at day 0, E5 at 30, E4 approved at 169, E3 open at 276 days, E1 approved at 366.
    const direct = aalenJohansen([
      { time: 0, event: 'left' }, { time: 30, event: 'left' }, { time: 169, event: 'approved' },
      { time: days('2024-04-01', '2025-01-01'), event: 'censored' }, { time: 366, event: 'approved' },
    ]);
    expect(all.curve).toEqual(direct);
    expect(all.curve[all.curve.length - 1].cumulativeIncidence).toBeCloseTo(0.6, 12); // 3/5 still in at day 169, a third approved: 0.2; the last 2/5 approved at day 366: 0.4
  });

  test('split by campaign (none recorded is "(blank)") and by enquiry financial year; filters apply', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const byCampaign = await runSpec(engine, incidenceMetric, { settings, by: 'campaign' }, { asOf: '2025-01-01' });
    expect(byCampaign.map((g) => [g.group, g.n, g.until])).toEqual([['Radio', 1, 169], ['(blank)', 4, 366]]);
    expect(byCampaign[0].curve.map((p) => [p.time, p.cumulativeIncidence])).toEqual([[169, 1]]);
    const byYear = await runSpec(engine, incidenceMetric, { settings, by: 'fy' }, { asOf: '2025-01-01' });
    expect(byYear.map((g) => [g.group, g.n])).toEqual([['2022-23', 1], ['2023-24', 3], ['2024-25', 1]]);
    expect(await runSpec(engine, incidenceMetric, { settings, filters: { campaigns: ['nobody'] }, by: 'source' }, { asOf: '2025-01-01' })).toEqual([]);
  });
});
