import { untrack } from 'svelte';
import { createBrowserEngine } from '../engine/browser';
import { IngestError, type ExportFile } from '../ingest/read';
import type { Dataset } from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import { columnSignature } from '../ingest/propose';
import { recallMapping, rememberMapping } from './mappingMemory';
import { DataService } from './dataService';
import { fromSearch, toSearch, type ViewId, type ViewState } from './url';
import type { Filters } from '../funnel/filters';
import type { FunnelSettings } from '../funnel/settings';
import type { ExitCode, ReasonOverrides } from '../funnel/reasons';
import sampleUrl from '../../../data/sample-enquiries.csv?url';
import sampleCostsUrl from '../../../data/sample-campaign-costs.csv?url';

const OVERRIDES_KEY = 'fostering-funnel.reason-overrides';
const SPEND_KEY = 'fostering-funnel.spend';

function loadJson<T extends object>(key: string): T {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as T;
  } catch {
    return {} as T;
  }
}

export type AppStatus = 'loading' | 'idle' | 'ready' | 'error';

/** A notice the user should read (role=status), e.g. "12 duplicate rows merged". */
export interface Notice {
  id: number;
  text: string;
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
  error = $state<string | null>(null);
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
  /** Queries in flight for the views on screen. */
  pending = $state(0);

  status: AppStatus = $derived(
    this.error ? 'error' : this.busy || this.pending > 0 ? 'loading' : this.dataset ? 'ready' : 'idle',
  );

  private noticeId = 0;

  constructor() {
    const st = fromSearch(location.search);
    this.view = st.view;
    this.filters = st.filters;
    this.settings = st.settings;
    addEventListener('popstate', () => {
      const s = fromSearch(location.search);
      this.view = s.view;
      this.filters = s.filters;
      this.settings = s.settings;
    });
  }

  /** Starts the engine (as soon as the page opens) and loads the sample. */
  async start(): Promise<void> {
    try {
      this.service = new DataService(await createBrowserEngine());
    } catch (e) {
      this.busy = null;
      this.error = `The analysis engine could not start in this browser (${(e as Error).message}). Use a current version of Edge, Chrome or Firefox.`;
      return;
    }
    await this.loadSample();
  }

