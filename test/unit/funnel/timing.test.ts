import { describe, expect, test } from 'vitest';
import { stalledMetric, timelinessMetric } from '../../../src/lib/funnel/timing';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Filters } from '../../../src/lib/funnel/filters';
import type { FunnelSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { workingDaysBetween } from '../../../src/lib/stats/workingDays';
import { isBankHoliday } from '../../../src/lib/stats/bankHolidays';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { hiding, setup, wide } from './fixtures';

// As of 1 April 2024; stalled means more than 60 days since the last recorded stage.
const AS_OF = '2024-04-01';

/** The stalled metric as of a date. */
const stalled = (engine: Engine, settings: FunnelSettings, asOf: string, filters?: Filters, limit?: number) =>
  runSpec(engine, stalledMetric, { settings, filters, limit }, { asOf });

const STALL_ROWS = [
  'A,01/01/2024,,,,,,,In progress,,,Radio', // 91 days idle at enquiry: stalled
  'B,01/03/2024,10/03/2024,,,,,,In progress,,,Web', // 22 days at visit
  'C,01/12/2023,05/01/2024,,,,,,On Hold,,,Radio', // 87 days at visit: on hold is open, stalled
  'D,01/01/2023,,,,,,,Withdrawn,,,Radio', // left: never stalled
  'E,01/01/2023,01/02/2023,01/03/2023,01/04/2023,01/05/2023,01/06/2023,01/07/2023,Approved,,,', // approved
  'F,31/01/2024,,,,,,,In progress,,,', // 61 days: stalled
  'G,01/02/2024,,,,,,,In progress,,,', // exactly 60 days: not stalled
  'H,01/01/2024,,,,,,,In progress,,01/02/2024,', // exit date: left
];

describe('stalled enquiries', () => {
  test('summary per stage: open, stalled (> threshold), median days idle', async () => {
    const { engine, settings } = await setup(wide(STALL_ROWS));
    const s = (await stalled(engine, settings, AS_OF)).summary;
    expect(s.map((x) => x.stage)).toEqual(settings.stages.map((x) => x.id));
    expect(s[0]).toEqual({ stage: 'enquiry', open: 3, stalled: 2, stalledAfter: 60, medianDaysIdle: 61 });
    expect(s[1]).toEqual({ stage: 'initial_visit', open: 2, stalled: 1, stalledAfter: 60, medianDaysIdle: 54.5 });
    for (const x of s.slice(2)) expect(x).toEqual({ stage: x.stage, open: 0, stalled: 0, stalledAfter: 60, medianDaysIdle: null });
  });

  test('the list: stalled open enquiries, longest idle first, with their details', async () => {
    const { engine, settings } = await setup(wide(STALL_ROWS));
    const list = (await stalled(engine, settings, AS_OF)).list;
    expect(list).toEqual([
      { id: 'A', stage: 'enquiry', lastDate: '2024-01-01', daysIdle: 91, campaign: 'Radio', source: null, status: 'In progress' },
      { id: 'C', stage: 'initial_visit', lastDate: '2024-01-05', daysIdle: 87, campaign: 'Radio', source: null, status: 'On Hold' },
      { id: 'F', stage: 'enquiry', lastDate: '2024-01-31', daysIdle: 61, campaign: null, source: null, status: 'In progress' },
    ]);
    expect((await stalled(engine, settings, AS_OF, undefined, 1)).list.map((x) => x.id)).toEqual(['A']);
  });

  test('threshold, as-of date and filters move the counts', async () => {
    const { engine } = await setup(wide(STALL_ROWS));
    const s = { ...defaultSettings(), stalledDays: 80 };
    expect((await stalled(engine, s, AS_OF)).list.map((x) => x.id)).toEqual(['A', 'C']);
    expect((await stalled(engine, defaultSettings(), '2024-02-01')).list.map((x) => x.id)).toEqual([]);
    expect((await stalled(engine, defaultSettings(), AS_OF, { campaigns: ['Radio'] })).list.map((x) => x.id)).toEqual(['A', 'C']);
    const empty = (await stalled(engine, defaultSettings(), AS_OF, { campaigns: ['nobody'] })).summary;
    expect(empty.every((x) => x.open === 0 && x.stalled === 0 && x.medianDaysIdle === null)).toBe(true);
  });

  test('a stage with a threshold of its own: enquiries at it stall by that, the rest by the general one', async () => {
    const { engine } = await setup(wide(STALL_ROWS));
    // 90 days at enquiry (A at 91 still stalled, F at 61 not); 20 at initial visit (C at 87 and now B at 22).
    const s = { ...defaultSettings(), stalledDaysByStage: { enquiry: 90, initial_visit: 20 } };
    const summary = (await stalled(engine, s, AS_OF)).summary;
    expect(summary.slice(0, 3).map((x) => [x.stage, x.stalledAfter, x.stalled])).toEqual([['enquiry', 90, 1], ['initial_visit', 20, 2], ['application', 60, 0]]);
    expect((await stalled(engine, s, AS_OF)).list.map((x) => [x.id, x.stage])).toEqual([['A', 'enquiry'], ['C', 'initial_visit'], ['B', 'initial_visit']]);
  });

  test('a hidden stage date still counts as progress (idle since the latest stage of any kind)', async () => {
    const { engine, settings } = await setup(wide(['A,01/01/2024,05/01/2024,,01/03/2024,,,,In progress,,,']), hiding('stage1'));
    const [row] = (await stalled(engine, { ...settings, stalledDays: 0 }, AS_OF)).list;
    expect(row).toMatchObject({ stage: 'application', lastDate: '2024-03-01', daysIdle: 31 });
  });

  test('all open, one enquiry', async () => {
    const { engine, settings } = await setup(wide(['A,01/01/2024,,,,,,,On Hold,,,']));
    expect((await stalled(engine, settings, AS_OF)).summary[0]).toEqual({ stage: 'enquiry', open: 1, stalled: 1, stalledAfter: 60, medianDaysIdle: 91 });
  });
});

describe('timeliness', () => {
  // Application to panel: National Minimum Standard 14, within 8 months.
  const PANEL_ROWS = [
    'P1,01/12/2022,,15/01/2023,,,15/09/2023,,In progress,,,', // exactly 8 months: within
    'P2,01/12/2022,,15/01/2023,,,16/09/2023,,In progress,,,', // a day over
    'P3,01/12/2022,,31/01/2023,,,30/09/2023,,In progress,,,', // 31 Jan + 8 months = 30 Sep: within
    'P4,01/12/2022,,01/03/2023,,,01/02/2023,,In progress,,,', // panel before application: not timed
    'P5,01/12/2022,,01/01/2023,,,,,In progress,,,', // open, past 8 months, no panel: overdue
    'P6,01/12/2022,,01/12/2023,,,,,In progress,,,', // open, not yet 8 months
    'P7,01/12/2022,,01/01/2023,,,,,Withdrawn,,,', // left: not overdue
  ];
  // Enquiry to initial visit across Easter 2024 (Good Friday 29 March, Easter Monday 1 April).
  const VISIT_ROWS = [
    'V1,21/03/2024,04/04/2024,,,,,,In progress,,,', // 8 working days
    'V2,21/03/2024,08/04/2024,,,,,,In progress,,,', // 10 working days (12 without the bank holidays)
    'V3,21/03/2024,09/04/2024,,,,,,In progress,,,', // 11 working days
    'V4,21/03/2024,20/03/2024,,,,,,In progress,,,', // visit before enquiry: not timed
    'V5,21/03/2024,,,,,,,In progress,,,', // no visit
  ];

  test('the working-day arithmetic the cases rely on', () => {
    expect(isBankHoliday('2024-03-29')).toBe(true);
    expect(isBankHoliday('2024-04-01')).toBe(true);
    expect(workingDaysBetween('2024-03-21', '2024-04-04')).toBe(8);
    expect(workingDaysBetween('2024-03-21', '2024-04-08')).toBe(10);
    expect(workingDaysBetween('2024-03-21', '2024-04-09')).toBe(11);
  });

  test('application to panel within 8 months, overdue open applications; visit within 10 working days', async () => {
    const { engine, settings } = await setup(wide([...PANEL_ROWS, ...VISIT_ROWS]));
    const t = await runSpec(engine, timelinessMetric, { settings }, { asOf: '2024-01-01' });
    expect(t.panelWithinStandard).toMatchObject({ rate: 2 / 3, n: 3 });
    expect(t.panelOverdueOpen).toBe(1);
    expect(t.visitWithinStandard).toMatchObject({ rate: 2 / 3, n: 3 });
    expect(t.panelMonths).toBe(8);
    expect(t.visitWorkingDays).toBe(10);
  });

  test('the standards are settings', async () => {
    const { engine } = await setup(wide([...PANEL_ROWS, ...VISIT_ROWS]));
    const t = await runSpec(engine, timelinessMetric, { settings: { ...defaultSettings(), panelStandardMonths: 6, visitStandardWorkingDays: 8 } }, { asOf: '2024-01-01' });
    expect(t.panelWithinStandard).toMatchObject({ rate: 0, n: 3 });
    expect(t.visitWithinStandard).toMatchObject({ rate: 1 / 3, n: 3 });
    const t11 = await runSpec(engine, timelinessMetric, { settings: { ...defaultSettings(), visitStandardWorkingDays: 11 } }, { asOf: '2024-01-01' });
    expect(t11.visitWithinStandard).toMatchObject({ rate: 1, n: 3 });
  });

  test('the as-of date decides what is overdue', async () => {
    const { engine, settings } = await setup(wide(PANEL_ROWS));
    expect((await runSpec(engine, timelinessMetric, { settings }, { asOf: '2023-09-01' })).panelOverdueOpen).toBe(0); // P5 due 1 Sep: not yet past
    expect((await runSpec(engine, timelinessMetric, { settings }, { asOf: '2023-09-02' })).panelOverdueOpen).toBe(1);
    expect((await runSpec(engine, timelinessMetric, { settings }, { asOf: '2024-08-02' })).panelOverdueOpen).toBe(2); // P6 too
  });

  test('empty filter result and stage lists without the stages: rates with n = 0', async () => {
    const { engine, settings } = await setup(wide([...PANEL_ROWS, ...VISIT_ROWS]));
    const none = await runSpec(engine, timelinessMetric, { settings, filters: { campaigns: ['nobody'] } }, { asOf: '2024-01-01' });
    expect(none.panelWithinStandard).toMatchObject({ rate: null, n: 0 });
    expect(none.visitWithinStandard).toMatchObject({ rate: null, n: 0 });
    expect(none.panelOverdueOpen).toBe(0);
    const hidden = await runSpec(engine, timelinessMetric, { settings: hiding('initial_visit', 'panel') }, { asOf: '2024-01-01' });
    expect(hidden.panelWithinStandard).toMatchObject({ rate: null, n: 0 });
    expect(hidden.visitWithinStandard).toMatchObject({ rate: null, n: 0 });
  });
});
