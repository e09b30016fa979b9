import type { ChannelRow } from '../funnel/campaigns';
import { costPerApproval, type CostPerApproval } from '../funnel/costPerApproval';
import { BLANK } from '../funnel/filters';
import { fmtInt, fmtList, fmtMoney, fmtPIs, fmtPct } from '../format';
import { fisherExact } from '../stats/fisher';
import { rate } from '../stats/rate';
import { MIN_N_TO_COMPARE, SIGNIFICANCE_LEVEL } from '../thresholds';
import type { FieldAssessment } from '../funnel/equality';
import { withServiceSteps } from './services';

const plural = (n: number, one: string, many = one + 's') => `${fmtInt(n)} ${n === 1 ? one : many}`;

/**
 * "£1,033 per approval (95% interval £654–£1,743; 18 approvals)", or the spend
 * with none yet; `short` drops the words a sentence has already said.
 */
export function costText(c: CostPerApproval, short = false): string {
  if (c.value === null) return `no approvals yet from ${fmtMoney(c.spend)} (at least ${fmtMoney(c.low)} per approval${short ? '' : ', 95% interval'})`;
  return short
    ? `${fmtMoney(c.value)} (${fmtMoney(c.low)}–${fmtMoney(c.high)}; ${plural(c.approvals, 'approval')})`
    : `${fmtMoney(c.value)} per approval (95% interval ${fmtMoney(c.low)}–${fmtMoney(c.high)}; ${plural(c.approvals, 'approval')})`;
}

interface Ranked { name: string; cost: CostPerApproval }

/**
 * The Campaigns view's finding on value for money: the campaign with the lowest
 * cost per approval against the dearest one whose interval lies clear above
 * it, the intervals widened to hold for every campaign at once (Bonferroni: 95%
 * together for k campaigns is 1 − 5%/k each), so that more campaigns do not
 * mean more chances to name one by luck. When every widened interval overlaps
 * the cheapest one it says they can't be ranked, rather than ranking on noise.
 * Only named campaigns with spend take part. Null when no campaign has spend
 * (see conversionFinding). The 95% intervals are the ones said.
 */
export function valueFinding(rows: ChannelRow[]): string | null {
  const costed: Ranked[] = rows
    .filter((r) => r.name !== BLANK)
    .map((r) => ({ name: r.name, cost: costPerApproval(r.spend, r.approvals) }))
    .filter((x): x is Ranked => x.cost !== null);
  if (!costed.length) return null;
  const withApprovals = costed.filter((x) => x.cost.value !== null).sort((a, b) => a.cost.value! - b.cost.value!);
  if (!withApprovals.length) {
    return `None of the ${plural(costed.length, 'campaign')} with spend has led to an approval yet, so cost per approval cannot be compared.`;
  }
  const best = withApprovals[0];
  if (costed.length === 1) return `${best.name} is the only campaign with spend: ${costText(best.cost)}.`;
  const together = 1 - (1 - 0.95) / costed.length;
  const widened = (x: Ranked, more = 0) => costPerApproval(x.cost.spend, x.cost.approvals + more, together)!;
  // Dearer only if it stays so with the most its open enquiries are expected to bring (the top of their range):
  // a campaign whose enquiries are recent has approvals still to come, and is not named the worst for that.
  const pending = (x: Ranked) => rows.find((r) => r.name === x.name)?.expectedApprovals.high ?? 0;
  const clear = costed.filter((x) => x !== best && widened(x, pending(x)).low > widened(best).high!);
  // Clear of the best on approvals so far, but not with those its open enquiries may bring: dearer for now, not the worst.
  const heldBack = costed.filter((x) => x !== best && !clear.includes(x) && widened(x).low > widened(best).high!);
  const pendingNote = heldBack.length
    ? ` ${fmtList(heldBack.map((x) => x.name))} ${heldBack.length === 1 ? 'costs' : 'cost'} more so far, but ${heldBack.length === 1 ? 'its' : 'their'} open enquiries may bring up to ${plural(heldBack.reduce((n, x) => n + pending(x), 0), 'more approval')}, so ${heldBack.length === 1 ? 'it is' : 'they are'} not called dearer yet.`
    : '';
  const rank = (x: Ranked) => x.cost.value ?? Infinity;
  if (!clear.length) {
    const dearest = [...costed].sort((a, b) => rank(b) - rank(a) || b.cost.low - a.cost.low)[0];
    const why = heldBack.length === costed.length - 1 ? 'not yet' : `their intervals overlap, allowing for the ${fmtInt(costed.length)} compared`;
    return `The ${plural(costed.length, 'campaign')} with spend can't be ranked by cost per approval: ${why} `
      + `(lowest, ${best.name}: ${costText(best.cost)}; highest, ${dearest.name}: ${costText(dearest.cost, true)}).${pendingNote}`;
  }
  const worst = clear.sort((a, b) => rank(b) - rank(a) || b.cost.low - a.cost.low)[0];
  const others = costed.length - 2 - heldBack.length;
  return `Best value: ${best.name}, ${costText(best.cost)}. Worst: ${worst.name}, ${costText(worst.cost, true)}; the intervals do not overlap, even allowing for the ${fmtInt(costed.length)} campaigns compared.`
    + (others > 0 ? ` The other ${plural(others, 'campaign')} with spend can't be ranked: ${others === 1 ? 'its interval overlaps' : 'their intervals overlap'} one of these.` : '')
    + pendingNote;
}

