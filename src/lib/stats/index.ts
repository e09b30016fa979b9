/** Public API of the statistics layer: pure functions, no DOM, no database. */

export { wilson, type RateInterval } from './wilson';
export { Z_95, Z_998 } from './zValues';
export {
  fisherExact,
  smallestAttainablePValue,
  compareRates,
  type RateComparison,
  type RateVerdict,
  type CompareOptions,
} from './fisher';
export { quantile, median, quartiles, type Quartiles } from './quantiles';
export {
  aalenJohansen,
  aalenJohansenCounts,
  type TimeCounts,
  incidenceAt,
  stateAt,
  type Outcome,
  type Observation,
  type IncidencePoint,
  type CurveState,
} from './aalenJohansen';
export {
  isBankHoliday,
  bankHolidays,
  isWorkingDay,
  workingDaysBetween,
  addWorkingDays,
} from './workingDays';
export { easterSunday } from './easter';
export type { IsoDate } from './isoDate';
export {
  controlLimits,
  funnelLimits,
  classifyFunnel,
  type ControlLimits,
  type FunnelClass,
} from './funnelPlot';
export {
  suppress,
  suppressRate,
  isSuppressed,
  SUPPRESSED,
  SUPPRESSION_THRESHOLD,
} from './disclosure';
