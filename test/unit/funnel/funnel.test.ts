import { describe, expect, test } from 'vitest';
import { csv, load, testEngine } from '../../helpers/engine';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { ensureJourneys } from '../../../src/lib/coordinator/tables';

const HEADER = 'Ref,Enquiry Date,Initial Visit Date,Application Date,Stage 1 Date,Stage 2 Date,Panel Date,Approval Date,Status,Campaign';

async function funnelOf(rows: string[], settings: FunnelSettings = defaultSettings(), filters = {}) {
  const e = await testEngine();
  const ds = await load(e, csv('t.csv', [HEADER, ...rows].join('\n')));
  await ensureJourneys(e, ds, settings, () => {});
  return runSpec(e, funnelMetric, { settings: settings, filters: filters });
}

const pick = (f: Awaited<ReturnType<typeof funnelOf>>) => f.steps.map((s) => [s.id, s.reached, s.left, s.open]);

describe('computeFunnel', () => {
  test('reached, left and open follow the definitions', async () => {
    const f = await funnelOf([
      'A,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,10/05/2024,Approved,X',
      'B,01/01/2024,,,,,,,NFA,X',
      'C,01/01/2024,15/01/2024,,,,,,In progress,Y',
      'D,01/01/2024,,05/02/2024,,,,,Withdrawn,Y', // visit skipped: counted as passed
      'E,01/01/2024,20/01/2024,,,,,,On Hold,Y',
      'F,01/01/2024,20/01/2024,,,,,,Closed - Not Proceeding,',
    ]);
    expect(pick(f)).toEqual([
      ['enquiry', 6, 1, 0],
      ['initial_visit', 5, 1, 2],
      ['application', 2, 1, 0],
      ['stage1', 1, 0, 0],
      ['stage2', 1, 0, 0],
      ['panel', 1, 0, 0],
      ['approved', 1, 0, 0],
    ]);
    expect(f.steps[1].conversion!.rate).toBeCloseTo(5 / 6);
    expect(f.steps[1].decidedConversion!.rate).toBeCloseTo(5 / 6);
    expect(f.steps[2].conversion!.rate).toBeCloseTo(2 / 5);
    expect(f.steps[2].decidedConversion!.rate).toBeCloseTo(2 / 3);
    expect(f.steps[2].decidedConversion!.n).toBe(3);
    expect(f.steps[1].skipped).toBe(1);
    expect(f.steps[1].days!.median).toBe(16.5); // 9, 14, 19, 19 days
    expect(f.daysToFinal.median).toBe(130);
    expect(f.approved).toBe(1);
    expect(f.open).toBe(2);
    expect(f.left).toBe(3);
  });

  test('an open enquiry is never a drop-off, and the invariant holds', async () => {
    const f = await funnelOf(['A,01/01/2024,,,,,,,In progress,', 'B,02/01/2024,03/01/2024,,,,,,On Hold,']);
    expect(f.left).toBe(0);
    for (let i = 0; i < f.steps.length - 1; i++) {
      expect(f.steps[i].reached).toBe(f.steps[i + 1].reached + f.steps[i].left + f.steps[i].open);
    }
  });

  test('backwards intervals are left out of timings and counted', async () => {
    const f = await funnelOf(['A,01/01/2024,10/01/2024,01/02/2024,01/05/2024,01/04/2024,,,In progress,']);
    expect(f.steps[4].backwards).toBe(1);
    expect(f.steps[4].days!.n).toBe(0);
    expect(f.steps[4].days!.median).toBeNull();
  });

  test('filters: campaign, blank campaign and an empty result', async () => {
    const rows = ['A,01/01/2024,,,,,,,NFA,X', 'B,01/06/2024,,,,,,,NFA,Y', 'C,01/07/2024,,,,,,,NFA,'];
    expect((await funnelOf(rows, defaultSettings(), { campaigns: ['X'] })).total).toBe(1);
    expect((await funnelOf(rows, defaultSettings(), { campaigns: ['(blank)'] })).total).toBe(1);
    expect((await funnelOf(rows, defaultSettings(), { from: '2024-05-01' })).total).toBe(2);
    const empty = await funnelOf(rows, defaultSettings(), { campaigns: ['nobody'] });
    expect(empty.total).toBe(0);
    expect(empty.steps[1].conversion!.rate).toBeNull();
  });

  test('custom stage lists: hidden stages count towards the stage before', async () => {
    const s = defaultSettings();
    s.stages = s.stages.map((x) => (x.id === 'stage1' || x.id === 'stage2' ? { ...x, hidden: true } : x));
    const f = await funnelOf(['A,01/01/2024,10/01/2024,01/02/2024,01/03/2024,,,,Withdrawn,'], s);
    expect(f.steps.map((x) => x.id)).toEqual(['enquiry', 'initial_visit', 'application', 'panel', 'approved']);
    expect(pick(f)[2]).toEqual(['application', 1, 1, 0]);
  });

  test('no approvals and a stage nobody reached', async () => {
    const f = await funnelOf(['A,01/01/2024,10/01/2024,,,,,,Withdrawn,', 'B,01/01/2024,,,,,,,In progress,']);
    expect(f.approved).toBe(0);
    expect(f.steps[6].reached).toBe(0);
    expect(f.steps[6].conversion!.rate).toBeNull();
    expect(f.steps[6].conversion!.n).toBe(0);
  });
});
