import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { CUBES, cubesSql } from './cube';
import { timelinessCubeSql } from './timing';
import { windowCubesSql } from './windowCounts';

/**
 * Writes the summaries a campaign or source filter, or none, is answered from
 * (cube.ts), ahead of need: for big data whenever `journeys` is built (the
 * coordinator's `summaries`, set by the loader: a load's last step, or after
 * new stage settings), so the first view and the first filter read them;
 * and first in every prefetch, for smaller data or in case writing them
 * failed. Its result is nothing; its work is its prepare statements.
 */
export const cubesMetric: MetricSpec<MetricParams, null> = {
  name: CUBES,
  what: 'the summaries for filtering',
  prepare: ({ settings }, { asOf }) => [...cubesSql(settings), ...timelinessCubeSql(settings, asOf), ...windowCubesSql(settings)],
  sql: () => ({}),
  shape: () => null,
};
