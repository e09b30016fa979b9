import { fmtDate } from '../format';
import type { Plan } from './plan';

const whole = (x: number) => Math.round(x).toLocaleString('en-GB');
const perMonth = (x: number) => (x < 10 ? x.toFixed(1) : whole(x));
const households = (n: number) => `${whole(n)} approval${Math.round(n) === 1 ? '' : 's'}`;

/** The sentence that answers the target: enquiries needed a month, and whether the current rate gets there. */
export function planFinding(plan: Plan): string {
  const by = fmtDate(plan.by);
  const from = fmtDate(plan.asOf);
  const cur = plan.atCurrentRate;
  const current = `At your current ${perMonth(plan.currentPerMonth)} enquiries a month you would expect ${households(cur.value)} by ${by} (${whole(cur.low)}–${whole(cur.high)})`;
  const gap = Math.round(plan.shortfall);
  // A target inside the range is no shortfall or surplus: chance decides it.
  const within = plan.approvalsTarget >= cur.low && plan.approvalsTarget <= cur.high;
  const verdict = within
    ? `the ${households(plan.approvalsTarget)} ${plan.losses ? 'needed are' : 'of the target are'} within that range, so ${plan.losses ? 'they' : 'the target'} could be reached or missed`
    : gap > 0 ? `${whole(gap)} short of the ${plan.losses ? 'approvals needed' : 'target'}` : gap < 0 ? `${whole(-gap)} more than ${plan.losses ? 'needed' : 'the target'}` : `about ${plan.losses ? 'what is needed' : 'the target'}`;
  if (plan.needed === null) {
    return `${households(plan.approvalsTarget)} by ${by} cannot come from new enquiries: people who enquire after ${from} are very rarely approved that soon. The enquiries already open are expected to bring ${households(plan.pipeline.value)} (${whole(plan.pipeline.low)}–${whole(plan.pipeline.high)}).`;
  }
  if (plan.needed.value === 0) {
    return `The enquiries already open are expected to bring ${households(plan.pipeline.value)} by ${by} (${whole(plan.pipeline.low)}–${whole(plan.pipeline.high)}), enough for the ${whole(plan.approvalsTarget)} approvals the target needs without new enquiries. ${current}.`;
  }
  const n = plan.needed;
  const need = `you need about ${perMonth(n.value)} enquiries a month from ${from} (${perMonth(n.low)}–${perMonth(n.high)})`;
  if (!plan.losses) return `To approve ${whole(plan.target)} households by ${by} ${need}. ${current}: ${verdict}.`;
  const l = plan.losses;
  const aim = plan.target === 0 ? `To keep as many households as you have now by ${by}` : `To add ${whole(plan.target)} households net by ${by}`;
  return `${aim} you need about ${whole(plan.approvalsTarget)} approvals, as about ${whole(l.existing)} of your ${whole(l.households)} current carers and some new ones are expected to leave by then, so ${need}. ${current}: ${verdict}.`;
}
