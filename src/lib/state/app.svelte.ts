import { tick, untrack } from 'svelte';
import { IngestError, MAX_FILE_BYTES, MAX_FILE_WORDS, sizeInWords, type ExportFile } from '../ingest/read';
import { sanitiseMessage, userMessage, type FileProblem } from '../ingest/errors';
import { countOf } from '../ingest/messages';
import type { Dataset, LoadOptions } from '../ingest/load';
import type { LoadStep } from '../ingest/progress';
import type { FileMapping } from '../ingest/mapping';
import { columnSignature } from '../ingest/propose';
import { forgetMappings, recallMapping, rememberMapping } from './mappingMemory';
import { clearStoredFiles, keepEnabled, setKeep, storeFiles, storedFiles } from './persist';
import { DataService } from './dataService';
import { fromSearch, toSearch, type SourceInfo, type ViewId, type ViewState } from './url';
import type { Filters } from '../funnel/filters';
import type { FunnelSettings } from '../funnel/settings';
import type { Targets } from '../funnel/targets';
import type { ExitCode, ReasonOverrides } from '../funnel/reasons';
import { decodeSummary, type Summary } from './summary';
import sampleUrl from '../../../data/sample-enquiries.csv?url';
import sampleCostsUrl from '../../../data/sample-campaign-costs.csv?url';
import sampleCarersUrl from '../../../data/sample-carers.csv?url';
import hubWestmereUrl from '../../../data/sample-hub-westmere.csv?url';
import hubEastbrookUrl from '../../../data/sample-hub-eastbrook.csv?url';

const OVERRIDES_KEY = 'fostering-funnel.reason-overrides';
const SPEND_KEY = 'fostering-funnel.spend';

function loadJson<T extends object>(key: string): T {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as T;
  } catch {
    return {} as T;
  }
}

/** A file the user chose, as the reader takes it. */
function exportFile(f: File): ExportFile & { data: File } {
  return { name: f.name, data: f, lastModified: f.lastModified };
}

export type AppStatus = 'loading' | 'idle' | 'ready' | 'error';

/** A notice the user should read (role=status), e.g. "12 duplicate rows merged". */
export interface Notice {
  id: number;
  text: string;
  /** Not news: kept in the notices area without opening it (e.g. the sample's own duplicates). */
  quiet?: boolean;
}

/**
 * The app's state (Svelte runes). Views read it and call its actions; all data
 * goes through `service`. The URL mirrors view, filters and settings.
 */
export class AppState {
  service = $state<DataService | null>(null);
  dataset = $state.raw<Dataset | null>(null);
  isSample = $state(false);
  sourceNames = $state<string[]>([]);
  busy = $state<string | null>('Starting the analysis engine…');
  /** Progress of the current step of `busy` (0-100), when the engine reports it. */
  busyPercent = $state<number | null>(null);
  /** Size of the file the current step reads, to show "62 of 163 MB read". */
  busyBytes = $state<number | null>(null);
  /** What the engine is doing while views wait for figures, when it is slow enough to say. */
  calculating = $state<string | null>(null);
  #error = $state<string | null>(null);
  /**
   * The failure the user must read (role=alert). Every message set here,
   * by any view, goes through one filter: engine internals become plain words.
   */
  get error(): string | null {
    return this.#error;
  }
  set error(text: string | null) {
    this.#error = text === null ? null : sanitiseMessage(text);
  }
  /** The files the last failed load could not take, each with what can be done about it. */
  problems = $state.raw<FileProblem[]>([]);
  /** The file whose columns are being chosen by hand (the mapping screen), if any. */
  mappingFile = $state.raw<FileProblem | null>(null);
  notices = $state<Notice[]>([]);
  view = $state<ViewId>('overview');
  filters = $state<Filters>({});
  settings = $state<FunnelSettings>(fromSearch('').settings);
  /** The user's own reason-text -> exit-category corrections (remembered in this browser). */
  reasonOverrides = $state<ReasonOverrides>(loadJson(OVERRIDES_KEY));
  /** Spend typed in on the Campaigns page, by campaign (remembered in this browser). */
  spendEntered = $state<Record<string, number>>(loadJson(SPEND_KEY));
  /** The files the loaded dataset was read from, so a cost sheet can be added to them. */
  private files: ExportFile[] = [];
  /** Per-view choices kept in the URL (grouping, chosen campaigns…). */
  ui = $state<Record<string, string>>({});
  /** The service's own targets, kept in the URL. */
  targets = $state<Targets>({});
  /** The export the opened link was made from, when it differs from what is loaded. */
  linkSource = $state<SourceInfo | null>(null);
  /** Keep the loaded files in this browser so the dashboard reopens on them. */
  keep = $state(keepEnabled());
  /** Queries in flight for the views on screen. */
  pending = $state(0);