/**
 * Without spend: which campaign, source or service converts enquiries to
 * approvals best and worst (among those of at least MIN_N_TO_COMPARE decided
 * enquiries), named only when Fisher's exact test of the two holds after
 * allowing for every pair that could have been picked (Bonferroni over
 * k(k−1)/2 pairs): with 15 services and no real difference, an unadjusted rule
 * named a "lowest" in about one load in four. The conversion is of decided
 * enquiries (approved, or left): those still open may yet be approved, and
 * counting them as not approved would name the group with the most recent
 * enquiries the lowest (a hub's newest member service, a campaign just run).
 * With only one, what it converts, unranked.
 */
export function conversionFinding(rows: ChannelRow[], noun: 'campaign' | 'source' | 'service'): string {
  const decided = (r: ChannelRow) => r.enquiries - r.openNow;
  const conversion = new Map(rows.map((r) => [r, rate(r.approvals, decided(r))]));
  const of = (r: ChannelRow) => conversion.get(r)!;
  const named = rows.filter((r) => r.name !== BLANK && r.enquiries > 0);
  const blank = rows.find((r) => r.name === BLANK);
  const blankNote = blank ? ` ${plural(blank.enquiries, 'enquiry', 'enquiries')} have no ${noun} recorded.` : '';
  if (!named.length) return `No enquiry has a ${noun} recorded, so ${noun}s cannot be compared.${blankNote}`;
  const open = named.reduce((n, r) => n + r.openNow, 0);
  const openNote = open ? ` Decided: approved or left; the ${plural(open, 'enquiry', 'enquiries')} still open ${open === 1 ? 'is' : 'are'} left out, as ${open === 1 ? 'it' : 'they'} may yet be approved.` : '';
  const say = (r: ChannelRow) => of(r).rate === null
    ? `${r.name}, no enquiry decided yet (${plural(r.openNow, 'enquiry', 'enquiries')} still open)`
    : `${r.name}, ${fmtPct(of(r).rate)} of ${plural(of(r).n, open ? 'decided enquiry' : 'enquiry', open ? 'decided enquiries' : 'enquiries')} approved (95% interval ${fmtPct(of(r).low)}–${fmtPct(of(r).high)})`;
  if (named.every((r) => decided(r) === 0)) {
    return `No ${noun} has a decided enquiry yet: all ${plural(open, 'enquiry', 'enquiries')} with a ${noun} recorded ${open === 1 ? 'is' : 'are'} still open, so none can be ranked by conversion.${blankNote}`;
  }
  const sorted = [...named].sort((a, b) => (of(b).rate ?? -1) - (of(a).rate ?? -1));
  const best = sorted[0];
  // One (a filter on it, say): nothing to rank, and no "too few approvals" about it.
  if (named.length === 1) return `Only one ${noun} has enquiries here: ${say(best)}. There is nothing to rank it against.${openNote}${blankNote}`;
  const judged = sorted.filter((r) => of(r).n >= MIN_N_TO_COMPARE);
  const [top, bottom] = [judged[0], judged[judged.length - 1]];
  const pairs = (named.length * (named.length - 1)) / 2;
  const p = top && bottom && top !== bottom
    ? Math.min(1, pairs * fisherExact(top.approvals, decided(top) - top.approvals, bottom.approvals, decided(bottom) - bottom.approvals))
    : 1;
  const allowing = pairs > 1 ? `allowing for the ${fmtInt(pairs)} pairs among the ${plural(named.length, noun)}` : '';
  if (!(p < SIGNIFICANCE_LEVEL) || of(top).rate === of(bottom).rate) {
    return `The ${plural(named.length, noun)} can't be ranked by conversion: no gap between them is clear of chance${allowing ? `, ${allowing}` : ''} (highest: ${say(best)}).${openNote}${blankNote}`;
  }
  return `Highest conversion: ${say(top)}. Lowest: ${say(bottom)}; the gap is clear of chance (${fmtPIs(p, pairs > 1 ? 'adjusted p' : 'p')}${allowing ? `, ${allowing}` : ''}).${openNote}${blankNote}`;
}

/** A campaign, source or service as sentences and tables name it: "No campaign recorded" for the blank one. */
export const channelLabel = (by: 'campaign' | 'source' | 'service') => (name: string) => (name === BLANK ? `No ${by} recorded` : name);

/** Why no cost is set against a range of enquiry dates (campaigns.ts works none out under a date filter). */
export const DATED_COSTS = 'Spend carries no dates, so costs are not set against a range of enquiry dates: clear the dates to compare cost per approval.';

/**
 * The Campaigns view's finding, which the report prints too: value for money
 * when spend is known, else conversion, with what to do to compare costs;
 * by service, with where a service falls behind step by step (`services`,
 * and its sentence `servicesText`).
 */
export function campaignsFinding(
  rows: ChannelRow[], by: 'campaign' | 'source' | 'service', o: { dated: boolean; services: FieldAssessment | null; servicesText: string },
): string {
  const value = by === 'campaign' && rows.some((r) => r.spend !== null) ? valueFinding(rows) : null;
  if (value) return value;
  const hint = o.dated && by === 'campaign' ? ` ${DATED_COSTS}` : by === 'campaign' ? ' Add each campaign\'s spend (below the table) to compare cost per approval.' : '';
  return withServiceSteps(conversionFinding(rows, by) + hint, o.services, o.servicesText);
}

