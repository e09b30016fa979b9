import type { Engine } from '../engine/engine';
import { dropRelations } from '../engine/catalog';
import { lit } from '../engine/sql';
import { completeModel, exportDateOf, mappingProblem, modelTables, stageExports, stageRows, type BuiltModel, type StagedModel } from './build';
import { MERGED_ROWS, directFile, directTarget, rowsFor, slicedDirect, type EnquiryRows } from './direct';
import { sampleValues } from './valueSample';
import { buildCarersList, isCarersList, type CarersList } from './carersList';
import { ingestMacrosSql } from './dates';
import { IngestError, WithoutEnquiriesError, combinedError, type FileProblem } from './errors';
import { hasFosteringEvidence } from './evidence';
import type { FileMapping } from './mapping';
import { capMessage, shortList } from './messages';
import { columnSignature, proposeMapping, proposeRoles, proposeSampledValues, proposeStagedValues, valueColumns } from './propose';
import type { LoadProgress } from './progress';
import { dropRawTables, filesBytes, openRawFile, readRawTable, type ExportFile, type RawFile } from './read';

/** A loaded dataset: the files as read, how they were understood, and the model built. */
export interface Dataset {
  generation: number;
  raws: RawFile[];
  mappings: FileMapping[];
  model: BuiltModel;
  /** A carers list loaded alongside (its own table; not in `raws`), if one was chosen. */
  carers?: CarersList | null;
}

let generation = 0;

/** Remembered corrections, looked up by the columns of a file. */
export type MappingMemory = (signature: string) => FileMapping | undefined;

/** What the user has said about the files being loaded. */
export interface LoadOptions {
  /** Names of files to take as enquiries even without fostering evidence ("Load it anyway"). */
  loadAnyway?: readonly string[];
  /**
   * False to stage a single enquiry export before merging it, as several
   * files are, instead of writing it in the pass that reads it (direct.ts):
   * the two give the same tables, and tests compare them.
   */
  direct?: boolean;
  /**
   * How big the slices of a file read a slice at a time are (see slices.ts);
   * null to read every file whole. By default only a load compressed as it
   * is written is read in slices (sliceBytesFor); tests cut small files.
   */
  sliceBytes?: number | null;
}

/**
 * Files read and their enquiries written (`rows` says how): the caller
 * then calls completeLoad, or discardLoad if anything fails.
 */
export interface StagedLoad {
  /** The dataset as it will be, but for its model. */
  dataset: Omit<Dataset, 'model'>;
  staged: StagedModel;
  /** A new generation (its registered files go too on discard), or new tables for the files of one loaded now. */
  fresh: boolean;
  /** Prefix of every table this load made. */
  prefix: string;
}

/**
 * Reads exports into a new generation of tables and stages them (see
 * StagedLoad). Nothing currently loaded is touched: on any failure the new
 * tables are dropped and the error (an IngestError with a plain-English
 * message) is thrown. Every file is checked before any is used, so the error
 * names each file with a problem and what can be done about it (see FileProblem).
 */