  /** A summary opened from a summary link (read-only, no data behind it). */
  summary = $state.raw<Summary | null>(null);

  status: AppStatus = $derived(
    this.error ? 'error' : this.busy || this.pending > 0 ? 'loading' : this.dataset || this.summary ? 'ready' : 'idle',
  );

  private noticeId = 0;

  private engineStartedResolve: () => void = () => {};
  /** Settles once the engine has started (or failed to). */
  private engineStarted = new Promise<void>((resolve) => (this.engineStartedResolve = resolve));
  /** Same-origin exports named in the link (?data=…). */
  private dataPaths: string[] = [];
  /** Where the currently loaded data came from, for links. */
  private loadedSource: SourceInfo | null = null;

  constructor() {
    const st = fromSearch(location.search);
    this.apply(st);
    this.linkSource = st.source;
    this.dataPaths = st.data;
    addEventListener('popstate', () => {
      this.apply(fromSearch(location.search));
      this.settle();
    });
  }

  private apply(st: ViewState) {
    this.view = st.view;
    this.filters = st.filters;
    this.settings = st.settings;
    this.ui = st.ui;
    this.targets = st.targets ?? {};
  }

  /**
   * Starts the engine (as soon as the page opens), then loads, in order of
   * preference: the exports named in the link (?data=), the files kept in
   * this browser, or the built-in sample.
   */
  async start(): Promise<void> {
    if (location.hash.startsWith('#summary=')) {
      this.busy = 'Opening the summary…';
      this.summary = await decodeSummary(location.hash);
      this.busy = null;
      if (!this.summary) this.error = 'This summary link is damaged or incomplete (perhaps cut short when it was copied). Ask for the link again.';
      return;
    }
    try {
      // Loaded on demand, so the page's first paint never waits for the engine's code.
      const { createBrowserEngine } = await import('../engine/browser');
      const engine = await createBrowserEngine();
      engine.onProgress?.((percent) => {
        // Within a step the figure only grows: a step's later, shorter statements start again at 0.
        if (this.busy || this.calculating) this.busyPercent = Math.max(this.busyPercent ?? 0, percent);
      });
      this.service = new DataService(engine);
      this.service.settingsAtLoad = () => $state.snapshot(this.settings) as FunnelSettings;
      this.service.onRebuild = (label) => {
        this.calculating = label && label + '…';
        this.busyPercent = null;
      };
      this.engineStartedResolve();
    } catch (e) {
      this.engineStartedResolve();
      this.busy = null;
      const why = (e as Error).message;
      this.error = /MIME|status code|404|Failed to fetch|NetworkError|compile/i.test(why)
        ? `The analysis engine could not start: the web server did not deliver its engine file properly (${why}). Whoever runs this site should check that the files in "assets" are all there and that .wasm files are served as "application/wasm" (see the README's "Deploying" section).`
        : `The analysis engine could not start in this browser (${why}). Reload the page; if it happens again, use a current version of Edge, Chrome or Firefox.`;
      return;
    }
    if (this.dataPaths.length) {
      await this.loadFromServer(this.dataPaths);
      if (this.dataset) return;
      // Show the sample underneath, but keep saying why the link's data didn't open.
      const why = this.error;
      await this.loadSample();
      this.error = why;
      return;
    } else if (this.keep) {
      const kept = await storedFiles();
      if (kept?.length) {
        await this.run('Opening the data kept in this browser…', async () => {
          const files = kept.map((k) => ({ name: k.name, data: new File([k.blob], k.name, { lastModified: k.lastModified }), lastModified: k.lastModified }));
          await this.service!.load(files, this.memory, this.step);
          this.afterLoad(files, false);
        });
        if (this.dataset) return;
      }
    }
    await this.loadSample();
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
        this.error = `The link names an export that isn't a valid address ("${p}"). Ask for the link again.`;
        return;
      }
      if (u.origin !== location.origin) {
        this.error = `The link asks to open "${p}", which is on another web site. Only exports on this web server (${location.host}) can be opened from a link, so that data never travels elsewhere. Load the file yourself with "Load your exports…".`;
        return;
      }
      urls.push(u);
    }
    await this.run(`Opening ${urls.map((u) => `"${decodeURIComponent(u.pathname.split('/').pop() ?? '')}"`).join(', ')} from this web server…`, async () => {
      const files: ExportFile[] = [];
      for (const u of urls) {
        const res = await fetch(u, { credentials: 'same-origin' });
        if (!res.ok) throw new IngestError(`Couldn't open "${u.pathname}" from this web server (it answered ${res.status} ${res.statusText}). Check the file is there, or load it yourself with "Load your exports…".`);
        const name = decodeURIComponent(u.pathname.split('/').pop() || 'export.csv');
        const lm = Date.parse(res.headers.get('last-modified') ?? '');
        files.push({ name, data: new File([await res.blob()], name), lastModified: Number.isFinite(lm) ? lm : Date.now() });
      }
      await this.service!.load(files, this.memory, this.step);
      this.afterLoad(files, false, paths);
    });
  }

  /** Loads the built-in synthetic sample. */
  async loadSample(): Promise<void> {
    const fetchFile = async (url: string, name: string) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`Couldn't fetch the sample (${res.status})`);
      return { name, data: new File([await res.blob()], name), lastModified: Date.UTC(2026, 10, 1) } satisfies ExportFile;
    };
    await this.run('Loading the sample data…', async () => {
      const files = [
        await fetchFile(sampleUrl, 'sample-enquiries.csv'), await fetchFile(sampleCostsUrl, 'sample-campaign-costs.csv'),
        await fetchFile(sampleCarersUrl, 'sample-carers.csv'),
      ];
      await this.service!.load(files, this.memory, this.step);
      this.afterLoad(files, true);
    });
  }

  /** Loads the synthetic two-service regional hub sample (two councils' exports). */
  async loadHubSample(): Promise<void> {
    await this.run('Loading the regional hub sample…', async () => {
      const files: ExportFile[] = [];
      for (const [url, name] of [[hubWestmereUrl, 'sample-hub-westmere.csv'], [hubEastbrookUrl, 'sample-hub-eastbrook.csv']]) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`Couldn't fetch the hub sample (${res.status})`);
        files.push({ name, data: new File([await res.blob()], name), lastModified: Date.UTC(2026, 10, 1) });
      }
      await this.service!.load(files, this.memory, this.step);
      this.afterLoad(files, true);
    });
  }

  /** The last load that failed, so it can be tried again as the user says (map its columns, load it anyway). */
  private failedLoad: { files: ExportFile[]; options: LoadOptions; sample: boolean } | null = null;

  /** Loads the user's files, replacing what is loaded only if they read cleanly. */
  async loadFiles(list: FileList | File[]): Promise<void> {
    await this.loadExportFiles([...list].map(exportFile));
  }

  /** Loads files with what the user has said about them; on failure they are kept for a retry. */
  private async loadExportFiles(files: ExportFile[], options: LoadOptions = {}, sample = false): Promise<void> {
    if (!files.length) return;
    if (!this.service) {
      // Chosen while the engine is still starting: wait for it rather than drop the files.
      this.busy = 'The analysis engine is still starting; your files will be read in a moment…';
      await this.engineStarted;
      if (!this.service) return;
    }
    const size = files.reduce((a, f) => a + (f.data instanceof Uint8Array ? f.data.length : f.data.size), 0);
    // One file too large gets its own message from the reader; several together are checked here.
    if (files.length > 1 && size > MAX_FILE_BYTES) {
      this.error = `These files add up to ${sizeInWords(size)}, more than a browser tab can analyse (${MAX_FILE_WORDS}). Choose fewer files, or export a shorter period. What was loaded before is still loaded.`;
      return;
    }
    this.failedLoad = { files, options, sample };
    await this.run(`Reading ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`} (${(size / 1e6).toFixed(1)} MB)…`, async () => {
      await this.service!.load(files, this.memory, this.step, options);
      this.failedLoad = null;
      this.afterLoad(files, sample);
    });
  }

  /** "Load it anyway": loads the failed files again, taking this one as enquiries without fostering evidence. */
  async loadAnyway(problem: FileProblem): Promise<void> {
    const last = this.failedLoad;
    if (!last) return;
    await this.loadExportFiles(last.files, { ...last.options, loadAnyway: [...(last.options.loadAnyway ?? []), problem.file] }, last.sample);
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
    const last = this.failedLoad;
    if (!problem?.mapping || !last) return;
    rememberMapping(localStorage, columnSignature(problem.mapping.columns), mapping);
    this.mappingFile = null;
    await this.loadExportFiles(last.files, last.options, last.sample);
  }

  /** Adds files (e.g. a campaign cost sheet) to those already loaded. */
  async addFiles(list: File[]): Promise<void> {
    const extra = list.map(exportFile);
    if (!extra.length || !this.service) return;
    const files = [...this.files, ...extra];
    const sample = this.isSample;
    this.failedLoad = { files, options: {}, sample };
    await this.run(`Adding ${extra.map((f) => `"${f.name}"`).join(', ')}…`, async () => {
      await this.service!.load(files, this.memory, this.step);
      this.failedLoad = null;
      this.afterLoad(files, sample);
      this.notify(`Added ${extra.map((f) => `"${f.name}"`).join(', ')}.`);
    });
  }

  /** Reads another sheet of a loaded workbook (file `index` of those loaded); the other files are read as before. */
  async chooseSheet(index: number, sheet: string): Promise<void> {
    if (!this.files[index]) return;
    await this.loadExportFiles(this.files.map((f, i) => (i === index ? { ...f, sheet } : f)), {}, this.isSample);
  }

  /** Records spend typed in for a campaign (null clears it). */
  enterSpend(campaign: string, value: number | null) {
    const next = { ...$state.snapshot(this.spendEntered) };
    if (value === null || !Number.isFinite(value) || value < 0) delete next[campaign];
    else next[campaign] = value;
    this.spendEntered = next;
    localStorage.setItem(SPEND_KEY, JSON.stringify(next));
    this.settle();
  }

  /** Applies corrected mappings, and remembers them for exports with the same columns. */
  async remap(mappings: FileMapping[]): Promise<void> {
    await this.run('Applying your changes…', async () => {
      const ds = await this.service!.remap(mappings, this.step);
      ds.raws.forEach((r, i) => rememberMapping(localStorage, columnSignature(r.columns), mappings[i]));
      this.dataset = ds;
      this.notify('Your changes were applied and will be used for exports with the same columns.');
    });
  }

  private memory = (signature: string) => recallMapping(localStorage, signature);

  /** A new loading step: its label replaces the busy message, and its progress starts again. */
  private step = (s: LoadStep) => {
    this.busy = s.label + '…';
    this.busyPercent = null;
    this.busyBytes = s.bytes ?? null;
  };

  private afterLoad(files: ExportFile[], sample: boolean, serverPaths: string[] = []) {
    const ds = this.service!.dataset!;
    this.dataPaths = serverPaths;
    this.dataset = ds;
    this.isSample = sample;
    this.files = files;
    this.sourceNames = files.map((f) => f.name);
    this.notices = [];
    const q = ds.model.quality;
    const firstData = ds.raws.find((_, i) => ds.mappings[i].kind !== 'costs') ?? ds.raws[0];
    this.loadedSource = { files: files.map((f) => f.name), rows: q.enquiries, columns: firstData.columns.slice(0, 60) };
    this.checkAgainstLink(sample);
    if (this.keep && !sample) this.keepFiles();
    this.writeUrl(true);
    if (!sample) this.notify(`Loaded ${countOf(q.enquiries, 'enquiry', 'enquiries')} from ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`}.`);
    if (q.duplicatesMerged > 0) this.notify(`${q.duplicatesMerged.toLocaleString('en-GB')} duplicate row${q.duplicatesMerged === 1 ? '' : 's'} merged (${q.duplicateIds} enquir${q.duplicateIds === 1 ? 'y' : 'ies'} appeared more than once).`, sample);
    const skipped = q.files.reduce((a, f) => a + f.noId + f.badEnquiryDate.count + f.missingEnquiryDate + f.malformed.count, 0);
    if (skipped > 0) this.notify(`${skipped.toLocaleString('en-GB')} row${skipped === 1 ? ' was' : 's were'} skipped. See the Data page for why.`, sample);
  }

  /**
   * A link says which export it was made from. Opened on the sample, the
   * banner offers to load that export; opened on another export, it warns and
   * applies what it can (filters on columns this export lacks are dropped).
   */
  private checkAgainstLink(sample: boolean) {
    const link = this.linkSource;
    const now = this.loadedSource!;
    if (!link) return;
    const same = link.files.join('|') === now.files.join('|') && link.columns.join('|') === now.columns.join('|');
    if (same) {
      this.linkSource = null;
      return;
    }
    if (sample) return; // the banner stays up, offering to load the export
    const missing = link.columns.filter((c) => !now.columns.includes(c));
    const attrs = { ...(this.filters.attributes ?? {}) };
    const attributes = this.dataset!.model.attributes;
    const dropped = Object.keys(attrs).filter((c) => !attributes.includes(c));
    for (const c of dropped) delete attrs[c];
    if (dropped.length) this.filters = { ...$state.snapshot(this.filters), attributes: attrs };
    this.notify(
      `This link was made from ${link.files.map((f) => `"${f}"`).join(', ')} (${link.rows.toLocaleString('en-GB')} enquiries), not the export loaded now. Its view and filters were applied where they fit${missing.length ? `; columns it had that this export lacks: ${missing.slice(0, 8).map((c) => `"${c}"`).join(', ')}${missing.length > 8 ? '…' : ''}` : ''}${dropped.length ? `; filters dropped: ${dropped.join(', ')}` : ''}.`,
    );
    this.linkSource = null;
  }

  /** Turns "keep my data in this browser" on or off. */
  async setKeep(on: boolean) {
    this.keep = on;
    await setKeep(on);
    if (on && !this.isSample) await this.keepFiles();
    this.notify(on ? 'Your exports will be kept in this browser on this computer, so the dashboard reopens on them.' : 'Your exports are no longer kept in this browser.');
  }

  private async keepFiles() {
    try {
      await storeFiles(this.files.map((f) => ({ name: f.name, lastModified: f.lastModified ?? Date.now(), blob: f.data instanceof Blob ? f.data : new Blob([f.data as BlobPart]) })));
    } catch (e) {
      this.notify(`Couldn't keep the data in this browser (${(e as Error).message}). It is still loaded for now.`);
    }
  }

  /** Forgets everything kept in this browser (files, corrections, spend) and goes back to the sample. */
  async forgetAll() {
    await clearStoredFiles();
    await setKeep(false);
    forgetMappings(localStorage);
    localStorage.removeItem(OVERRIDES_KEY);
    localStorage.removeItem(SPEND_KEY);
    this.keep = false;
    this.reasonOverrides = {};
    this.spendEntered = {};
    this.linkSource = null;
    this.filters = {};
    await this.loadSample();
    this.notify('Everything this app kept in this browser has been deleted: kept exports, remembered column mappings, reason corrections and spend. The sample data is loaded.');
  }

  /** A per-view choice, from the URL. */
  uiValue(key: string, fallback: string): string {
    return this.ui[key] ?? fallback;
  }

  /** Sets the service's targets (a value of null clears that target) and records them in the URL. */
  setTargets(patch: Partial<Record<keyof Targets, number | null>>) {
    const next: Targets = { ...$state.snapshot(this.targets) };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || !Number.isFinite(v) || v <= 0) delete next[k as keyof Targets];
      else next[k as keyof Targets] = v;
    }
    this.targets = next;
    this.writeUrl(true);
  }

  /** Sets a per-view choice and records it in the URL. */
  setUi(key: string, value: string) {
    this.ui = { ...$state.snapshot(this.ui), [key]: value };
    this.writeUrl(true);
    this.settle();
  }

  private async run(label: string, task: () => Promise<void>) {
    this.busy = label;
    this.error = null;
    this.problems = [];
    try {
      await task();
      // Let the views start their queries before "loading" ends, so "ready" means computed.
      await tick();
    } catch (e) {
      // One place turns any failure into plain words: engine internals are never shown.
      this.error = userMessage(e);
      this.problems = e instanceof IngestError ? e.problems : [];
      // Notices were about the data loaded before; they would read as if about the rejected file.
      this.notices = [];
      if (!(e instanceof IngestError)) console.error(e);
    } finally {
      this.busy = null;
      this.busyPercent = null;
      this.busyBytes = null;
    }
  }

  /** Shows a notice (a quiet one waits, folded, in the notices area). */
  notify(text: string, quiet = false) {
    this.notices = [...this.notices, { id: ++this.noticeId, text, quiet }];
  }

  /** Maps a reason text to a category (or back to the rules when null), and remembers it. */
  overrideReason(text: string, code: ExitCode | null) {
    const next = { ...$state.snapshot(this.reasonOverrides) };
    if (code) next[text] = code;
    else delete next[text];
    this.reasonOverrides = next;
    localStorage.setItem(OVERRIDES_KEY, JSON.stringify(next));
    this.settle();
  }

  dismissError() {
    this.error = null;
    this.problems = [];
  }

  /** Tracks a view's query so the status says "loading" until it lands. */
  async track<T>(p: Promise<T>): Promise<T> {
    // Called from effects: the counter must not become one of their dependencies.
    untrack(() => this.pending++);
    try {
      return await p;
    } finally {
      // After the view's own .then() and Svelte's DOM update (both microtasks), so that
      // "ready" is only said once the new numbers are on screen.
      setTimeout(() => untrack(() => this.pending--), 0);
    }
  }

  /** Changes view, filters or settings and records it in the URL (back/forward work). */
  navigate(patch: Partial<Pick<ViewState, 'view' | 'filters' | 'settings' | 'ui'>>) {
    if (patch.view) this.view = patch.view;
    if (patch.ui) this.ui = { ...$state.snapshot(this.ui), ...patch.ui };
    if (patch.filters) this.filters = patch.filters;
    if (patch.settings) this.settings = patch.settings;
    this.writeUrl(false);
    this.settle();
  }

  /** Holds "loading" until the views have reacted to a change and registered their queries. */
  private settle() {
    untrack(() => this.pending++);
    tick().then(() => untrack(() => this.pending--));
  }

  /** The link to the current view: its state and the export it was made from (never the data). */
  link(): string {
    return location.origin + location.pathname + this.search();
  }

  private search(): string {
    return toSearch({
      view: this.view, filters: $state.snapshot(this.filters), settings: $state.snapshot(this.settings),
      ui: $state.snapshot(this.ui), source: this.isSample ? null : this.loadedSource,
      data: this.dataPaths, targets: $state.snapshot(this.targets),
    });
  }

  private writeUrl(replace: boolean) {
    const url = this.search();
    if (url === location.search) return;
    if (replace) history.replaceState(null, '', url || location.pathname);
    else history.pushState(null, '', url || location.pathname);
  }
}
