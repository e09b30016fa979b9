/**
 * Reference campaign table figures with spend, and the exact interval of cost
 * per approval, from the README's definitions ("Campaign cost sheet",
 * "Campaigns and sources", "Cost per approval"):
 * - a cost sheet's campaign names are matched to the export's with case,
 *   spacing and punctuation folded; a name matching none is shown as a
 *   campaign that brought no enquiries; spend typed in wins over the sheet;
 * - spend carries no dates: under an enquiry-date filter there is no spend;
 * - per campaign ("(blank)" when none recorded): enquiries, applications
 *   (reached the application stage), approvals, still open, the three
 *   conversions (Wilson), the median days from enquiry to approval (forward
 *   intervals only), and cost per enquiry, application and approval;
 * - cost per approval: spend / approvals, its 95% interval spend over the
 *   exact (Garwood) Poisson interval of the approvals, "too few to say"
 *   under 5 approvals, and with none the lower end alone.
 * The Poisson interval is found here by bisection on the Poisson
 * distribution's own sums, not from the gamma function the app uses.
 */
import { days, median, NONE, passes, type RefFilters, type RefJourney, type RefStageSetting } from './exports';

/** A name with case, spacing and punctuation folded. */
export const foldName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export interface RefCostLine {
  campaign: string;
  spend: number;
}

export interface RefCampaignRow {
  name: string;
  enquiries: number;
  applications: number;
  approvals: number;
  openNow: number;
  /** [successes, n] of each conversion; n = 0 without a visible application stage for the two through it. */
  enquiryToApplication: [number, number];
  applicationToApproval: [number, number];
  enquiryToApproval: [number, number];
  medianDaysToApproval: number | null;
  spend: number | null;
  costPerEnquiry: number | null;
  costPerApplication: number | null;
  costPerApproval: number | null;
}

/** The campaign table by campaign: rows with enquiries largest first (then by name), then campaigns with spend and no enquiries. */
export function referenceCampaignTable(
  journeys: readonly RefJourney[], stages: readonly RefStageSetting[], costs: readonly RefCostLine[], typed: Record<string, number>, filters: RefFilters = {},
): RefCampaignRow[] {
  const visible = stages.filter((s) => !s.hidden);
  const application = visible.findIndex((s) => s.id === 'application');
  const final = visible.length - 1;
  const groups = new Map<string, RefJourney[]>();
  for (const j of journeys.filter((x) => passes(x, filters))) {
    const name = j.record.campaign || NONE;
    groups.set(name, [...(groups.get(name) ?? []), j]);
  }
  const names = [...groups.keys()];
  const dated = !!(filters.from || filters.to);
  const spend = new Map<string, number>();
  if (!dated) {
    for (const c of costs) {
      const match = names.filter((n) => n !== NONE && foldName(n) === foldName(c.campaign));
      const name = match.length === 1 ? match[0] : c.campaign;
      spend.set(name, (spend.get(name) ?? 0) + c.spend);
    }
    for (const [name, value] of Object.entries(typed)) spend.set(name, value);
  }
  const row = (name: string, js: RefJourney[]): RefCampaignRow => {
    const enquiries = js.length;
    const applications = application >= 0 ? js.filter((j) => j.furthest >= application).length : 0;
    const approvals = js.filter((j) => j.outcome === 'approved').length;
    const s = spend.get(name) ?? null;
    const per = (n: number) => (s !== null && n > 0 ? s / n : null);
    const took = js.flatMap((j) => (j.dates[0] && j.dates[final] && j.dates[final]! >= j.dates[0] ? [days(j.dates[0], j.dates[final]!)] : []));
    return {
      name, enquiries, applications, approvals, openNow: js.filter((j) => j.outcome === 'open').length,
      enquiryToApplication: application >= 0 ? [applications, enquiries] : [0, 0],
      applicationToApproval: application >= 0 ? [approvals, applications] : [0, 0],
      enquiryToApproval: [approvals, enquiries],
      medianDaysToApproval: median(took),
      spend: s, costPerEnquiry: per(enquiries), costPerApplication: per(applications), costPerApproval: per(approvals),
    };
  };
  const rows = names.map((n) => row(n, groups.get(n)!))
    .sort((a, b) => b.enquiries - a.enquiries || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const filtered = !!(dated || filters.campaigns?.length || filters.sources?.length);
  if (!filtered) for (const name of spend.keys()) if (!groups.has(name)) rows.push(row(name, []));
  return rows;
}

/** P(X <= k) for X ~ Poisson(mean), summed term by term. */
export function poissonCdf(k: number, mean: number): number {
  if (mean === 0) return 1;
  let logFactorial = 0;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logFactorial += Math.log(i);
    sum += Math.exp(-mean + i * Math.log(mean) - logFactorial);
  }
  return Math.min(1, sum);
}

/** The mean at which a decreasing function of the mean crosses `target`, by bisection. */
function solve(f: (mean: number) => number, target: number, hi: number): number {
  let lo = 0;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The exact 95% interval for a Poisson mean having seen k events: P(X >= k) = 2.5% at the low end, P(X <= k) = 2.5% at the high end. */
export function garwood(k: number): { low: number; high: number } {
  const top = k + 20 + 10 * Math.sqrt(k + 1);
  const high = solve((m) => poissonCdf(k, m), 0.025, top);
  // P(X >= k) rises with the mean: P(X <= k - 1) falls to 97.5%.
  const low = k === 0 ? 0 : solve((m) => poissonCdf(k - 1, m), 0.975, top);
  return { low, high };
}

/** Cost per approval with its interval, from the definition; null without spend. */
export function referenceCostPerApproval(spend: number | null, approvals: number) {
  if (spend === null || !(spend > 0)) return null;
  const { low, high } = garwood(approvals);
  return {
    spend, approvals, value: approvals > 0 ? spend / approvals : null,
    low: spend / high, high: approvals > 0 ? spend / low : null, tooFew: approvals < 5,
  };
}
