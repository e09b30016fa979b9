/**
 * The coordinator's table decisions. Ingest writes the merged enquiries with
 * the per-enquiry journey columns for the settings views will ask for first
 * (in the pass that reads a single export, so its rows are written once;
 * not for loads too big for that, see journeysStoredWith), and this makes
 * `journeys` match the stage settings.
 */
import type { Engine } from '../engine/engine';
import { buildJourneys, journeyColumnsSql, journeysKey, storedJourneys, type StoredJourneys } from '../funnel/journeys';
import { setAsideKey } from '../funnel/setAside';
import type { FunnelSettings } from '../funnel/settings';
import { MERGED_ROWS, type EnquiryRows } from '../ingest/direct';
import {
  activateDataset, completeLoad, discardLoad, stageLoad, stageRemap,
  type Dataset as IngestedDataset, type LoadOptions, type MappingMemory, type StagedLoad,
} from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import type { LoadProgress } from '../ingest/progress';
import { UNCOMPRESSED_STAGING_BYTES, filesBytes, type ExportFile } from '../ingest/read';

/** A loaded dataset, and the journey columns its enquiries table was written with. */
export interface Dataset extends IngestedDataset {
  /** Null when the enquiries table holds the merged enquiries only. */
  journeyColumns: StoredJourneys | null;
}

/**
 * Reads `files` and writes their enquiries (with the journey columns for
 * `settings` when given and the load is not too big, see journeysStoredWith), and makes them the
 * dataset every query sees in place of `previous`. On failure the new tables
 * are dropped and what was loaded before stays in use.
 */
export async function loadDataset(
  engine: Engine, files: ExportFile[], memory?: MappingMemory, progress?: LoadProgress, options?: LoadOptions,
  settings: FunnelSettings | null = null, previous: Dataset | null = null,
): Promise<Dataset> {
  const bytes = filesBytes(files);
  await chooseCompression(engine, bytes);
  const load = await stageLoad(engine, files, memory, progress, options, enquiryRows(settings, bytes));
  return store(engine, load, settings, previous, progress);
}

/** As loadDataset, for `ds`'s files with the mappings the user corrected. */
export async function remapDataset(
  engine: Engine, ds: Dataset, mappings: FileMapping[], progress?: LoadProgress, settings: FunnelSettings | null = null,
): Promise<Dataset> {
  const bytes = ds.raws.reduce((a, r) => a + r.bytes, 0);
  await chooseCompression(engine, bytes);
  const load = await stageRemap(engine, ds, mappings, progress, enquiryRows(settings, bytes));
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

/** Completes a load whose enquiries are written, and activates it; discards it on failure. */
async function store(engine: Engine, load: StagedLoad, settings: FunnelSettings | null, previous: Dataset | null, progress: LoadProgress = () => {}): Promise<Dataset> {
  let ds: Dataset;
  try {
    const withJourneys = settings && load.staged.rows !== MERGED_ROWS;
    ds = { ...(await completeLoad(engine, load, progress)), journeyColumns: withJourneys ? storedJourneys(settings) : null };
  } catch (e) {
    await discardLoad(engine, load).catch(() => {});
    throw e;
  }
  await activateDataset(engine, ds, previous);
  return ds;
}

/**
 * The settings whose journey columns a load of `bytes` writes with its
 * enquiries in one statement: none for a load over JOURNEYS_WITH_ENQUIRIES_BYTES,
 * whose `journeys` is then a table of its own (written after, 17-41 s at 5M
 * rows), unless its enquiries are written a slice at a time (see EnquiryRows.unsliced).
 */
export function journeysStoredWith(bytes: number, settings: FunnelSettings | null): FunnelSettings | null {
  return bytes <= JOURNEYS_WITH_ENQUIRIES_BYTES ? settings : null;
}

/**
 * A load's rows are held uncompressed until their statement commits, so the
 * one pass that writes an export's enquiries with their journey columns peaks
 * at about 4.4 bytes of DuckDB memory per byte of file (3.66 GB for 836 MB,
 * 5M rows; without the journey columns 3.14 GB), against the 4 GB a tab's
 * DuckDB can address. Up to here the peak stays under about 2.7 GB. A file
 * written a slice at a time (slices.ts) holds one slice's rows at once, so
 * this bounds only a big load that can't be cut.
 */
const JOURNEYS_WITH_ENQUIRIES_BYTES = 0.6e9;

/**
 * How a load of `bytes` writes the enquiries: with the journey columns for
 * `settings` if given (see storedJourneys), for a load too big for them in
 * one statement only when it is written a slice at a time.
 */
function enquiryRows(settings: FunnelSettings | null, bytes: number): EnquiryRows {
  if (!settings) return MERGED_ROWS;
  return {
    label: 'Merging records of the same enquiry and following each through the stages',
    select: (enquiries, stageIds, exportDate) => journeyColumnsSql(settings, new Set(stageIds), exportDate, enquiries, true),
    unsliced: journeysStoredWith(bytes, settings) ? undefined : MERGED_ROWS,
  };
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
  const key = JSON.stringify([ds.model.tables.enquiries, journeysKey(settings), setAsideKey(settings)]);
  const done = built.get(engine);
  if (done?.key === key) return done.asOf;
  built.delete(engine);
  const rebuild = ds.journeyColumns?.key !== journeysKey(settings);
  if (rebuild) announce(`Following ${ds.model.quality.enquiries.toLocaleString('en-GB')} enquiries through the stages`);
  try {
    const facts = { dated: ds.model.stageIds, exportDate: ds.model.quality.exportDate, stored: ds.journeyColumns, latestDate: ds.model.latestDate };
    const asOf = await buildJourneys(engine, settings, facts);
    built.set(engine, { key, asOf });
    return asOf;
  } finally {
    if (rebuild) announce(null);
  }
}
