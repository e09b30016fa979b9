import type { Engine } from '../engine/engine';
import { dropRelations } from '../engine/catalog';
import { lit } from '../engine/sql';
import { buildModel, type BuiltModel, type EnquiryExtension } from './build';
import { ingestMacrosSql } from './dates';
import type { FileMapping } from './mapping';
import { columnSignature, proposeMapping } from './propose';
import type { LoadProgress } from './progress';
import { dropRawTables, readRawFile, restoreRawTables, type ExportFile, type RawFile } from './read';

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
  extension: EnquiryExtension | null = null,
): Promise<Dataset> {
  const gen = ++generation;
  const prefix = `g${gen}`;
  const raws: RawFile[] = [];
  try {
    await engine.exec(ingestMacrosSql());
    const sizes = files.map((f) => (f.data instanceof Uint8Array ? f.data.length : f.data.size));
    const total = sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < files.length; i++) {
      progress({ label: `Reading "${files[i].name}"`, bytes: sizes[i] });
      raws.push(await readRawFile(engine, files[i], i, prefix, total));
    }
    const mappings: FileMapping[] = [];
    for (const raw of raws) mappings.push(await proposeMapping(engine, raw, memory(columnSignature(raw.columns))));
    const model = await buildModel(engine, raws, mappings, prefix, progress, extension);
    return { generation: gen, raws, mappings, model };
  } catch (e) {
    await dropGeneration(engine, gen, raws).catch(() => {});
    await engine.dropFile(`${prefix}_file_${raws.length}.csv`).catch(() => {});
    throw e;
  }
}

let remaps = 0;

/**
 * Rebuilds a dataset's model after the user corrected its mappings (the raw
 * tables are read again from the registered files). The new model gets tables
 * of its own, so if the corrections give no enquiries the model in use is untouched.
 */
export async function remapDataset(
  engine: Engine, ds: Dataset, mappings: FileMapping[], progress: LoadProgress = () => {}, extension: EnquiryExtension | null = null,
): Promise<Dataset> {
  const prefix = `g${ds.generation}_m${++remaps}`;
  try {
    progress({ label: 'Reading the files again' });
    await restoreRawTables(engine, ds.raws);
    const model = await buildModel(engine, ds.raws, mappings, prefix, progress, extension);
    return { ...ds, mappings, model };
  } catch (e) {
    await dropTables(engine, prefix + '_').catch(() => {});
    throw e;
  } finally {
    await dropRawTables(engine, ds.raws).catch(() => {});
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
    // A remap of the same files: the registered files stay, the old model goes.
    for (const name of Object.values(previous.model.tables)) await dropRelations(engine, `table_name = ${lit(name)}`);
  }
}

/** Drops every table and view whose name starts with `prefix`. */
async function dropTables(engine: Engine, prefix: string): Promise<void> {
  await dropRelations(engine, `starts_with(table_name, ${lit(prefix)})`);
}

/** Drops every table, view and registered file of one generation. */
export async function dropGeneration(engine: Engine, gen: number, raws: RawFile[]): Promise<void> {
  await dropTables(engine, `g${gen}_`);
  for (const r of raws) await engine.dropFile(r.registered).catch(() => {});
}