  /** Loads the built-in synthetic sample. */
  async loadSample(): Promise<void> {
    const fetchFile = async (url: string, name: string) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`Couldn't fetch the sample (${res.status})`);
      return { name, data: new File([await res.blob()], name), lastModified: Date.UTC(2026, 10, 1) } satisfies ExportFile;
    };
    await this.run('Loading the sample data…', async () => {
      const files = [await fetchFile(sampleUrl, 'sample-enquiries.csv'), await fetchFile(sampleCostsUrl, 'sample-campaign-costs.csv')];
      await this.service!.load(files, this.memory);
      this.afterLoad(files, true);
    });
  }

  /** Loads the user's files, replacing what is loaded only if they read cleanly. */
  async loadFiles(list: FileList | File[]): Promise<void> {
    const files = [...list].map((f) => ({ name: f.name, data: f, lastModified: f.lastModified }));
    if (!files.length || !this.service) return;
    const size = files.reduce((a, f) => a + f.data.size, 0);
    await this.run(`Reading ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`} (${(size / 1e6).toFixed(1)} MB)…`, async () => {
      await this.service!.load(files, this.memory);
      this.afterLoad(files, false);
    });
  }

  /** Adds files (e.g. a campaign cost sheet) to those already loaded. */
  async addFiles(list: File[]): Promise<void> {
    const extra = list.map((f) => ({ name: f.name, data: f, lastModified: f.lastModified }));
    if (!extra.length || !this.service) return;
    const files = [...this.files, ...extra];
    const sample = this.isSample;
    await this.run(`Adding ${extra.map((f) => `"${f.name}"`).join(', ')}…`, async () => {
      await this.service!.load(files, this.memory);
      this.afterLoad(files, sample);
      this.notify(`Added ${extra.map((f) => `"${f.name}"`).join(', ')}.`);
    });
  }

  /** Records spend typed in for a campaign (null clears it). */
  enterSpend(campaign: string, value: number | null) {
    const next = { ...$state.snapshot(this.spendEntered) };
    if (value === null || !Number.isFinite(value) || value < 0) delete next[campaign];
    else next[campaign] = value;
    this.spendEntered = next;
    localStorage.setItem(SPEND_KEY, JSON.stringify(next));
  }

  /** Applies corrected mappings, and remembers them for exports with the same columns. */
  async remap(mappings: FileMapping[]): Promise<void> {
    await this.run('Applying your changes…', async () => {
      const ds = await this.service!.remap(mappings);
      ds.raws.forEach((r, i) => rememberMapping(localStorage, columnSignature(r.columns), mappings[i]));
      this.dataset = ds;
      this.notify('Your changes were applied and will be used for exports with the same columns.');
    });
  }

  private memory = (signature: string) => recallMapping(localStorage, signature);

  private afterLoad(files: ExportFile[], sample: boolean) {
    const ds = this.service!.dataset!;
    this.dataset = ds;
    this.isSample = sample;
    this.files = files;
    this.sourceNames = files.map((f) => f.name);
    this.notices = [];
    const q = ds.model.quality;
    if (!sample) this.notify(`Loaded ${q.enquiries.toLocaleString('en-GB')} enquiries from ${files.length === 1 ? `"${files[0].name}"` : `${files.length} files`}.`);
    if (q.duplicatesMerged > 0) this.notify(`${q.duplicatesMerged.toLocaleString('en-GB')} duplicate row${q.duplicatesMerged === 1 ? '' : 's'} merged (${q.duplicateIds} enquir${q.duplicateIds === 1 ? 'y' : 'ies'} appeared more than once).`);
    const skipped = q.files.reduce((a, f) => a + f.noId + f.badEnquiryDate.count + f.missingEnquiryDate + f.malformed.count, 0);
    if (skipped > 0) this.notify(`${skipped.toLocaleString('en-GB')} row${skipped === 1 ? ' was' : 's were'} skipped. See the Data page for why.`);
  }

  private async run(label: string, task: () => Promise<void>) {
    this.busy = label;
    this.error = null;
    try {
      await task();
    } catch (e) {
      this.error = e instanceof IngestError ? e.message : `Something went wrong: ${(e as Error).message}. What was loaded before is still loaded.`;
      if (!(e instanceof IngestError)) console.error(e);
    } finally {
      this.busy = null;
    }
  }

  /** Shows a notice. */
  notify(text: string) {
    this.notices = [...this.notices, { id: ++this.noticeId, text }];
  }

  /** Maps a reason text to a category (or back to the rules when null), and remembers it. */
  overrideReason(text: string, code: ExitCode | null) {
    const next = { ...$state.snapshot(this.reasonOverrides) };
    if (code) next[text] = code;
    else delete next[text];
    this.reasonOverrides = next;
    localStorage.setItem(OVERRIDES_KEY, JSON.stringify(next));
  }

  dismissError() {
    this.error = null;
  }

  /** Tracks a view's query so the status says "loading" until it lands. */
  async track<T>(p: Promise<T>): Promise<T> {
    // Called from effects: the counter must not become one of their dependencies.
    untrack(() => this.pending++);
    try {
      return await p;
    } finally {
      untrack(() => this.pending--);
    }
  }

  /** Changes view, filters or settings and records it in the URL (back/forward work). */
  navigate(patch: Partial<ViewState>) {
    if (patch.view) this.view = patch.view;
    if (patch.filters) this.filters = patch.filters;
    if (patch.settings) this.settings = patch.settings;
    const url = toSearch({ view: this.view, filters: $state.snapshot(this.filters), settings: $state.snapshot(this.settings) });
    if (url !== location.search) history.pushState(null, '', url || location.pathname);
  }
}
