import { describe, expect, test } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { compactTables, ensureJourneys, journeysStoredWith, loadDataset, remapDataset, type Dataset } from '../../../src/lib/coordinator/tables';
import { journeyColumnNames, storedJourneys } from '../../../src/lib/funnel/journeys';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { IngestError } from '../../../src/lib/ingest/read';
import { csv, testEngine } from '../../helpers/engine';

const TEXT = [
  'Ref,Enquiry Date,Initial Visit Date,Application Date,Approval Date,Status,Exit Date',
  'A,01/01/2024,10/01/2024,01/02/2024,10/05/2024,Approved,',
  'B,02/01/2024,,,,Withdrawn,01/03/2024',
  'C,03/01/2024,20/01/2024,,,In progress,',
  'C,03/01/2024,,05/02/2024,,In progress,',
].join('\n') + '\n';

/** The engine, with every statement it is given recorded. */
async function recording(): Promise<{ engine: Engine; sql: string[] }> {
  const inner = await testEngine();
  const sql: string[] = [];
  const engine: Engine = {
    ...inner,
    exec: (text) => (sql.push(text), inner.exec(text)),
    query: (text) => (sql.push(text), inner.query(text)),
  };
  return { engine, sql };
}

const hidingVisit = (): FunnelSettings => {
  const s = defaultSettings();
  return { ...s, stages: s.stages.map((x) => (x.id === 'initial_visit' ? { ...x, hidden: true } : x)) };
};

/** Statements that write a table (or view) whose name ends with `suffix`. */
const writes = (sql: string[], suffix: string) => sql.filter((t) => new RegExp(`CREATE (OR REPLACE )?(TABLE|VIEW) \\S*${suffix}\\b`).test(t));

async function columnsOf(engine: Engine, table: string): Promise<string[]> {
  return (await engine.query<{ column_name: string }>(`DESCRIBE ${table}`)).map((c) => c.column_name);
}

async function journeyRows(engine: Engine) {
  return engine.query('SELECT id, furthest, outcome FROM journeys ORDER BY id');
}

