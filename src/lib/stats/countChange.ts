import { clopperPearson } from './clopperPearson';
import { changeVerdict, type ChangeVerdict } from './newcombe';

/**
 * The change in a count between two periods of equal length ("enquiries this year
 * against last year"), treating each as a Poisson count. The exact interval for the
 * ratio of their rates is conditional: given the total x1 + x2, x1 is binomial with
 * chance ratio / (1 + ratio), so the Clopper-Pearson interval for x1 / (x1 + x2),
 * turned back into a ratio, covers it at least 95% of the time (R's
 * poisson.test(c(x1, x2))). A change is called only when the interval excludes 1.
 */

export interface CountChange {
  current: number;
  previous: number;
  /** current / previous; Infinity when previous is 0, null when both are 0. */
  ratio: number | null;
  /** 95% interval for the ratio of the underlying rates (high is Infinity when previous is 0). */
  low: number | null;
  high: number | null;
  verdict: ChangeVerdict;
}

/**
 * A count this period against the previous period's, with an exact ratio
 * interval at `level`. `exposure` is the current period's length over the
 * previous one's (March's 31 days against February's 28): the ratio is then of
 * the counts per day, and, given the total, the current count is binomial with
 * chance ratio·exposure / (1 + ratio·exposure). Equal periods by default.
 */
export function countChange(current: number, previous: number, level = 0.95, exposure = 1): CountChange {
  for (const [name, value] of [['current', current], ['previous', previous]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0: ${value}`);
  }
  if (!(exposure > 0 && Number.isFinite(exposure))) throw new RangeError(`exposure must be a positive number: ${exposure}`);
  const total = current + previous;
  if (total === 0) return { current, previous, ratio: null, low: null, high: null, verdict: 'no data' };
  const share = clopperPearson(current, total, level);
  const toRatio = (p: number) => (p >= 1 ? Infinity : p / (1 - p) / exposure);
  const interval = { low: toRatio(share.low), high: toRatio(share.high) };
  return {
    current,
    previous,
    ratio: previous === 0 ? Infinity : current / previous / exposure,
    ...interval,
    verdict: changeVerdict(interval, 1),
  };
}
