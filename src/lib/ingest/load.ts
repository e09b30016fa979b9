import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import { buildModel, type BuiltModel } from './build';
import { ingestMacrosSql } from './dates';
import type { FileMapping } from './mapping';
import { columnSignature, proposeMapping } from './propose';
import type { LoadProgress } from './progress';
import { readRawFile, type ExportFile, type RawFile } from './read';

/** A loaded dataset: the files as read, how they were understood, and the model built. */
export interface Dataset {
  generation: number;
  raws: RawFile[];
  mappings: FileMapping[];
  model: BuiltModel;
}

let generation = 0;

/** Remembered corrections, looked up by the columns of a file. */
export type MappingMemory = (signature: string) => FileMapping | undefined;

/**
 * Reads exports into a new generation of tables and builds the model. Nothing
 * currently loaded is touched: on any failure the new tables are dropped and
 * the error (an IngestError with a plain-English message) is thrown.
 */
export async function loadExports(
  engine: Engine, files: ExportFile[], memory: MappingMemory = () => undefined, progress: LoadProgress = () => {},
): Promise<Dataset> {
  const gen = ++generation;
  const prefix = `g${gen}`;
  const raws: RawFile[] = [];
  try {
    await engine.exec(ingestMacrosSql());
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      progress({ label: `Reading "${f.name}"`, bytes: f.data instanceof Uint8Array ? f.data.length : f.data.size });
      raws.push(await readRawFile(engine, f, i, prefix));
    }
    const mappings: FileMapping[] = [];
    for (const raw of raws) mappings.push(await proposeMapping(engine, raw, memory(columnSignature(raw.columns))));
    const model = await buildModel(engine, raws, mappings, prefix, progress);
    return { generation: gen, raws, mappings, model };
  } catch (e) {
    await dropGeneration(engine, gen, raws).catch(() => {});
    await engine.dropFile(`${prefix}_file_${raws.length}.csv`).catch(() => {});
    throw e;
  }
}

let remaps = 0;

/**
 * Rebuilds a dataset's model after the user corrected its mappings (raw
 * tables are reused). The new model gets tables of its own, so if the
 * corrections give no enquiries the model in use is untouched.
 */
export async function remapDataset(engine: Engine, ds: Dataset, mappings: FileMapping[], progress: LoadProgress = () => {}): Promise<Dataset> {
  const prefix = `g${ds.generation}_m${++remaps}`;
  try {
    const model = await buildModel(engine, ds.raws, mappings, prefix, progress);
    return { ...ds, mappings, model };
  } catch (e) {
    await dropTables(engine, prefix + '_').catch(() => {});
    throw e;
  }
}

/** Makes a dataset the one every query sees (views `enquiries`, `events`, `costs`), dropping the previous one. */
export async function activateDataset(engine: Engine, ds: Dataset, previous?: Dataset | null): Promise<void> {
  const t = ds.model.tables;
  await engine.exec(`CREATE OR REPLACE VIEW enquiries AS SELECT * FROM ${t.enquiries};
    CREATE OR REPLACE VIEW events AS SELECT * FROM ${t.events};
    CREATE OR REPLACE VIEW costs AS SELECT * FROM ${t.costs};`);
  if (!previous) return;
  if (previous.generation !== ds.generation) await dropGeneration(engine, previous.generation, previous.raws);
  else if (previous.model.tables.enquiries !== t.enquiries) {
    // A remap of the same files: the raw tables stay, the old model goes.
    for (const name of Object.values(previous.model.tables)) await engine.exec(`DROP TABLE IF EXISTS ${name}`);
  }
}

/** Drops every table whose name starts with `prefix`. */
async function dropTables(engine: Engine, prefix: string): Promise<void> {
  const tables = await engine.query<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, ${lit(prefix)})`,
  );
  for (const { name } of tables) await engine.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
}

/** Drops every table and registered file of one generation. */
export async function dropGeneration(engine: Engine, gen: number, raws: RawFile[]): Promise<void> {
  await dropTables(engine, `g${gen}_`);
  for (const r of raws) await engine.dropFile(r.registered).catch(() => {});
}
