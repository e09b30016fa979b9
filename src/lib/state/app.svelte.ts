import type { Dataset } from '../ingest/load';
import { serviceColumn } from '../ingest/service';
import { afterLoadRequests, otherViewsRequests, type RequestState } from './viewRequests';
import type { Coordinator } from '../coordinator/coordinator';
import type { MetricHost } from './useMetric.svelte';
import type { Summary } from './summary';
import { Activity } from './activity.svelte';
import { Loader } from './loader.svelte';
import { Preferences } from './preferences.svelte';
import { Router } from './router.svelte';

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

  status: AppStatus = $derived(
    this.activity.error ? 'error'
    : this.activity.busy || this.activity.pending > 0 ? 'loading'
    : this.dataset || this.summary ? 'ready'
    : 'idle',
  );

  /** What the views' requests are worked out from (see viewRequests.ts). */
  get requests(): RequestState {
    return {
      settings: this.router.settings, filters: this.router.filters, ui: this.router.ui,
      spend: this.prefs.spendEntered, overrides: this.prefs.reasonOverrides,
      serviceColumn: this.dataset ? serviceColumn(this.dataset.model.attributes) : null,
    };
  }

  /**
   * Has the coordinator work out the other views' figures for the state on
   * screen, in idle time, so that opening one is instant (the Mosaic idea).
   * Call when the current view is drawn; a newer call replaces the list.
   */
  prefetchOtherViews(state: RequestState): void {
    if (this.status === 'ready' && this.dataset) void this.coordinator?.prefetch(otherViewsRequests(state, this.router.view));
  }

  /** The dataset prefetchAfterLoad last started on. */
  private prefetchedAfterLoad: Dataset | null = null;

  /**
   * Starts afterLoadRequests for a newly loaded dataset as soon as its first
   * view is drawn, without the quiet time the other views' figures wait for
   * after a filter change (prefetchOtherViews): the filtering summaries (for
   * big data already written by the load, see summariseFirst; for smaller
   * data written now, first), then the approval chances, then the other
   * views' figures. A filter chosen meanwhile waits for at most the one
   * summary statement being written, or stops the query being worked out for
   * another view.
   */
  prefetchAfterLoad(state: RequestState): void {
    if (this.status !== 'ready' || !this.dataset || this.prefetchedAfterLoad === this.dataset) return;
    this.prefetchedAfterLoad = this.dataset;
    void this.coordinator?.prefetch(afterLoadRequests(state, this.router.view));
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
