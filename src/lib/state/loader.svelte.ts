import { IngestError, MAX_FILE_BYTES, MAX_FILE_WORDS, filesBytes, sizeInWords, type ExportFile } from '../ingest/read';
import type { FileProblem } from '../ingest/errors';
import { countOf } from '../ingest/messages';
import { enquiriesAfterExportText, statusConflictsText } from '../ingest/qualityText';
import type { Dataset, LoadOptions } from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import { columnSignature } from '../ingest/propose';
import type { FunnelSettings } from '../funnel/settings';
import { Coordinator } from '../coordinator/coordinator';
import { summariseFirst, summariesRequest } from './viewRequests';
import { launchEngine } from '../engine/launch';
import { decodeSummary, type Summary } from './summary';
import type { SourceInfo } from './url';
import type { Activity } from './activity.svelte';
import type { Preferences } from './preferences.svelte';
import type { Router } from './router.svelte';
import sampleUrl from '../../../data/sample-enquiries.csv?url';
import sampleCostsUrl from '../../../data/sample-campaign-costs.csv?url';
import sampleCarersUrl from '../../../data/sample-carers.csv?url';
import hubWestmereUrl from '../../../data/sample-hub-westmere.csv?url';
import hubEastbrookUrl from '../../../data/sample-hub-eastbrook.csv?url';

/** Where loads put what they produce (the app's coordinator, dataset and opened summary), and the settings figures are worked out with. */
export interface LoadedData {
  coordinator: Coordinator | null;
  dataset: Dataset | null;
  summary: Summary | null;
  readonly settings: FunnelSettings;
}

/** A file the user chose, as the reader takes it. */
function exportFile(f: File): ExportFile & { data: File } {
  return { name: f.name, data: f, lastModified: f.lastModified };
}

/** Fetches a built-in sample file from this app's own origin. */
async function sampleFile(url: string, name: string, what = 'the sample'): Promise<ExportFile> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Couldn't fetch ${what} (${res.status})`);
  return { name, data: new File([await res.blob()], name), lastModified: Date.UTC(2026, 10, 1) };
}

/** The failure to show when the engine cannot start. */
function engineFailure(why: string): string {
  return /MIME|status code|404|Failed to fetch|NetworkError|compile/i.test(why)
    ? `The analysis engine could not start: the web server did not deliver its engine file properly (${why}). Whoever runs this site should check that the files in "assets" are all there and that .wasm files are served as "application/wasm" (see the README's "Deploying" section).`
    : `The analysis engine could not start in this browser (${why}). Reload the page; if it happens again, use a current version of Edge, Chrome or Firefox.`;
}

/**
 * Starts the engine and brings data in: the link's exports, kept files, the
 * samples, the user's files, and the retries a failed load offers (choose its
 * columns, load it anyway). Progress and failures go to Activity; what the
 * load means for links goes to the Router; what is remembered goes through Preferences.
 */
export class Loader {
  /** The built-in sample (or hub sample) is what is loaded. */
  isSample = $state(false);
  /** Names of the files loaded. */
  sourceNames = $state<string[]>([]);
  /** The file whose columns are being chosen by hand (the mapping screen), if any. */
  mappingFile = $state.raw<FileProblem | null>(null);
  /** The files the loaded dataset was read from, so a cost sheet can be added to them. */
  #files: ExportFile[] = [];
  /** What the user said of the files loaded (see LoadOptions), kept for reading them again with others. */
  #loadOptions: LoadOptions = {};
  /** The last load that failed, so it can be tried again as the user says (map its columns, load it anyway). */
  #failedLoad: { files: ExportFile[]; options: LoadOptions; sample: boolean } | null = null;
  #engineStartedResolve: () => void = () => {};
  /** Settles once the engine has started (or failed to). */
  #engineStarted = new Promise<void>((resolve) => (this.#engineStartedResolve = resolve));
  readonly #data: LoadedData;
  readonly #router: Router;
  readonly #prefs: Preferences;
  readonly #activity: Activity;

  constructor(data: LoadedData, router: Router, prefs: Preferences, activity: Activity) {
    this.#data = data;
    this.#router = router;
    this.#prefs = prefs;
    this.#activity = activity;
  }

