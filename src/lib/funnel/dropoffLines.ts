/**
 * The Drop-off headline's comparisons with the period before, in the
 * Overview's words: a rise or fall is named only when its 95% interval
 * leaves out no change; otherwise "no clear change".
 */
import { fmtInt, fmtPct } from '../format';
import type { ComparisonWindows } from './change';
import type { ExitWindowCounts } from './exitWindowCounts';
import type { Filters } from './filters';
import { countLine, rateLine, windowsLabel, type CompareLine } from './headline';

/** The window on show in a few words: "Last 12 months", "2023-24", "1 Jan 2024 to 30 Jun 2024". */
export function windowName(w: ComparisonWindows, filters: Filters = {}): string {
  return !filters.from && !filters.to ? 'Last 12 months' : windowsLabel(w, filters).split(' compared with ')[0];
}

/** People who left in each window (period counts, exact Poisson-ratio interval). */
export function leftLine(now: ExitWindowCounts, before: ExitWindowCounts): CompareLine {
  return countLine(now.left, before.left, 'left');
}

/** Steps from the stage decided in a window: those who left there plus those who moved on. */
export const decidedAtStage = (c: ExitWindowCounts) => c.leftAtStage + c.movedOnFromStage;

/**
 * The share who left at the stage among the steps from it decided in each
 * window (left there, or moved on), compared by Newcombe's interval for a
 * difference in rates; undefined when either window decided none.
 */
export function stageShareLine(now: ExitWindowCounts, before: ExitWindowCounts): CompareLine | undefined {
  const [n1, n0] = [decidedAtStage(now), decidedAtStage(before)];
  if (!n1 || !n0) return undefined;
  return rateLine(now.leftAtStage, n1, before.leftAtStage, n0, (rate) => `${fmtPct(rate)} of the ${fmtInt(n1)} decided there left`);
}

/**
 * Enquiries open on the last day of each window. The two counts share many
 * of the same people, so the Poisson-ratio interval, which treats them as
 * independent, is wider than need be: it errs towards "no clear change".
 */
export function openLine(now: ExitWindowCounts, before: ExitWindowCounts): CompareLine {
  return countLine(now.openAtEnd, before.openAtEnd, 'open');
}
