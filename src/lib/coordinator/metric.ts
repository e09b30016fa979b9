import type { Row } from '../engine/engine';
import type { SqlFragment } from '../engine/sql';
import type { Filters } from '../funnel/filters';
import type { FunnelSettings } from '../funnel/settings';
import type { CarersList } from '../ingest/carersList';

/** What every metric is asked with: the stage settings (they decide `journeys`) and the filters. */
export interface MetricParams {
  settings: FunnelSettings;
  filters?: Filters;
}

/** What a metric may know of the loaded data besides its tables. */
export interface DatasetFacts {
  /** The as-of date in force for the settings (ISO). */
  asOf: string;
  /** The export's own columns kept as attributes (equality fields, service…). */
  attributes: readonly string[];
  /** A carers list loaded alongside, if any. */
  carers: CarersList | null;
  /**
   * Whether a result of the spec named `name` has been worked out for the data
   * and `journeys` in force (the coordinator's record). Absent, as in a direct
   * run: everything is taken as ready.
   */
  ready?(name: string): boolean;
}

/** Runs SQL: the Engine, or the coordinator's cache in front of it. */
export interface QueryRunner {
  /** Rows of a query; `stop` may stop it (see Engine.query). */
  query<T = Row>(sql: string, stop?: AbortSignal): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

/** What a metric's `sql` and `shape` are given besides their parameters. */
export interface MetricContext extends DatasetFacts {
  /** Another metric's result (cached like any other). */
  use<Q extends MetricParams, S>(spec: MetricSpec<Q, S>, params: Q): Promise<S>;
  /** A follow-up query whose SQL depends on earlier rows (cached by its SQL). */
  query<T = Row>(sql: SqlFragment | string): Promise<T[]>;
}

/**
 * A metric family: the queries it needs, built from its parameters, and how
 * their rows become its result. Views never see SQL: they ask the coordinator
 * for a spec's result (`useMetric`), and the coordinator caches by query.
 */
export interface MetricSpec<P extends MetricParams, R> {
  /** Unique among specs; part of the cache key of the shaped result. */
  readonly name: string;
  /** What it works out, for a failure message: "Couldn't work out {what}." */
  readonly what: string;
  /** Statements that must have run first (e.g. a calendar table); each runs once per dataset. */
  prepare?(params: P, ctx: DatasetFacts): (SqlFragment | string)[];
  /** The queries, by name. */
  sql(params: P, ctx: DatasetFacts): Record<string, SqlFragment | string>;
  /** Turns the rows of each query into the result. */
  shape(rows: Record<string, Row[]>, params: P, ctx: MetricContext): R | Promise<R>;
}

/** The result type of a spec. */
export type MetricResult<S> = S extends MetricSpec<MetricParams, infer R> ? R : never;

/** A metric asked for with its parameters, the two checked together by `ask` (what a list of requests holds). */
export interface MetricRequest<R = unknown> {
  readonly spec: MetricSpec<never, R>;
  readonly params: MetricParams;
}

/** Pairs a spec with parameters of its own type. */
export function ask<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: P): MetricRequest<R> {
  return { spec, params };
}

/**
 * Runs a spec with no cache: its prepare statements, its queries one after
 * another (one connection), then its shape. The coordinator passes a caching
 * runner; Node tests pass the Engine itself.
 */
export async function runMetric<P extends MetricParams, R>(
  runner: QueryRunner, spec: MetricSpec<P, R>, params: P, facts: DatasetFacts,
  use: MetricContext['use'] = (other, p) => runMetric(runner, other, p, facts),
): Promise<R> {
  for (const statement of spec.prepare?.(params, facts) ?? []) await runner.exec(String(statement));
  const rows: Record<string, Row[]> = {};
  for (const [name, text] of Object.entries(spec.sql(params, facts))) rows[name] = await runner.query(String(text));
  const ctx: MetricContext = {
    ...facts,
    use,
    query: (text) => runner.query(String(text)),
  };
  return spec.shape(rows, params, ctx);
}
