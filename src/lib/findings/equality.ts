import { fmtInt, fmtPct } from '../format';
import type { EqualityResult, EqualityStep } from '../funnel/equality';

/** One group × step the Equality view reports, with its field and the size of the field's family. */
export interface EqualityHit {
  column: string;
  dimension: string;
  group: string;
  stage: string;
  c: EqualityStep;
  /** Comparisons allowed for in the field. */
  comparisons: number;
}

/**
 * The groups behind after adjustment (largest gap first), and those below the
 * rest before adjustment only ("worth watching", never headline material).
 */
export function equalityHits(results: readonly EqualityResult[]): { behind: EqualityHit[]; watch: EqualityHit[] } {
  const all = results.flatMap((r) => r.groups.flatMap((g) => g.steps.map((c) => ({
    column: r.column, dimension: r.dimension, group: g.group, stage: c.stage, c, comparisons: r.comparisons,
  }))));
  const gap = (h: EqualityHit) => gapOf(h.c);
  return {
    behind: all.filter((h) => h.c.verdict === 'lower').sort((a, b) => gap(a) - gap(b)),
    watch: all.filter((h) => h.c.watch).sort((a, b) => gap(a) - gap(b)),
  };
}

/**
 * How far a group is from the rest at a step: within a hub's services, its
 * successes' shortfall from what the rest's rates in the same services would
 * give, per person compared there (the rates of all services together can
 * point the other way); otherwise the difference of the rates.
 */
function gapOf(c: EqualityStep): number {
  return c.within ? (c.within.n ? (c.within.observed - c.within.expected) / c.within.n : 0) : (c.difference ?? 0);
}

/** A group's rate at a step against the rest's, as the comparison made it: within the services, or across everyone. */
function describeStep(c: EqualityStep): string {
  if (c.within) {
    const { observed, expected, n } = c.within;
    return `${fmtPct(observed / n)} of ${fmtInt(n)} where everyone else's rates in the same services would give ${fmtPct(expected / n)}`;
  }
  return `${fmtPct(c.a.rate)} of ${fmtInt(c.a.n)} against ${fmtPct(c.b.rate)} for everyone else`;
}

/**
 * The line a table cell adds under a verdict made within a hub's services
 * (behind, ahead or worth watching): what it rests on, since the cell's rate
 * is all services' together. Null where there is none to explain.
 */
export function withinCellText(c: EqualityStep): string | null {
  if (!c.within || !(c.within.n > 0) || !(c.verdict === 'lower' || c.verdict === 'higher' || c.watch)) return null;
  const { observed, expected, n } = c.within;
  return `within services: ${fmtPct(observed / n)} of ${fmtInt(n)} where others' rates give ${fmtPct(expected / n)}`;
}

const plural = (n: number, one: string, many: string) => `${fmtInt(n)} ${n === 1 ? one : many}`;

/**
 * The Equality view's headline: the groups behind after allowing for every
 * comparison made, or that none is, with how many comparisons were allowed for.
 * Differences that hold only before adjustment are never named here.
 */
export function equalityFinding(results: readonly EqualityResult[], stepName: (stage: string) => string, label: (group: string) => string): string {
  if (!results.length) return 'No equality fields were found in the export, so no group can be compared.';
  const total = results.reduce((n, r) => n + r.comparisons, 0);
  const fields = results.filter((r) => r.comparisons > 0).length;
  if (!total) return 'Each equality field has a single group under these filters, so there is nothing to compare.';
  const { behind, watch } = equalityHits(results);
  if (!behind.length) {
    const watching = watch.length ? ` ${plural(watch.length, 'difference is', 'differences are')} worth watching but not conclusive.` : '';
    return `No group falls behind the rest at any step once the ${plural(total, 'comparison', 'comparisons')} made across ${plural(fields, 'field', 'fields')} are allowed for.${watching}`;
  }
  const described = behind.slice(0, 2).map((h) =>
    `${label(h.group)} (${h.dimension.toLowerCase()}) at ${stepName(h.stage).toLowerCase()}: ${describeStep(h.c)}`);
  const more = behind.length > 2 ? `, and ${plural(behind.length - 2, 'more', 'more')}` : '';
  // One family for the whole view (assessFields): the count allowed for is the view's, whichever fields the groups are in.
  return `${behind.length === 1 ? 'One group falls' : `${fmtInt(behind.length)} groups fall`} behind after allowing for the ${plural(total, 'comparison', 'comparisons')} made across ${plural(fields, 'field', 'fields')}: ${described.join('; ')}${more}.`;
}
