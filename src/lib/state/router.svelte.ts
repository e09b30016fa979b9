import type { Filters } from '../funnel/filters';
import type { FunnelSettings } from '../funnel/settings';
import type { Targets } from '../funnel/targets';
import { fromSearch, toSearch, type SourceInfo, type ViewId, type ViewState } from './url';

/** The parts of the browser the router reads and writes (fakes stand in for them in tests). */
export interface BrowserPlace {
  location: Pick<Location, 'search' | 'origin' | 'pathname'>;
  history: Pick<History, 'pushState' | 'replaceState'>;
  /** Calls `listener` when the user goes back or forward. */
  onPopState(listener: () => void): void;
}

function browserPlace(): BrowserPlace {
  return { location, history, onPopState: (listener) => addEventListener('popstate', listener) };
}

/**
 * What the URL says: view, filters, settings, per-view choices, targets and
 * the export a link was made from. Changes are written back to the URL, so
 * links reproduce the view and back/forward work.
 */
export class Router {
  view = $state<ViewId>('overview');
  filters = $state<Filters>({});
  settings = $state<FunnelSettings>(fromSearch('').settings);
  /** Per-view choices kept in the URL (grouping, chosen campaigns…). */
  ui = $state<Record<string, string>>({});
  /** The service's own targets, kept in the URL. */
  targets = $state<Targets>({});
  /** The export the opened link was made from, when it differs from what is loaded. */
  linkSource = $state<SourceInfo | null>(null);
  /** Same-origin exports named in the link (?data=…), kept in it while they are what is loaded. */
  dataPaths: string[] = [];
  /** The loaded export, named in links (null for the sample). */
  #source: SourceInfo | null = null;
  readonly #place: BrowserPlace;
  readonly #settle: () => void;

  /**
   * @param settle called after a change the views must react to, to hold "loading" until they have
   * @param place the browser's location and history
   */
  constructor(settle: () => void = () => {}, place: BrowserPlace = browserPlace()) {
    this.#place = place;
    this.#settle = settle;
    const st = fromSearch(place.location.search);
    this.#apply(st);
    this.linkSource = st.source;
    this.dataPaths = st.data;
    place.onPopState(() => {
      this.#apply(fromSearch(this.#place.location.search));
      this.#settle();
    });
  }

  #apply(st: ViewState) {
    this.view = st.view;
    this.filters = st.filters;
    this.settings = st.settings;
    this.ui = st.ui;
    this.targets = st.targets ?? {};
  }

  /** Changes view, filters, settings or per-view choices and records it in the URL (back/forward work). */
  navigate(patch: Partial<Pick<ViewState, 'view' | 'filters' | 'settings' | 'ui'>>) {
    if (patch.view) this.view = patch.view;
    if (patch.ui) this.ui = { ...$state.snapshot(this.ui), ...patch.ui };
    if (patch.filters) this.filters = patch.filters;
    if (patch.settings) this.settings = patch.settings;
    this.writeUrl(false);
    this.#settle();
  }

  /** Changes some of the settings, the rest as they are (see navigate). */
  changeSettings(patch: Partial<FunnelSettings>) {
    this.navigate({ settings: { ...$state.snapshot(this.settings), ...patch } });
  }

  /** A per-view choice, from the URL. */
  uiValue(key: string, fallback: string): string {
    return this.ui[key] ?? fallback;
  }

  /** Sets a per-view choice and records it in the URL (replacing the entry: not a step for "back"). */
  setUi(key: string, value: string) {
    this.ui = { ...$state.snapshot(this.ui), [key]: value };
    this.writeUrl(true);
    this.#settle();
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

  /**
   * Records what is now loaded, for links: the export (null for the sample)
   * and the same-origin paths it was opened from; the URL is updated in place.
   */
  loaded(source: SourceInfo | null, dataPaths: string[]) {
    this.#source = source;
    this.dataPaths = dataPaths;
    this.writeUrl(true);
  }

  /** The link to the current view: its state and the export it was made from (never the data). */
  link(): string {
    const { origin, pathname } = this.#place.location;
    return origin + pathname + this.#search();
  }

  /** Writes the state to the URL: a new history entry, or (replace) the current one changed. */
  writeUrl(replace: boolean) {
    const url = this.#search();
    const { location: loc, history: h } = this.#place;
    if (url === loc.search) return;
    if (replace) h.replaceState(null, '', url || loc.pathname);
    else h.pushState(null, '', url || loc.pathname);
  }

  #search(): string {
    return toSearch({
      view: this.view, filters: $state.snapshot(this.filters), settings: $state.snapshot(this.settings),
      ui: $state.snapshot(this.ui), source: this.#source,
      data: this.dataPaths, targets: $state.snapshot(this.targets),
    });
  }
}