async function journeysKind(engine: Engine): Promise<'view' | 'table'> {
  const [r] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'journeys' AND database_name = current_database()`);
  return r.n ? 'view' : 'table';
}

describe('loading: the enquiries are written once, with the journey columns for the settings given', () => {
  test('one statement writes the enquiries table, journey columns included; journeys is then a view, unannounced', async () => {
    const { engine, sql } = await recording();
    const s = defaultSettings();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, s);
    const written = writes(sql, `${ds.model.tables.enquiries}`);
    expect(written).toHaveLength(1);
    expect(ds.journeyColumns).toEqual(storedJourneys(s));
    expect(await columnsOf(engine, ds.model.tables.enquiries)).toEqual(expect.arrayContaining(journeyColumnNames(s)));
    // Active: the `enquiries` view reads the new table.
    expect((await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM enquiries'))[0].n).toBe(3);

    const told: (string | null)[] = [];
    sql.length = 0;
    expect(await ensureJourneys(engine, ds, s, (l) => told.push(l))).toBe('2024-05-10');
    expect(told).toEqual([]);
    expect(await journeysKind(engine)).toBe('view');
    expect(writes(sql, 'journeys').map((t) => t.slice(0, 18))).toEqual(['CREATE VIEW journe']);
    expect(await journeyRows(engine)).toEqual([
      { id: 'A', furthest: 6, outcome: 'approved' }, { id: 'B', furthest: 0, outcome: 'left' }, { id: 'C', furthest: 2, outcome: 'open' },
    ]);
  });

  test('without settings the enquiries hold no journey columns, and the first journeys is a table', async () => {
    const { engine } = await recording();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)]);
    expect(ds.journeyColumns).toBeNull();
    const own = await columnsOf(engine, ds.model.tables.enquiries);
    expect(own.filter((c) => journeyColumnNames(defaultSettings()).includes(c))).toEqual([]);
    const told: (string | null)[] = [];
    await ensureJourneys(engine, ds, defaultSettings(), (l) => told.push(l));
    expect(told).toEqual(['Following 3 enquiries through the stages', null]);
    expect(await journeysKind(engine)).toBe('table');
  });
});

describe('journeysStoredWith', () => {
  test('a load over 600 MB is written without the journey columns: held uncompressed together, they would not fit in a tab', () => {
    const s = defaultSettings();
    expect(journeysStoredWith(0.6e9, s)).toBe(s);
    expect(journeysStoredWith(0.6e9 + 1, s)).toBeNull();
    expect(journeysStoredWith(1000, null)).toBeNull();
  });
});

describe('ensureJourneys', () => {
  test('a settings change rebuilds journeys and announces it; the same settings again do nothing', async () => {
    const { engine, sql } = await recording();
    const s = defaultSettings();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, s);
    const told: (string | null)[] = [];
    const announce = (l: string | null) => told.push(l);
    await ensureJourneys(engine, ds, s, announce);
    const asWritten = await journeyRows(engine);

    sql.length = 0;
    await ensureJourneys(engine, ds, hidingVisit(), announce);
    expect(told).toEqual(['Following 3 enquiries through the stages', null]);
    expect(await journeysKind(engine)).toBe('table');
    expect(writes(sql, 'journeys')).toHaveLength(1);
    // Hiding the visit: C's furthest visible stage is the application, now index 1.
    expect(await journeyRows(engine)).toEqual([
      { id: 'A', furthest: 5, outcome: 'approved' }, { id: 'B', furthest: 0, outcome: 'left' }, { id: 'C', furthest: 1, outcome: 'open' },
    ]);

    // The same settings again: nothing to do, nothing said.
    sql.length = 0;
    await ensureJourneys(engine, ds, hidingVisit(), announce);
    expect(sql).toEqual([]);
    expect(told).toHaveLength(2);

    // Back to the settings the enquiries were written for: a view again, unannounced.
    await ensureJourneys(engine, ds, s, announce);
    expect(told).toHaveLength(2);
    expect(await journeysKind(engine)).toBe('view');
    expect(await journeyRows(engine)).toEqual(asWritten);
  });

  test('an as-of date set in the settings is the one in force', async () => {
    const { engine } = await recording();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)]);
    expect(await ensureJourneys(engine, ds, { ...defaultSettings(), asOf: '2024-01-31' }, () => {})).toBe('2024-01-31');
  });
});

describe('failures keep what was loaded before', () => {
  async function loaded(): Promise<{ engine: Engine; ds: Dataset; s: FunnelSettings }> {
    const { engine } = await recording();
    const s = defaultSettings();
    const ds = await loadDataset(engine, [csv('t.csv', TEXT)], undefined, undefined, undefined, s);
    await ensureJourneys(engine, ds, s, () => {});
    return { engine, ds, s };
  }

  const tablesOf = async (engine: Engine, prefix: string) =>
    (await engine.query<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE starts_with(table_name, '${prefix}')`)).map((r) => r.t);

  test('a load that fails leaves the previous dataset in use and nothing of its own behind', async () => {
    const { engine, ds, s } = await loaded();
    const before = await journeyRows(engine);
    const costsOnly = csv('costs.csv', 'Campaign,Spend\nRadio,"£1,200"\n');
    const err = await loadDataset(engine, [costsOnly], undefined, undefined, undefined, s, ds).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/campaign costs only/);
    expect(await tablesOf(engine, `g${ds.generation + 1}_`)).toEqual([]);
    expect((await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM enquiries'))[0].n).toBe(3);
    expect(await ensureJourneys(engine, ds, s, () => {})).toBe('2024-05-10');
    expect(await journeyRows(engine)).toEqual(before);
  });

  test('a correction that fails after its enquiries were written is dropped; the dataset in use stays', async () => {
    const { engine, ds, s } = await loaded();
    const before = await journeyRows(engine);
    // "Enquiry date" pointed at the status: no row has one, so no enquiry comes out.
    const wrong = { ...ds.mappings[0], roles: { ...ds.mappings[0].roles, enquiryDate: 'Status' } };
    await expect(remapDataset(engine, ds, [wrong], undefined, s)).rejects.toThrow(/No enquiries could be read/);
    expect(await tablesOf(engine, `g${ds.generation}_m`)).toEqual([]);
    expect(await tablesOf(engine, ds.model.tables.enquiries)).toEqual([ds.model.tables.enquiries.split('.').pop()]);
    expect(await journeyRows(engine)).toEqual(before);
  });

  test('a correction that works replaces the dataset, written for the settings given', async () => {
    const { engine, ds } = await loaded();
    const other = hidingVisit();
    const told: (string | null)[] = [];
    const again = await remapDataset(engine, ds, ds.mappings, undefined, other);
    expect(again.journeyColumns).toEqual(storedJourneys(other));
    expect(await tablesOf(engine, ds.model.tables.enquiries)).toEqual([]);
    await ensureJourneys(engine, again, other, (l) => told.push(l));
    expect(told).toEqual([]);
    expect(await journeysKind(engine)).toBe('view');
  });
});

describe('draw first, compact later', () => {
  /** How the table's stored segments are compressed (DuckDB's names for the methods). */
  const compressions = async (engine: Engine, table: string) =>
    (await engine.query<{ c: string }>(`SELECT DISTINCT compression AS c FROM pragma_storage_info(${`'${table}'`}) ORDER BY c`)).map((r) => r.c);

  test("a small load's enquiries are written uncompressed; compactTables compresses them, rows unchanged", async () => {
    const engine = await testEngine();
    await engine.exec('RESET checkpoint_threshold');
    const [{ t: defaultThreshold }] = await engine.query<{ t: string }>(`SELECT current_setting('checkpoint_threshold') AS t`);
    const rows = Array.from({ length: 3000 }, (_, i) => `R${i},${1 + (i % 28)}/0${1 + (i % 9)}/2024,,,,${i % 3 ? 'In progress' : 'Withdrawn'},`);
    const text = TEXT + rows.join('\n') + '\n';
    const ds = await loadDataset(engine, [csv('big.csv', text)], undefined, undefined, undefined, defaultSettings());
    const table = ds.model.tables.enquiries;
    const before = await engine.query(`SELECT * FROM ${table} ORDER BY id`);
    expect(await compressions(engine, table)).toEqual(['Uncompressed']);
    await compactTables(engine);
    expect((await compressions(engine, table)).filter((c) => c !== 'Uncompressed').length).toBeGreaterThan(0);
    expect(await engine.query(`SELECT * FROM ${table} ORDER BY id`)).toEqual(before);
    // Later writes compress as they commit again, as before the load.
    const threshold = async () => (await engine.query<{ t: string }>(`SELECT current_setting('checkpoint_threshold') AS t`))[0].t;
    expect(await threshold()).toBe(defaultThreshold);
  });
});
