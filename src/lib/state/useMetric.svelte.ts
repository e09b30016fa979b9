import { getContext, setContext } from 'svelte';
import { StaleRequest, type Coordinator } from '../coordinator/coordinator';
import { ask, type MetricParams, type MetricRequest, type MetricSpec } from '../coordinator/metric';

/** What `useMetric` needs of the app: the coordinator, and one place for activity and failures. */
export interface MetricHost {
  readonly coordinator: Coordinator | null;
  /** Read so that a new dataset asks again. */
  readonly dataset: unknown;
  /** Counts the request as in flight, so the status says "loading" until it lands. */
  track<T>(request: Promise<T>): Promise<T>;
  /** Shows a failure to the user (one place turns it into plain words). */
  fail(message: string): void;
  /** Applies a result when the requests in flight have all landed (so the screen changes once). */
  deliver(apply: () => void): void;
}

/** A metric's latest result for a view: the data, a failure message, and whether a request is in flight. */
export interface MetricState<R> {
  readonly data: R | null;
  readonly error: string | null;
  readonly loading: boolean;
}

const HOST = Symbol('metric host');

/** Makes `host` the one every `useMetric` below this component asks (the app's root component calls it). */
export function provideMetricHost(host: MetricHost): void {
  setContext(HOST, host);
}

/**
 * Asks the coordinator for a metric whenever its parameters (or the dataset)
 * change, and keeps only the answer to the latest question: an earlier
 * request still queued is skipped, and its late result is dropped. Call it
 * while a component initialises; `params` returning null means "not yet".
 */
export function useMetric<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: () => P | null): MetricState<R> {
  return useRequest(() => {
    const p = params();
    return p && ask(spec, p);
  });
}

/** As `useMetric`, for a request built elsewhere (a view's requests in viewRequests.ts); null means "not asked". */
export function useRequest<R>(request: () => MetricRequest<R> | null): MetricState<R> {
  const host = getContext<MetricHost | undefined>(HOST);
  if (!host) throw new Error('useMetric needs provideMetricHost(app) in the root component');
  let data = $state.raw<R | null>(null);
  let error = $state<string | null>(null);
  let loading = $state(true);
  $effect(() => {
    const coordinator = host.coordinator;
    void host.dataset;
    const wanted = request();
    if (!coordinator || !wanted) return;
    const spec = wanted.spec;
    const asked = { spec, params: $state.snapshot(wanted.params) as MetricParams };
    const controller = new AbortController();
    loading = true;
    host.track(coordinator.runRequest(asked, controller.signal)).then(
      (result) => host.deliver(() => {
        if (controller.signal.aborted) return;
        [data, error, loading] = [result, null, false];
      }),
      (e: unknown) => {
        if (controller.signal.aborted || e instanceof StaleRequest) return;
        console.error(e);
        host.deliver(() => {
          if (controller.signal.aborted) return;
          error = `Couldn't work out ${spec.what}. Try clearing the filters; if it keeps failing, reload the page.`;
          loading = false;
          host.fail(error);
        });
      },
    );
    return () => controller.abort();
  });
  return {
    get data() { return data; },
    get error() { return error; },
    get loading() { return loading; },
  };
}
