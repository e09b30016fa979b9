import { describe, expect, test } from 'vitest';
import { drillKey, drillMetric, parseDrillKey } from '../../../src/lib/funnel/drilldown';
import { runSpec } from '../../helpers/metric';
import { hiding, setup, wide } from './fixtures';

const ROWS = [
  'A,02/01/2024,,,,,,,NFA,No response,,Radio',
  'B,01/01/2024,10/01/2024,,,,,,Withdrawn,Moving house,,Web',
  'C,03/01/2024,12/01/2024,,,,,,In progress,,,',
  'D,01/01/2024,11/01/2024,,,,,,Withdrawn,Financial reasons,,Radio',
  'E,01/01/2024,,01/02/2024,,,,,Withdrawn,Moved out of area,,', // visit skipped: furthest is application
];

describe('drillMetric', () => {
  test('the enquiries whose furthest stage is the one chosen, oldest first, with dates per stage', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const rows = await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit' } });
    expect(rows.map((r) => [r.id, r.outcome, r.category])).toEqual([['B', 'left', 'AW3'], ['D', 'left', 'AW4'], ['C', 'open', null]]);
    expect(rows[0]).toMatchObject({
      enquiry_date: '2024-01-01', furthest: 'initial_visit', status: 'Withdrawn', reason: 'Moving house', exit_date: null, campaign: 'Web', source: null,
    });
    expect(rows[0].dates).toEqual({ enquiry: '2024-01-01', initial_visit: '2024-01-10', application: null, stage1: null, stage2: null, panel: null, approved: null });
  });

  test('by outcome, by exit category (overrides apply), with filters; unknown stage and empty results', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit', outcome: 'open' } })).map((r) => r.id)).toEqual(['C']);
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit', category: 'AW4' } })).map((r) => r.id)).toEqual(['D']);
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit', category: 'AW1' }, overrides: { 'Moving house': 'AW1' } })).map((r) => r.id)).toEqual(['B']);
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit' }, filters: { campaigns: ['Radio'] } })).map((r) => r.id)).toEqual(['D']);
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'application' } })).map((r) => [r.id, r.category])).toEqual([['E', 'AW3']]);
    expect(await runSpec(engine, drillMetric, { settings, selection: { stage: 'approved' } })).toEqual([]);
    expect(await runSpec(engine, drillMetric, { settings, selection: { stage: 'nonexistent' } })).toEqual([]);
    expect((await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit' }, limit: 1 })).map((r) => r.id)).toEqual(['B']);
  });

  test('hidden stages: their enquiries are listed at the stage they count towards', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('initial_visit'));
    const rows = await runSpec(engine, drillMetric, { settings, selection: { stage: 'enquiry' } });
    expect(rows.map((r) => r.id)).toEqual(['B', 'D', 'A', 'C']);
    expect(Object.keys(rows[0].dates)).not.toContain('initial_visit');
    expect(await runSpec(engine, drillMetric, { settings, selection: { stage: 'initial_visit' } })).toEqual([]);
  });
});

describe('drillKey / parseDrillKey', () => {
  test('a selection survives the round trip through the URL', () => {
    for (const sel of [
      { stage: 'panel', outcome: 'left' as const },
      { stage: 'initial_visit', category: 'AW1' },
      { stage: 'stage1', outcome: 'open' as const },
      { stage: 'approved', outcome: 'approved' as const },
      { stage: 'custom-step_2', category: 'ADMIN' },
    ]) expect(parseDrillKey(drillKey(sel))).toEqual(sel);
    expect(drillKey({ stage: 'panel' })).toBe('panel');
    expect(parseDrillKey('panel')).toEqual({ stage: 'panel', outcome: 'left' });
  });

  test('empty or tampered keys select nothing', () => {
    for (const k of ['', '~AW1', 'panel~', 'panel@gone', 'a b', 'panel~aw1', '<script>', 'x'.repeat(41)]) expect(parseDrillKey(k)).toBeNull();
  });
});
