import { describe, expect, test } from 'vitest';
import { csv, testEngine } from '../../helpers/engine';
import type { Engine } from '../../../src/lib/engine/engine';
import { buildJourneys, journeyColumnNames, journeysKey, storedJourneys } from '../../../src/lib/funnel/journeys';
import { loadDataset, type Dataset } from '../../../src/lib/coordinator/tables';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { hiding, wide } from './fixtures';

// Skipped stages, a backwards step, a date after the export (1 Nov 2026), an
// exit date, a duplicated id and a row whose only evidence is after the export.
const TEXT = wide([
  'A,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,10/05/2024,Approved,,,X',
  'B,01/01/2024,,05/02/2024,,,,,Withdrawn,Moved,01/03/2024,Y',
  'C,02/01/2024,15/01/2024,10/01/2024,,,,,In progress,,,Y',
  'D,03/01/2024,20/01/2024,,,,,,On Hold,,,',
  'D,03/01/2024,,02/02/2024,,,,,In progress,,,Z',
  'E,04/01/2024,05/01/2024,,,,,01/01/2030,In progress,,,X',
  'F,05/01/2030,,,,,,,In progress,,,X',
]);

/** What buildJourneys needs to know of `ds`'s enquiries; `stored` as written unless given. */
const facts = (ds: Dataset, stored = ds.journeyColumns) => ({ dated: ds.model.stageIds, exportDate: ds.model.quality.exportDate, stored, latestDate: ds.model.latestDate });

async function journeysRows(engine: Engine) {
  return engine.query('SELECT * FROM journeys ORDER BY id');
}

