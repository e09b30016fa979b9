import { countChange, type CountChange } from '../stats/countChange';
import { fmtChange, fmtInt, fmtList } from '../format';
import { describeApprovalsSplit, splitApprovalsChange } from './change';
import type { WindowCounts } from './windowCounts';

const WHAT = { enquiries: 'Enquiries received', applications: 'Applications received', approvals: 'Approvals made' } as const;
type Measure = keyof typeof WHAT;

/**
 * The Trends view's finding: what changed between the latest period and the
 * one before, naming a rise or fall only when its interval leaves out no
 * change, the intervals widened to hold for every measure compared at once
 * (Bonferroni: with three measures each 98.3%, so that comparing three does
 * not mean three chances to name one by luck), the biggest change first;
 * otherwise it says the counts show no clear change. Windows of different
 * lengths (March against February) are compared per day (`days`: the two
 * windows' lengths). A fall in approvals is split into the part that goes
 * with fewer enquiries and the rest. `filling`: the earlier window's
 * applications and approvals are undercounted (its pipeline was still
 * filling), so only enquiries are compared, and it says why.
 */
export function trendFinding(now: WindowCounts, before: WindowCounts, nowLabel: string, beforeLabel: string, hasApplications = true, filling = false, days?: readonly [number, number]): string {
  if (filling) return compareMeasures(now, before, nowLabel, beforeLabel, ['enquiries'], days)
    + ` ${hasApplications ? 'Applications and approvals are' : 'Approvals are'} not compared: some of those in ${beforeLabel} came from enquiries made before the data begin, which the data don't hold.`;
  return compareMeasures(now, before, nowLabel, beforeLabel, hasApplications ? ['enquiries', 'applications', 'approvals'] : ['enquiries', 'approvals'], days);
}

/**
 * Under an enquiry date filter the finding's counts are period counts (all
 * that happened in those dates, whoever enquired when): said beside it, as the
 * tables under it follow only those who enquired in the chosen dates.
 */
export const DATED_TREND_NOTE = 'These are period counts: everything received or made in those dates, whenever the people enquired; the tables below follow only those who enquired in the chosen dates.';

/** An interval's ends as a change ("−44% to −30%"), or that it runs from none to any. */
const rangeText = (c: CountChange) => `${fmtChange(c.low)} to ${c.high === Infinity ? 'no upper limit' : fmtChange(c.high)}`;

/** An interval whose ends are more than fourfold apart (3 against 9: −94% to +34%) says the counts are too few to tell a change. */
const tooWide = (c: CountChange) => c.low !== null && c.high !== null && (c.low === 0 || c.high / c.low > 4);

function compareMeasures(now: WindowCounts, before: WindowCounts, nowLabel: string, beforeLabel: string, measures: Measure[], days?: readonly [number, number]): string {
  const level = 1 - 0.05 / measures.length;
  // Per day only where the lengths differ by more than a leap day does to a year (a month against February, quarters of 90 and 92 days).
  const exposure = days && Math.abs(days[0] / days[1] - 1) > 0.01 ? days[0] / days[1] : 1;
  const changes = measures.map((m) => ({ m, c: countChange(now[m], before[m], level, exposure) }));
  const size = (c: CountChange) => (c.ratio === null || c.ratio === 0 || !Number.isFinite(c.ratio) ? Infinity : Math.abs(Math.log(c.ratio)));
  const real = changes.filter((x) => x.c.verdict === 'up' || x.c.verdict === 'down').sort((a, b) => size(b.c) - size(a.c));
  const allowing = measures.length > 1 ? `, allowing for the ${measures.length} measures` : '';
  const perDay = exposure !== 1 ? ` Compared per day: ${fmtInt(days![0])} days against ${fmtInt(days![1])}.` : '';
  /** The measures with no clear change, those whose interval is too wide to tell with it. */
  const unclear = (list: { m: Measure; c: CountChange }[]) => {
    const wide = list.filter((x) => tooWide(x.c));
    return wide.length ? ` Too few to tell for ${fmtList(wide.map(({ m, c }) => `${m} (95% interval ${rangeText(c)}${allowing})`))}.` : '';
  };
  if (!real.length) {
    const list = changes.map(({ m }) => `${m} ${fmtInt(now[m])} against ${fmtInt(before[m])}`);
    const all = list.length > 1 ? `${fmtList(list)}; no clear change in any` : `${list[0]}; no clear change`;
    return `${nowLabel} against ${beforeLabel}: ${all} (a difference this size could be chance).${unclear(changes)}${perDay}`;
  }
  // Per day, the counts themselves may move the other way (3,000 in 28 days against 3,050 in 31): said with their days.
  const fromTo = (m: Measure) => (exposure !== 1
    ? `per day, from ${fmtInt(before[m])} in ${fmtInt(days![1])} days to ${fmtInt(now[m])} in ${fmtInt(days![0])}`
    : `from ${fmtInt(before[m])} to ${fmtInt(now[m])}`);
  const sentence = ({ m, c }: { m: Measure; c: CountChange }) =>
    `${WHAT[m]} ${c.verdict === 'up' ? 'rose' : 'fell'} ${fromTo(m)} (${before[m] ? fmtChange(c.ratio) : 'from none'}${exposure !== 1 ? ' per day' : ''}; 95% interval ${rangeText(c)}${allowing})`;
  const [first, ...rest] = real;
  let text = `${nowLabel} against ${beforeLabel}: ${sentence(first)}`;
  if (rest.length) text += `; ${rest.map((x) => sentence(x).replace(/^\w/, (ch) => ch.toLowerCase())).join('; ')}`;
  text += '.';
  const fell = real.find((x) => x.m === 'approvals' && x.c.verdict === 'down');
  const split = fell ? splitApprovalsChange(before, now) : null;
  if (split && split.change < 0) text += ` ${describeApprovalsSplit(split)}`;
  const quiet = changes.filter((x) => !real.includes(x));
  if (quiet.length) text += ` ${quiet.map(({ m }, i) => (i ? WHAT[m].toLowerCase() : WHAT[m])).join(' and ')}: no clear change.${unclear(quiet)}`;
  return text + perDay;
}
