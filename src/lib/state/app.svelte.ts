import type { Dataset } from '../ingest/load';
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
 * for with `useMetric(spec, params)`.
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

  /** Counts a view's request as in flight (see MetricHost). */
  track = <T>(request: Promise<T>): Promise<T> => this.activity.track(request);

  /** Applies a view's result once every request in flight has landed (see Activity.deliver). */
  deliver = (apply: () => void): void => this.activity.deliver(apply);

  /** Shows a failure to the user; the activity's one filter turns it into plain words. */
  fail = (message: string): void => {
    this.activity.error = message;
  };
}
