import { fmtInt, fmtPct } from '../format';
import type { FieldAssessment } from '../funnel/equality';
import { equalityHits } from './equality';

const plural = (n: number, one: string, many: string) => `${fmtInt(n)} ${n === 1 ? one : many}`;

/**
 * What the step-by-step comparison says: the services behind the others
 * at a step after allowing for every comparison (largest gap first), or
 * that none is. Differences that hold only before adjustment are counted,
 * never named.
 */
export function servicesStepFinding(result: FieldAssessment, stepName: (stage: string) => string, label: (group: string) => string): string {
  if (!result.comparisons) return 'The services are too small at every step to compare them step by step.';
  const { behind, watch } = equalityHits([{ ...result, pooled: null, unrecorded: [] }]);
  const allowed = `the ${plural(result.comparisons, 'comparison', 'comparisons')} of services and steps`;
  if (!behind.length) {
    const watching = watch.length ? ` ${plural(watch.length, 'difference is', 'differences are')} worth watching but not conclusive.` : '';
    return `Step by step, no service falls behind the others once ${allowed} are allowed for.${watching}`;
  }
  const described = behind.slice(0, 2).map((h) =>
    `${label(h.group)} at ${stepName(h.stage).toLowerCase()}: ${fmtPct(h.c.a.rate)} of ${fmtInt(h.c.a.n)} went on, against ${fmtPct(h.c.b.rate)} of ${fmtInt(h.c.b.n)} in the other services`);
  const more = behind.length > 2 ? `; and ${plural(behind.length - 2, 'more', 'more')} in the table below` : '';
  const services = new Set(behind.map((h) => h.group)).size;
  const who = services === 1 ? `One service falls behind the others at ${behind.length === 1 ? 'one step' : `${fmtInt(behind.length)} steps`}` : `${fmtInt(services)} services fall behind the others`;
  return `${who}, after allowing for ${allowed}: ${described.join('; ')}${more}.`;
}

/**
 * Campaigns' finding by service with the step-by-step comparison's: a service
 * behind at a step is the answer, so it leads; otherwise it follows.
 */
export function withServiceSteps(finding: string, steps: FieldAssessment | null, stepsFinding: string): string {
  if (!steps || !stepsFinding) return finding;
  return steps.groups.some((g) => g.behindAt.length) ? `${stepsFinding} ${finding}` : `${finding} ${stepsFinding}`;
}
