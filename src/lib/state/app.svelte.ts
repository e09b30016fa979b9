import type { Dataset } from '../ingest/load';
import { serviceColumn } from '../ingest/service';
import { BLANK } from '../funnel/filters';
import { withSetAsideOverrides, type FunnelSettings } from '../funnel/settings';
import { columnValuesMetric } from '../funnel/values';
import type { MetricRequest } from '../coordinator/metric';
import { afterLoadRequests, aheadRequests, asksChoices, CHOICES_AHEAD, NO_CHOICES, type FilterChoices, type RequestState } from './viewRequests';
import type { Coordinator } from '../coordinator/coordinator';
import type { MetricHost } from './useMetric.svelte';
import type { Summary } from './summary';
import { Activity } from './activity.svelte';
import { Loader } from './loader.svelte';
import { Preferences } from './preferences.svelte';
import { Router } from './router.svelte';
import type { ViewId } from './url';

export type AppStatus = 'loading' | 'idle' | 'ready' | 'error';

/**
 * The app's state (Svelte runes), composed of one part per concern: what the
 * app is doing (`activity`), what this browser remembers (`prefs`), what the
 * URL says (`router`) and how data comes in (`loader`). Views read these and
 * call their actions; every figure comes through the `coordinator`, asked
 * for with `useRequest` (the view's requests in viewRequests.ts) or `useMetric(spec, params)`.
 */
export class AppState implements MetricHost {
  coordinator = $state.raw<Coordinator | null>(null);
  dataset = $state.raw<Dataset | null>(null);
  /** A summary opened from a summary link (read-only, no data behind it). */
  summary = $state.raw<Summary | null>(null);
  readonly activity = new Activity();
  readonly prefs = Preferences.inBrowser(this.activity.settle);
  readonly router = new Router(this.activity.settle);
  readonly loader = new Loader(this, this.router, this.prefs, this.activity);

  /**
   * The settings figures are worked out with: the URL's, with this browser's
   * reading of reasons when it decides which enquiries are set aside.
   */
  settings: FunnelSettings = $derived(withSetAsideOverrides(this.router.settings, () => this.prefs.reasonOverrides));

  status: AppStatus = $derived(
    this.activity.error ? 'error'
    : this.activity.busy || this.activity.pending > 0 ? 'loading'
    : this.dataset || this.summary ? 'ready'
    : 'idle',
  );

  /** What the views' requests are worked out from (see viewRequests.ts). */
  get requests(): RequestState {
    return {
      settings: this.settings, filters: this.router.filters, ui: this.router.ui,
      spend: this.prefs.spendEntered, overrides: this.prefs.reasonOverrides,
      serviceColumn: this.dataset ? serviceColumn(this.dataset.model.attributes) : null,
    };
  }

  /**
   * Has the coordinator work out, in idle time, what the user may ask for
   * next in the state on screen (aheadRequests: the likeliest filter choices
   * on this view, the other views' figures), so that it is drawn at once (the
   * Mosaic idea). Call when the current view is drawn; a newer call replaces the list.
   */
  prefetchAhead(state: RequestState): void {
    if (this.status === 'ready' && this.dataset) void this.prefetchFor(state, (view, choices) => aheadRequests(state, view, choices));
  }

  /** The dataset prefetchAfterLoad last started on. */
  private prefetchedAfterLoad: Dataset | null = null;

  /**
   * Starts afterLoadRequests for a newly loaded dataset as soon as its first
   * view is drawn, without the quiet time the other views' figures wait for
   * after a filter change (prefetchAhead): the filtering summaries (for
   * big data already written by the load, see summariseFirst; for smaller
   * data written now, first), the likeliest filter choices, then the
   * approval chances, then the other views' figures. A filter chosen
   * meanwhile waits for at most the one summary statement being written, or
   * stops the query being worked out for another view.
   */
  prefetchAfterLoad(state: RequestState): void {
    if (this.status !== 'ready' || !this.dataset || this.prefetchedAfterLoad === this.dataset) return;
    this.prefetchedAfterLoad = this.dataset;
    void this.prefetchFor(state, (view, choices) => afterLoadRequests(state, view, choices));
  }

  /** Counts prefetch lists asked for: a list whose filter choices arrive after a newer list was asked is dropped. */
  private prefetchAsked = 0;

  /** Hands the coordinator the list for the view on screen, with the filter menus' likeliest choices when the list has a use for them. */
  private async prefetchFor(state: RequestState, list: (view: ViewId, choices: FilterChoices) => MetricRequest[]): Promise<void> {
    const [asked, coordinator, view] = [++this.prefetchAsked, this.coordinator, this.router.view];
    if (!coordinator) return;
    const choices = asksChoices(view, state.filters) ? await filterChoices(coordinator, state.settings) : NO_CHOICES;
    if (asked === this.prefetchAsked && coordinator === this.coordinator) await coordinator.prefetch(list(view, choices));
  }

  /** Counts a view's request as in flight (see MetricHost). */
  track = <T>(request: Promise<T>): Promise<T> => this.activity.track(request);

  /** Applies a view's result once every request in flight has landed (see Activity.deliver). */
  deliver = (apply: () => void): void => this.activity.deliver(apply);

  /** Shows a failure to the user; the activity's one filter turns it into plain words. */
  fail = (message: string): void => {
    this.activity.error = message;
  };
}

/**
 * The campaign and source menus' CHOICES_AHEAD most common values, as a
 * filter holds them: the filter bar has asked for them, so they come from the
 * cache. None when they can't be worked out (the prefetch then goes without).
 */
async function filterChoices(coordinator: Coordinator, settings: FunnelSettings): Promise<FilterChoices> {
  const top = async (column: 'campaign' | 'source') =>
    (await coordinator.run(columnValuesMetric, { settings, column })).slice(0, CHOICES_AHEAD).map((v) => v.value ?? BLANK);
  try {
    const [campaigns, sources] = await Promise.all([top('campaign'), top('source')]);
    return { campaigns, sources };
  } catch {
    return NO_CHOICES;
  }
}