export async function stageLoad(
  engine: Engine, files: ExportFile[], memory: MappingMemory = () => undefined, progress: LoadProgress = () => {}, options: LoadOptions = {},
  rows: EnquiryRows = MERGED_ROWS,
): Promise<StagedLoad> {
  const gen = ++generation;
  const prefix = `g${gen}`;
  const raws: RawFile[] = [];
  try {
    await engine.exec(ingestMacrosSql());
    const problems = await openFiles(engine, files, prefix, raws, options.sliceBytes);
    // Carers lists (one row per approved household) go to a table of their own, not the enquiries.
    for (const raw of raws.filter(isCarersList)) await readAsText(engine, raw, progress, problems);
    const carers = await buildCarersList(engine, raws.filter((r) => isCarersList(r) && !problems.some((p) => p.index === r.index)), prefix);
    const data = raws.filter((r) => !isCarersList(r));
    // As stageExports judges it (a correction too): the enquiry files and cost sheets together.
    const loadBytes = data.reduce((a, r) => a + r.bytes, 0);
    if (carers && !data.length && !problems.length) {
      const text = `${carers.files.map((f) => `"${f}"`).join(', ')} ${carers.files.length === 1 ? 'is a carers list' : 'are carers lists'} only. Choose your enquiry export together with it.`;
      // It can be added to the export loaded (FileProblem.addable), as a cost sheet alone can.
      throw new WithoutEnquiriesError(text, raws.filter(isCarersList).map((r) => ({ file: r.name, index: r.index, text, addable: true })));
    }
    const mappings: FileMapping[] = [];
    const prestaged: (string | null)[] = [];
    const remembered = data.map((raw) => memory(columnSignature(raw.columns)));
    const roles = data.map((raw, i) => proposeRoles(raw, remembered[i]));
    const at = options.direct === false ? null : directFile(roles, data);
    // Rows too wide for a big file held whole are written only when it is read a slice at a time.
    const written = rowsFor(rows, await slicedDirect(data, at));
    let direct: { index: number; used: FileMapping } | null = null;
    for (const [i, raw] of data.entries()) {
      const anyway = options.loadAnyway?.includes(raw.name) ?? false;
      let m: FileMapping;
      // An enquiry file whose columns are all there is read once, straight into typed columns;
      // a cost sheet, or a file whose columns must be chosen by hand, is read as text.
      if (roles[i].kind !== 'costs' && !(raw.dialect.headerless && !remembered[i]) && !mappingProblem(raw, roles[i])) {
        // The only enquiry file goes straight into the enquiries table, its values read as a sample of it reads them.
        const used = i === at ? await proposeSampledValues(roles[i], await sampleValues(raw, valueColumns(roles[i])), remembered[i]) : null;
        const target = used ? directTarget(raw, used, modelTables(prefix).enquiries, written, exportDateOf(data)) : undefined;
        const staged = await stageRows(engine, raw, used ?? roles[i], i, prefix, loadBytes, progress, target).catch((e: unknown) => fileFailure(e, raw, problems));
        if (!staged) continue;
        prestaged[i] = staged;
        if (used) direct = { index: i, used };
        m = await proposeStagedValues(engine, roles[i], staged, remembered[i]);
      } else {
        if (!(await readAsText(engine, raw, progress, problems))) continue;
        m = await proposeMapping(engine, raw, remembered[i]);
      }
      mappings[i] = m;
      const problem = fileProblem(raw, m, !!remembered[i], anyway);
      if (problem) problems.push(problem);
    }
    if (problems.length) throw combinedError(problems.sort((a, b) => a.index - b.index), files.filter((_, i) => !problems.some((p) => p.index === i)).map((f) => f.name));
    const staged = await stageExports(engine, data, mappings, prefix, progress, { prestaged, rows: written, direct }).catch((e: unknown) => {
      throw e instanceof IngestError && !e.problems.length ? withMapping(e, data, mappings) : e;
    });
    return { dataset: { generation: gen, raws: data, mappings, carers }, staged, fresh: true, prefix };
  } catch (e) {
    await dropGeneration(engine, gen, raws).catch(() => {});
    throw e;
  }
}

/** Opens each file into `raws` (see openRawFile); returns the problems of those that could not be opened (their files dropped). */
async function openFiles(engine: Engine, files: ExportFile[], prefix: string, raws: RawFile[], sliceBytes?: number | null): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  const total = filesBytes(files);
  for (let i = 0; i < files.length; i++) {
    try {
      raws.push(await openRawFile(engine, files[i], i, prefix, total, sliceBytes));
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      await engine.dropFile(`${prefix}_file_${i}.csv`).catch(() => {});
      problems.push({ file: files[i].name, index: i, text: e.message });
    }
  }
  return problems;
}

/** Reads a file as text (readRawTable); false, with its problem added, when it cannot be read. */
async function readAsText(engine: Engine, raw: RawFile, progress: LoadProgress, problems: FileProblem[]): Promise<boolean> {
  progress({ label: `Reading "${raw.name}"`, bytes: raw.bytes });
  return readRawTable(engine, raw).then(() => true, (e: unknown) => fileFailure(e, raw, problems) ?? false);
}

/** A file that could not be read: its problem added (an IngestError says what to do), nothing returned; anything else is thrown. */
function fileFailure(e: unknown, raw: RawFile, problems: FileProblem[]): null {
  if (!(e instanceof IngestError)) throw e;
  problems.push({ file: raw.name, index: raw.index, text: e.message });
  return null;
}

/**
 * Finishes a staged load once its enquiries table is written: the dataset,
 * not yet active (see activateDataset). Throws when no enquiry came out of
 * the files (for a new load, with a way to map each file's columns by hand);
 * the caller then discards the load.
 */
export async function completeLoad(engine: Engine, load: StagedLoad, progress: LoadProgress = () => {}): Promise<Dataset> {
  const { raws, mappings } = load.dataset;
  const model = await completeModel(engine, load.staged, progress).catch((e: unknown) => {
    throw load.fresh && e instanceof IngestError && !e.problems.length ? withMapping(e, raws, mappings) : e;
  });
  return { ...load.dataset, model };
}

