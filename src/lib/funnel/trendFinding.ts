import { countChange, type CountChange } from '../stats/countChange';
import { fmtChange, fmtInt, fmtList } from '../format';
import { splitApprovalsChange } from './change';
import type { WindowCounts } from './windowCounts';

const WHAT = { enquiries: 'Enquiries received', applications: 'Applications received', approvals: 'Approvals made' } as const;
type Measure = keyof typeof WHAT;

/**
 * The Trends view's finding: what changed between the latest period and the
 * one before (same span), naming a rise or fall only when its 95% interval
 * leaves out no change, the biggest such change first; otherwise it says the
 * counts moved within normal variation. A fall in approvals is split into
 * fewer enquiries and fewer approvals per enquiry. `filling`: the earlier
 * window's applications and approvals are undercounted (its pipeline was still
 * filling), so only enquiries are compared, and it says why.
 */
export function trendFinding(now: WindowCounts, before: WindowCounts, nowLabel: string, beforeLabel: string, hasApplications = true, filling = false): string {
  if (filling) return compareMeasures(now, before, nowLabel, beforeLabel, ['enquiries'])
    + ` ${hasApplications ? 'Applications and approvals are' : 'Approvals are'} not compared: some of those in ${beforeLabel} came from enquiries made before the data begin, which the data don't hold.`;
  return compareMeasures(now, before, nowLabel, beforeLabel, hasApplications ? ['enquiries', 'applications', 'approvals'] : ['enquiries', 'approvals']);
}

/**
 * Under an enquiry date filter the finding's counts are period counts (all
 * that happened in those dates, whoever enquired when): said beside it, as the
 * tables under it follow only those who enquired in the chosen dates.
 */
export const DATED_TREND_NOTE = 'These are period counts: everything received or made in those dates, whenever the people enquired; the tables below follow only those who enquired in the chosen dates.';

function compareMeasures(now: WindowCounts, before: WindowCounts, nowLabel: string, beforeLabel: string, measures: Measure[]): string {
  const changes = measures.map((m) => ({ m, c: countChange(now[m], before[m]) }));
  const size = (c: CountChange) => (c.ratio === null || c.ratio === 0 || !Number.isFinite(c.ratio) ? Infinity : Math.abs(Math.log(c.ratio)));
  const real = changes.filter((x) => x.c.verdict === 'up' || x.c.verdict === 'down').sort((a, b) => size(b.c) - size(a.c));
  if (!real.length) {
    const list = changes.map(({ m }) => `${m} ${fmtInt(now[m])} against ${fmtInt(before[m])}`);
    const all = list.length > 1 ? `${fmtList(list)}; all` : `${list[0]};`;
    return `${nowLabel} against ${beforeLabel}: ${all} within normal variation (no change beyond what chance gives).`;
  }
  const sentence = ({ m, c }: { m: Measure; c: CountChange }) => {
    const range = `95% interval ${fmtChange(c.low)} to ${c.high === Infinity ? 'no upper limit' : fmtChange(c.high)}`;
    return `${WHAT[m]} ${c.verdict === 'up' ? 'rose' : 'fell'} from ${fmtInt(before[m])} to ${fmtInt(now[m])} (${before[m] ? fmtChange(c.ratio) : 'from none'}; ${range})`;
  };
  const [first, ...rest] = real;
  let text = `${nowLabel} against ${beforeLabel}: ${sentence(first)}`;
  if (rest.length) text += `; ${rest.map((x) => sentence(x).replace(/^\w/, (ch) => ch.toLowerCase())).join('; ')}`;
  text += '.';
  const fell = real.find((x) => x.m === 'approvals' && x.c.verdict === 'down');
  const split = fell ? splitApprovalsChange(before, now) : null;
  if (split) {
    // Whole people, and the two parts still add up to the change.
    const e = Math.sign(split.fromEnquiries) * Math.round(Math.abs(split.fromEnquiries));
    const c = split.change - e;
    text += ` Of the ${fmtInt(-split.change)} fewer approvals, about ${fmtInt(Math.abs(e))} ${e <= 0 ? 'come from fewer enquiries' : 'were offset by more enquiries'} and ${fmtInt(Math.abs(c))} ${c <= 0 ? 'from fewer approvals per enquiry' : 'were offset by more approvals per enquiry'}.`;
  }
  const quiet = changes.filter((x) => !real.includes(x));
  if (quiet.length) text += ` ${quiet.map(({ m }, i) => (i ? WHAT[m].toLowerCase() : WHAT[m])).join(' and ')}: within normal variation.`;
  return text;
}
