import type { Engine } from '../../src/lib/engine/engine';
import { runMetric, type DatasetFacts, type MetricParams, type MetricSpec } from '../../src/lib/coordinator/metric';

/**
 * Runs a metric spec straight on the engine (no coordinator, no cache), as
 * metric tests do; facts default to none (no attributes, no carers list,
 * every summary taken as written).
 */
export function runSpec<P extends MetricParams, R>(engine: Engine, spec: MetricSpec<P, R>, params: P, facts: Partial<DatasetFacts> = {}): Promise<R> {
  return runMetric(engine, spec, params, { asOf: facts.asOf ?? '', attributes: facts.attributes ?? [], carers: facts.carers ?? null, ready: facts.ready });
}