  /**
   * Starts the engine (as soon as the page opens), then loads, in order of
   * preference: the exports named in the link (?data=), the files kept in
   * this browser, or the built-in sample. A summary link opens the summary instead.
   */
  async start(): Promise<void> {
    if (location.hash.startsWith('#summary=')) return this.#openSummary();
    if (!(await this.#startEngine())) return;
    const paths = this.#router.dataPaths;
    if (paths.length) {
      await this.loadFromServer(paths);
      if (this.#data.dataset) return;
      // Show the sample underneath, but keep saying why the link's data didn't open.
      const why = this.#activity.error;
      await this.loadSample();
      this.#activity.error = why;
      return;
    }
    if (this.#prefs.keep && (await this.#openKept())) return;
    await this.loadSample();
  }

  async #openSummary() {
    const activity = this.#activity;
    activity.busy = 'Opening the summary…';
    this.#data.summary = await decodeSummary(location.hash);
    activity.busy = null;
    if (!this.#data.summary) activity.error = 'This summary link is damaged or incomplete (perhaps cut short when it was copied). Ask for the link again.';
  }

  /** Starts the engine and gives the app its coordinator; false (with the reason shown) when it cannot start. */
  async #startEngine(): Promise<boolean> {
    try {
      const engine = await launchEngine();
      engine.onProgress?.((percent) => this.#activity.progress(percent));
      this.#data.coordinator = new Coordinator(engine, (label) => this.#activity.working(label), {
        label: 'Summarising by campaign and source for quick filtering',
        requests: (settings, dataset) => (summariseFirst(dataset.model.quality.enquiries) ? [summariesRequest(settings)] : []),
      });
      return true;
    } catch (e) {
      this.#activity.busy = null;
      this.#activity.error = engineFailure((e as Error).message);
      return false;
    } finally {
      this.#engineStartedResolve();
    }
  }

  /** Opens the files kept in this browser; true when they loaded. */
  async #openKept(): Promise<boolean> {
    const kept = await this.#prefs.keptFiles();
    if (!kept?.length) return false;
    await this.#activity.run('Opening the data kept in this browser…', async () => {
      const files = kept.map((k) => ({ name: k.name, data: new File([k.blob], k.name, { lastModified: k.lastModified }), lastModified: k.lastModified }));
      await this.#load(files);
      this.#afterLoad(files, false);
    });
    return !!this.#data.dataset;
  }

  /**
   * Loads exports that sit on the same web server as the app (?data=path).
   * Anything on another origin is refused: data must not be fetched from elsewhere.
   */
  async loadFromServer(paths: string[]): Promise<void> {
    const urls: URL[] = [];
    for (const p of paths) {
      let u: URL;
      try {
        u = new URL(p, location.href);
      } catch {
        this.#activity.error = `The link names an export that isn't a valid address ("${p}"). Ask for the link again.`;
        return;
      }
      if (u.origin !== location.origin) {
        this.#activity.error = `The link asks to open "${p}", which is on another web site. Only exports on this web server (${location.host}) can be opened from a link, so that data never travels elsewhere. Load the file yourself with "Load your exports…".`;
        return;
      }
      urls.push(u);
    }
    await this.#activity.run(`Opening ${urls.map((u) => `"${decodeURIComponent(u.pathname.split('/').pop() ?? '')}"`).join(', ')} from this web server…`, async () => {
      const files: ExportFile[] = [];
      for (const u of urls) {
        const res = await fetch(u, { credentials: 'same-origin' });
        if (!res.ok) throw new IngestError(`Couldn't open "${u.pathname}" from this web server (it answered ${res.status} ${res.statusText}). Check the file is there, or load it yourself with "Load your exports…".`);
        const name = decodeURIComponent(u.pathname.split('/').pop() || 'export.csv');
        const lm = Date.parse(res.headers.get('last-modified') ?? '');
        files.push({ name, data: new File([await res.blob()], name), lastModified: Number.isFinite(lm) ? lm : Date.now() });
      }
      await this.#load(files);
      this.#afterLoad(files, false, paths);
    });
  }

  /** Loads the built-in synthetic sample. */
  async loadSample(): Promise<void> {
    await this.#activity.run('Loading the sample data…', async () => {
      const files = [
        await sampleFile(sampleUrl, 'sample-enquiries.csv'), await sampleFile(sampleCostsUrl, 'sample-campaign-costs.csv'),
        await sampleFile(sampleCarersUrl, 'sample-carers.csv'),
      ];
      await this.#load(files);
      this.#afterLoad(files, true);
    });
  }

  /** Loads the synthetic two-service regional hub sample (two councils' exports). */
  async loadHubSample(): Promise<void> {
    await this.#activity.run('Loading the regional hub sample…', async () => {
      const files: ExportFile[] = [];
      for (const [url, name] of [[hubWestmereUrl, 'sample-hub-westmere.csv'], [hubEastbrookUrl, 'sample-hub-eastbrook.csv']]) {
        files.push(await sampleFile(url, name, 'the hub sample'));
      }
      await this.#load(files);
      this.#afterLoad(files, true);
    });
  }

  /** Loads the user's files, replacing what is loaded only if they read cleanly. */
  async loadFiles(list: FileList | File[]): Promise<void> {
    await this.#loadExportFiles([...list].map(exportFile));
  }

  /** Loads files with what the user has said about them; on failure they are kept for a retry. */
  async #loadExportFiles(files: ExportFile[], options: LoadOptions = {}, sample = false): Promise<void> {
    if (!files.length) return;
    if (!this.#data.coordinator) {
      // Chosen while the engine is still starting: wait for it rather than drop the files.
      this.#activity.busy = 'The analysis engine is still starting; your files will be read in a moment…';
      await this.#engineStarted;
      if (!this.#data.coordinator) return;
    }
    const size = filesBytes(files);
    // One file too large gets its own message from the reader; several together are checked here.
    if (files.length > 1 && size > MAX_FILE_BYTES) {
      this.#activity.error = `These files add up to ${sizeInWords(size)}, more than a browser tab can analyse (${MAX_FILE_WORDS}). Choose fewer files, or export a shorter period. What was loaded before is still loaded.`;
      return;
    }
    this.#failedLoad = { files, options, sample };
    await this.#activity.run(`Reading ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`} (${(size / 1e6).toFixed(1)} MB)…`, async () => {
      await this.#load(files, options);
      this.#failedLoad = null;
      this.#afterLoad(files, sample, [], options);
    });
  }

  /** "Load it anyway": loads the failed files again, taking this one as enquiries without fostering evidence. */
  async loadAnyway(problem: FileProblem): Promise<void> {
    const last = this.#failedLoad;
    if (!last) return;
    await this.#loadExportFiles(last.files, { ...last.options, loadAnyway: [...(last.options.loadAnyway ?? []), problem.file] }, last.sample);
  }

  /** "Choose its columns": opens the mapping screen for a file that was not loaded. */
  chooseColumns(problem: FileProblem) {
    if (problem.mapping) this.mappingFile = problem;
  }

  /** Leaves the mapping screen; what is loaded stays as it is. */
  cancelMapping() {
    this.mappingFile = null;
  }

  /**
   * Takes the columns chosen on the mapping screen: remembers them for
   * exports with the same columns (like any correction) and loads the files again.
   */
  async applyFileMapping(mapping: FileMapping): Promise<void> {
    const problem = this.mappingFile;
    const last = this.#failedLoad;
    if (!problem?.mapping || !last) return;
    this.#prefs.rememberMapping(columnSignature(problem.mapping.columns), mapping);
    this.mappingFile = null;
    await this.#loadExportFiles(last.files, last.options, last.sample);
  }

  /**
   * "Add it to the loaded data": the files of a load refused for having no
   * enquiries (a cost sheet or carers list on its own, see FileProblem.addable)
   * added to those loaded.
   */
  async addRefused(): Promise<void> {
    const last = this.#failedLoad;
    if (last && this.canAddRefused) await this.#addExportFiles(last.files);
  }

  /** Whether addRefused has data of the user's own to add to (the sample is not theirs to add costs to). */
  get canAddRefused(): boolean {
    return !!this.#data.dataset && !this.isSample;
  }

  /** Adds files (e.g. a campaign cost sheet) to those already loaded. */
  async addFiles(list: File[]): Promise<void> {
    await this.#addExportFiles(list.map(exportFile));
  }

  /**
   * Adds files to those loaded; one with the name of a file loaded replaces
   * it (an updated cost sheet: its spend would otherwise be counted twice).
   */
  async #addExportFiles(extra: ExportFile[]): Promise<void> {
    if (!extra.length || !this.#data.coordinator) return;
    const replaced = this.#files.filter((f) => extra.some((x) => x.name === f.name));
    const files = [...this.#files.filter((f) => !replaced.includes(f)), ...extra];
    const sample = this.isSample;
    // What the user said of the files loaded ("Load it anyway") still holds for them.
    const options = this.#loadOptions;
    this.#failedLoad = { files, options, sample };
    await this.#activity.run(`Adding ${extra.map((f) => `"${f.name}"`).join(', ')}…`, async () => {
      await this.#load(files, options);
      this.#failedLoad = null;
      this.#afterLoad(files, sample, [], options);
      this.#activity.notify(`Added ${extra.map((f) => `"${f.name}"`).join(', ')}${replaced.length ? `, in place of the file${replaced.length === 1 ? '' : 's'} of the same name loaded before` : ''}.`);
    });
  }

  /** Reads another sheet of a loaded workbook (file `index` of those loaded); the other files are read as before. */
  async chooseSheet(index: number, sheet: string): Promise<void> {
    if (!this.#files[index]) return;
    await this.#loadExportFiles(this.#files.map((f, i) => (i === index ? { ...f, sheet } : f)), this.#loadOptions, this.isSample);
  }

  /** Applies corrected mappings, and remembers them for exports with the same columns. */
  async remap(mappings: FileMapping[]): Promise<void> {
    await this.#activity.run('Applying your changes…', async () => {
      const ds = await this.#data.coordinator!.remap(mappings, this.#settings(), this.#activity.step);
      ds.raws.forEach((r, i) => this.#prefs.rememberMapping(columnSignature(r.columns), mappings[i]));
      this.#data.dataset = ds;
      const dropped = this.#dropMissingFilters();
      this.#activity.notify(`Your changes were applied and will be used for exports with the same columns.${dropped.length ? ` Filters on columns no longer read were cleared: ${dropped.map((c) => `"${c}"`).join(', ')}.` : ''}`);
    });
  }

  /** Turns "keep my data in this browser" on or off. */
  async setKeep(on: boolean) {
    await this.#prefs.setKeep(on);
    if (on && !this.isSample) await this.#keepFiles();
    this.#activity.notify(on ? 'Your exports will be kept in this browser on this computer, so the dashboard reopens on them.' : 'Your exports are no longer kept in this browser.');
  }

  /** Forgets everything kept in this browser (files, corrections, spend) and goes back to the sample. */
  async forgetAll() {
    await this.#prefs.forgetAll();
    this.#router.linkSource = null;
    this.#router.filters = {};
    await this.loadSample();
    this.#activity.notify('Everything this app kept in this browser has been deleted: kept exports, remembered column mappings, reason corrections and spend. The sample data is loaded.');
  }

  /**
   * Reads files through the coordinator, with the user's remembered mappings
   * and step-by-step progress; the per-enquiry table is written for the
   * settings in force, so the first view needs no second pass.
   */
  async #load(files: ExportFile[], options?: LoadOptions): Promise<void> {
    await this.#data.coordinator!.load(files, this.#settings(), this.#prefs.recallMapping, this.#activity.step, options);
  }

  #settings(): FunnelSettings {
    return $state.snapshot(this.#data.settings) as FunnelSettings;
  }

  #afterLoad(files: ExportFile[], sample: boolean, serverPaths: string[] = [], options: LoadOptions = {}) {
    this.#loadOptions = options;
    const ds = this.#data.coordinator!.dataset!;
    this.#data.dataset = ds;
    this.isSample = sample;
    this.#files = files;
    this.sourceNames = files.map((f) => f.name);
    this.#activity.notices = [];
    const q = ds.model.quality;
    const firstData = ds.raws.find((_, i) => ds.mappings[i].kind !== 'costs') ?? ds.raws[0];
    const source: SourceInfo = { files: files.map((f) => f.name), rows: q.enquiries, columns: firstData.columns.slice(0, 60) };
    this.#checkAgainstLink(source, sample);
    const dropped = this.#dropMissingFilters();
    if (this.#prefs.keep && !sample) void this.#keepFiles();
    this.#router.loaded(sample ? null : source, serverPaths);
    this.#noticeLoaded(files, ds, sample);
    if (dropped.length) this.#activity.notify(`${dropped.length === 1 ? 'A filter' : 'Filters'} on ${dropped.map((c) => `"${c}"`).join(', ')} ${dropped.length === 1 ? 'was' : 'were'} cleared: the data loaded now ${dropped.length === 1 ? 'has no such column' : 'have no such columns'}.`);
  }

  /**
   * Clears filters on columns the loaded data don't have (a hub's "Service"
   * after one council's export is loaded): left in place they would fail every
   * query, and the views would keep the figures of the data before. Returns the columns.
   */
  #dropMissingFilters(): string[] {
    const router = this.#router;
    const attrs = { ...(router.filters.attributes ?? {}) };
    const have = this.#data.dataset!.model.attributes;
    const dropped = Object.keys(attrs).filter((c) => !have.includes(c));
    for (const c of dropped) delete attrs[c];
    if (dropped.length) router.filters = { ...$state.snapshot(router.filters), attributes: attrs };
    return dropped;
  }

  /** Says what was loaded, merged and skipped (about the sample, quietly). */
  #noticeLoaded(files: ExportFile[], ds: Dataset, sample: boolean) {
    const q = ds.model.quality;
    const notify = (text: string, quiet = false, more?: string) => this.#activity.notify(text, quiet, more ? { view: 'data', text: more } : undefined);
    if (!sample) notify(`Loaded ${countOf(q.enquiries, 'enquiry', 'enquiries')} from ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`}.`);
    if (q.duplicatesMerged > 0) notify(`${q.duplicatesMerged.toLocaleString('en-GB')} duplicate row${q.duplicatesMerged === 1 ? '' : 's'} merged (${q.duplicateIds} enquir${q.duplicateIds === 1 ? 'y' : 'ies'} appeared more than once).`, sample);
    if (q.statusConflicts.count > 0) notify(statusConflictsText({ ...q.statusConflicts, examples: q.statusConflicts.examples.slice(0, 1) }), sample, 'See the Data page.');
    const skipped = q.files.reduce((a, f) => a + f.noId + f.badEnquiryDate.count + f.missingEnquiryDate + f.malformed.count, 0);
    if (skipped > 0) notify(`${skipped.toLocaleString('en-GB')} row${skipped === 1 ? ' was' : 's were'} skipped.`, sample, 'See the Data page for why.');
    if (q.enquiriesAfterExport > 0) notify(enquiriesAfterExportText(q.enquiriesAfterExport, q.exportDate), sample, 'See the Data page.');
  }

  /**
   * A link says which export it was made from. Opened on the sample, the
   * banner offers to load that export; opened on another export, it warns and
   * applies what it can (filters on columns this export lacks are dropped).
   */
  #checkAgainstLink(now: SourceInfo, sample: boolean) {
    const router = this.#router;
    const link = router.linkSource;
    if (!link) return;
    const same = link.files.join('|') === now.files.join('|') && link.columns.join('|') === now.columns.join('|');
    if (same) {
      router.linkSource = null;
      return;
    }
    if (sample) return; // the banner stays up, offering to load the export
    const missing = link.columns.filter((c) => !now.columns.includes(c));
    const attrs = { ...(router.filters.attributes ?? {}) };
    const attributes = this.#data.dataset!.model.attributes;
    const dropped = Object.keys(attrs).filter((c) => !attributes.includes(c));
    for (const c of dropped) delete attrs[c];
    if (dropped.length) router.filters = { ...$state.snapshot(router.filters), attributes: attrs };
    this.#activity.notify(
      `This link was made from ${link.files.map((f) => `"${f}"`).join(', ')} (${link.rows.toLocaleString('en-GB')} enquiries), not the export loaded now. Its view and filters were applied where they fit${missing.length ? `; columns it had that this export lacks: ${missing.slice(0, 8).map((c) => `"${c}"`).join(', ')}${missing.length > 8 ? '…' : ''}` : ''}${dropped.length ? `; filters dropped: ${dropped.join(', ')}` : ''}.`,
    );
    router.linkSource = null;
  }

  async #keepFiles() {
    try {
      await this.#prefs.keepFiles(this.#files.map((f) => ({ name: f.name, lastModified: f.lastModified ?? Date.now(), blob: f.data instanceof Blob ? f.data : new Blob([f.data as BlobPart]) })));
    } catch (e) {
      this.#activity.notify(`Couldn't keep the data in this browser (${(e as Error).message}). It is still loaded for now.`);
    }
  }
}
