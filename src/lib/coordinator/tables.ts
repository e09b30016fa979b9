/**
 * The coordinator's table decisions. Ingest stages the files and hands back
 * the merged enquiries as a query; this writes them once, with the per-enquiry
 * journey columns for the settings views will ask for first (a big load then
 * copies its rows once), and makes `journeys` match the stage settings.
 */
import type { Engine } from '../engine/engine';
import { buildJourneys, journeyColumnsSql, journeysKey, storedJourneys, type StoredJourneys } from '../funnel/journeys';
import type { FunnelSettings } from '../funnel/settings';
import type { StagedModel } from '../ingest/build';
import {
  activateDataset, completeLoad, discardLoad, stageLoad, stageRemap,
  type Dataset as IngestedDataset, type LoadOptions, type MappingMemory, type StagedLoad,
} from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import type { LoadProgress } from '../ingest/progress';
import { UNCOMPRESSED_STAGING_BYTES, type ExportFile } from '../ingest/read';

/** A loaded dataset, and the journey columns its enquiries table was written with. */
export interface Dataset extends IngestedDataset {
  /** Null when the enquiries table holds the merged enquiries only. */
  journeyColumns: StoredJourneys | null;
}

/**
 * Reads and stages `files`, writes their enquiries (with the journey columns
 * for `settings` when given, in the same statement), and makes them the
 * dataset every query sees in place of `previous`. On failure the new tables
 * are dropped and what was loaded before stays in use.
 */
export async function loadDataset(
  engine: Engine, files: ExportFile[], memory?: MappingMemory, progress?: LoadProgress, options?: LoadOptions,
  settings: FunnelSettings | null = null, previous: Dataset | null = null,
): Promise<Dataset> {
  await chooseCompression(engine, files.reduce((a, f) => a + (f.data instanceof Uint8Array ? f.data.length : f.data.size), 0));
  const load = await stageLoad(engine, files, memory, progress, options);
  return store(engine, load, settings, previous, progress);
}

/** As loadDataset, for `ds`'s files with the mappings the user corrected. */
export async function remapDataset(
  engine: Engine, ds: Dataset, mappings: FileMapping[], progress?: LoadProgress, settings: FunnelSettings | null = null,
): Promise<Dataset> {
  await chooseCompression(engine, ds.raws.reduce((a, r) => a + r.bytes, 0));
  const load = await stageRemap(engine, ds, mappings, progress);
  return store(engine, load, settings, ds, progress);
}

/**
 * Draw first, compact later. The compressed database compresses a table when
 * a write commits (an automatic checkpoint): a fifth to a half of the time
 * of writing a million enquiries. A load small enough to stage uncompressed (see
 * UNCOMPRESSED_STAGING_BYTES) puts the checkpoint off, so its tables stay
 * uncompressed until compactTables runs, in idle time after the first draw.
 * Bigger loads compress each write as it commits, as every load did before
 * (they need it to fit in memory). Only where the rows are kept changes: the
 * tables, their names and contents are the same.
 */
async function chooseCompression(engine: Engine, loadBytes: number): Promise<void> {
  await engine.exec(loadBytes <= UNCOMPRESSED_STAGING_BYTES ? DEFER_COMPRESSION : COMPRESS_AS_WRITTEN);
}

const DEFER_COMPRESSION = "SET checkpoint_threshold = '1TB'";
/** Back to compressing each write as it commits (anything put off is compacted at the next write). */
const COMPRESS_AS_WRITTEN = 'RESET checkpoint_threshold';

/** Compresses what a load wrote uncompressed (see DEFER_COMPRESSION); cheap when there is nothing to do. */
export async function compactTables(engine: Engine): Promise<void> {
  await engine.exec(`CHECKPOINT; ${COMPRESS_AS_WRITTEN}`);
}

/** Writes a staged load's enquiries, completes its model and activates it; discards it on failure. */
async function store(engine: Engine, load: StagedLoad, settings: FunnelSettings | null, previous: Dataset | null, progress: LoadProgress = () => {}): Promise<Dataset> {
  let ds: Dataset;
  try {
    const journeyColumns = await writeEnquiries(engine, load.staged, settings, progress);
    ds = { ...(await completeLoad(engine, load, progress)), journeyColumns };
  } catch (e) {
    await discardLoad(engine, load).catch(() => {});
    throw e;
  }
  await activateDataset(engine, ds, previous);
  return ds;
}

/** Writes the merged enquiries, with the journey columns for `settings` if given; returns what was added. */
async function writeEnquiries(engine: Engine, staged: StagedModel, settings: FunnelSettings | null, progress: LoadProgress): Promise<StoredJourneys | null> {
  progress({ label: settings ? 'Merging records of the same enquiry and following each through the stages' : 'Merging records of the same enquiry' });
  const select = settings
    ? journeyColumnsSql(settings, new Set(staged.stageIds), staged.exportDate, staged.enquiries, true)
    : `SELECT * FROM ${staged.enquiries}`;
  await engine.exec(`CREATE OR REPLACE TABLE ${staged.tables.enquiries} AS ${select}`);
  return settings ? storedJourneys(settings) : null;
}

/** What `journeys` was last built from on each engine, and the as-of date it gave. */
const built = new WeakMap<Engine, { key: string; asOf: string }>();

/**
 * Makes `journeys` match the settings for `ds` (the active dataset) and
 * returns the as-of date in force. Nothing to do when it already does; a view
 * of the enquiries when they were written for these settings; otherwise a
 * rebuild of every row, told to `announce` (a label, then null) as it is slow
 * on big data. `journeys` is this function's to build: nothing else may replace it.
 */
export async function ensureJourneys(
  engine: Engine, ds: Dataset, settings: FunnelSettings, announce: (label: string | null) => void,
): Promise<string> {
  const key = JSON.stringify([ds.model.tables.enquiries, journeysKey(settings)]);
  const done = built.get(engine);
  if (done?.key === key) return done.asOf;
  built.delete(engine);
  const rebuild = ds.journeyColumns?.key !== journeysKey(settings);
  if (rebuild) announce(`Following ${ds.model.quality.enquiries.toLocaleString('en-GB')} enquiries through the stages`);
  try {
    const facts = { dated: ds.model.stageIds, exportDate: ds.model.quality.exportDate, stored: ds.journeyColumns };
    const asOf = await buildJourneys(engine, settings, facts);
    built.set(engine, { key, asOf });
    return asOf;
  } finally {
    if (rebuild) announce(null);
  }
}