async function kindOfJourneys(engine: Engine) {
  const [r] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'journeys' AND database_name = current_database()`);
  return r.n ? 'view' : 'table';
}

/** Journeys built the plain way: a table from enquiries stored without journey columns. */
async function plain(engine: Engine, s: FunnelSettings) {
  const ds = await loadDataset(engine, [csv('t.csv', TEXT)]);
  expect(ds.journeyColumns).toBeNull();
  await buildJourneys(engine, s, facts(ds));
  expect(await kindOfJourneys(engine)).toBe('table');
  return journeysRows(engine);
}

describe('journeys worked out while the enquiries are stored', () => {
  test.each([
    ['every stage', defaultSettings()],
    ['hidden stages', hiding('initial_visit', 'stage2')],
  ])('gives the same rows and columns as the plain table (%s)', async (_, s) => {
    const engine = await testEngine();
    const expected = await plain(engine, s);
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, s);
    expect(ds.journeyColumns).toEqual(storedJourneys(s));
    await buildJourneys(engine, s, facts(ds));
    expect(await kindOfJourneys(engine)).toBe('view');
    const rows = await journeysRows(engine);
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0])).toEqual(Object.keys(expected[0]));
    // F's only date is after the export date: no evidence, so no journey.
    expect(rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  test('other settings later build a table that ignores the stored journey columns', async () => {
    const engine = await testEngine();
    const other = hiding('application');
    const expected = await plain(engine, other);
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, defaultSettings());
    await buildJourneys(engine, defaultSettings(), facts(ds));
    await buildJourneys(engine, other, facts(ds));
    expect(await kindOfJourneys(engine)).toBe('table');
    expect(await journeysRows(engine)).toEqual(expected);
    // And back again: the view over the stored columns.
    await buildJourneys(engine, defaultSettings(), facts(ds));
    expect(await kindOfJourneys(engine)).toBe('view');
  });

  test('the events and data quality are the same either way', async () => {
    const engine = await testEngine();
    const a = await loadDataset(engine, [csv('t.csv', TEXT)]);
    const b = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, defaultSettings());
    expect(b.model.quality).toEqual(a.model.quality);
    const events = (t: string) => engine.query(`SELECT id, stage, strftime(date, '%Y-%m-%d') AS d FROM ${t} ORDER BY ALL`);
    expect(await events(b.model.tables.events)).toEqual(await events(a.model.tables.events));
  });

  test('the key follows the stages, which are hidden and the as-of date, nothing else', () => {
    const s = defaultSettings();
    expect(journeysKey({ ...s, stalledDays: 5, panelStandardMonths: 2 })).toBe(journeysKey(s));
    expect(journeysKey({ ...s, asOf: '2024-01-01' })).not.toBe(journeysKey(s));
    expect(journeysKey(hiding('panel'))).not.toBe(journeysKey(s));
    expect(journeysKey({ ...s, stages: [...s.stages].reverse() })).not.toBe(journeysKey(s));
  });

  test('figures as at an earlier date: later dates, exits and statuses are not known yet', async () => {
    const engine = await testEngine();
    const s = { ...defaultSettings(), asOf: '2024-01-31' };
    const ds = await loadDataset(engine, [csv('t.csv', wide([
      'A,01/01/2024,10/01/2024,01/02/2024,,,,,Withdrawn,Moved,01/03/2024,X', // application and exit after the as-of date
      'B,02/01/2024,,,,,,,NFA,,,X', // left, nothing dated after: known
      'C,03/01/2024,20/01/2024,,,,,,Approved,,,X', // status approved but no approval date: as at 31 Jan, known
      'D,04/01/2024,05/01/2024,,,,,01/06/2024,Approved,,,X', // approved in June: open at the visit then
      'E,01/03/2024,,,,,,,In progress,,,X', // enquired after the as-of date
      'F,05/01/2024,,,,,,,Withdrawn,,20/01/2024,X', // exit before the as-of date
    ]))], undefined, undefined, undefined, s);
    expect(await buildJourneys(engine, s, facts(ds))).toBe('2024-01-31');
    const rows = await engine.query<{ id: string; furthest: number; outcome: string }>('SELECT id, furthest, outcome FROM journeys ORDER BY id');
    expect(rows.map((r) => [r.id, r.furthest, r.outcome])).toEqual([
      ['A', 1, 'open'], ['B', 0, 'left'], ['C', 6, 'approved'], ['D', 1, 'open'], ['F', 0, 'left'],
    ]);
    // The same through a table built for other settings.
    await buildJourneys(engine, hiding('stage2'), facts(ds));
    await buildJourneys(engine, s, facts(ds, null));
    expect(await kindOfJourneys(engine)).toBe('table');
    expect((await engine.query<{ id: string; furthest: number; outcome: string }>('SELECT id, furthest, outcome FROM journeys ORDER BY id')).map((r) => [r.id, r.furthest, r.outcome]))
      .toEqual(rows.map((r) => [r.id, r.furthest, r.outcome]));
  });

  test.each([
    ['every stage', defaultSettings()],
    ['hidden stages', hiding('initial_visit', 'stage2')],
  ])('journeyColumnNames lists exactly the columns the stored enquiries gain (%s)', async (_, s) => {
    const engine = await testEngine();
    const columns = async (ds: Dataset) =>
      (await engine.query<{ column_name: string }>(`DESCRIBE ${ds.model.tables.enquiries}`)).map((c) => c.column_name);
    const bare = await columns(await loadDataset(engine, [csv('t.csv', TEXT)]));
    const extended = await columns(await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, s));
    expect(extended.slice(0, bare.length)).toEqual(bare);
    expect(extended.slice(bare.length).sort()).toEqual(journeyColumnNames(s).sort());
    expect(storedJourneys(s)).toEqual({ key: journeysKey(s), columns: journeyColumnNames(s) });
  });

  test('the as-of date in force, without one set, is the latest stage or exit date up to the export date', async () => {
    const engine = await testEngine();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)]);
    // E's approval (2030) and F's enquiry (2030) are after the export date; B left on 1 March 2024.
    expect(await buildJourneys(engine, defaultSettings(), facts(ds))).toBe('2024-05-10');
  });
});
