import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { CUBES, cubesSql } from './cube';
import { timelinessCubeSql } from './timing';
import { windowCubesSql } from './windowCounts';

/**
 * Writes the summaries a campaign or source filter is answered from (cube.ts),
 * ahead of need: prefetched as soon as a load is drawn (AppState.prefetchAfterLoad),
 * so filters soon find them written. Its result is nothing; its work is its prepare statements.
 */
export const cubesMetric: MetricSpec<MetricParams, null> = {
  name: CUBES,
  what: 'the summaries for filtering',
  prepare: ({ settings }, { asOf }) => [...cubesSql(settings), ...timelinessCubeSql(settings, asOf), ...windowCubesSql(settings)],
  sql: () => ({}),
  shape: () => null,
};