/** Drops what a staged load made; whatever was loaded before stays as it was. */
export async function discardLoad(engine: Engine, load: StagedLoad): Promise<void> {
  if (load.fresh) await dropGeneration(engine, load.dataset.generation, load.dataset.raws);
  else await dropTables(engine, load.prefix + '_');
}

/**
 * An error about the files together (no enquiries could be read, costs only)
 * with a way out: each file's columns can be mapped by hand from the message
 * (they may have been read as the wrong kind of file); files that only go
 * with an enquiry export can be added to the data loaded instead.
 */
function withMapping(e: IngestError, raws: RawFile[], mappings: FileMapping[]): IngestError {
  const problems: FileProblem[] = raws.map((raw, i) => ({
    file: raw.name, index: raw.index, text: raws.length === 1 ? e.message : `"${raw.name}": map its columns if they were read wrongly.`,
    mapping: { columns: raw.columns, sample: raw.dialect.sample.slice(0, 10), proposed: mappings[i] },
    ...(e instanceof WithoutEnquiriesError ? { addable: true } : {}),
  }));
  return e instanceof WithoutEnquiriesError ? new WithoutEnquiriesError(e.message, problems) : new IngestError(e.message, problems);
}

/**
 * What stops a file being taken as enquiries without the user's say, if
 * anything: no header row, a part it needs with no column, or no sign of
 * fostering. `chosen`: the user chose its columns (a remembered mapping);
 * `anyway`: the user asked to load it without fostering evidence.
 */
function fileProblem(raw: RawFile, m: FileMapping, chosen: boolean, anyway: boolean): FileProblem | null {
  const base = { file: raw.name, index: raw.index };
  const mapping = { columns: raw.columns, sample: raw.dialect.sample.slice(0, 10), proposed: m };
  if (raw.rows === 0 && raw.rejectedCount === 0) {
    return { ...base, text: `"${raw.name}" has a header row but no data rows. Export it again with the records included.` };
  }
  if (raw.dialect.headerless && !chosen) {
    const first = raw.dialect.sample[0] ?? [];
    return { ...base, mapping, text: capMessage(`"${raw.name}" has no header row: the first row looks like data (${shortList(first.filter((c) => c.trim()), 'value', 'values', 3)}). Add a header row to the export, or map its columns by hand.`) };
  }
  const missing = mappingProblem(raw, m);
  if (missing) return { ...base, mapping, text: missing };
  if (!chosen && !anyway && !hasFosteringEvidence(m)) {
    return {
      ...base, mapping, canLoadAnyway: true,
      text: capMessage(`"${raw.name}" doesn't look like a fostering export: it has no stage dates or status. Map its columns, or load it anyway.`),
    };
  }
  return null;
}

let remaps = 0;

/**
 * Stages a dataset's files again with the mappings the user corrected (the
 * raw tables are read again from the registered files). The new model gets
 * tables of its own, so if the corrections give no enquiries the model in use
 * is untouched.
 */
export async function stageRemap(
  engine: Engine, ds: Dataset, mappings: FileMapping[], progress: LoadProgress = () => {}, rows: EnquiryRows = MERGED_ROWS,
): Promise<StagedLoad> {
  const prefix = `g${ds.generation}_m${++remaps}`;
  try {
    const staged = await stageExports(engine, ds.raws, mappings, prefix, progress, { rows });
    return { dataset: { generation: ds.generation, raws: ds.raws, mappings, carers: ds.carers }, staged, fresh: false, prefix };
  } catch (e) {
    await dropTables(engine, prefix + '_').catch(() => {});
    // A cost sheet read as text for the correction goes too (it is read again when needed).
    await dropRawTables(engine, ds.raws).catch(() => {});
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
    // A remap of the same files: the registered files stay, the old model goes.
    for (const name of Object.values(previous.model.tables)) await dropRelations(engine, `table_name = ${lit(name)}`);
  }
}

/** Drops every table and view whose name starts with `prefix`. */
async function dropTables(engine: Engine, prefix: string): Promise<void> {
  await dropRelations(engine, `starts_with(table_name, ${lit(prefix)})`);
}

/** Drops every table, view and registered file of one generation (and stops any scan of its files still reading). */
export async function dropGeneration(engine: Engine, gen: number, raws: RawFile[]): Promise<void> {
  for (const r of raws) r.slices?.stop();
  await dropTables(engine, `g${gen}_`);
  for (const r of raws) await engine.dropFile(r.registered).catch(() => {});
}
