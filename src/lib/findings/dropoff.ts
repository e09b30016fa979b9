import type { ReasonRow } from '../funnel/reasons';
import { reasonTotals } from '../funnel/reasonGroups';
import { fmtInt, fmtPct } from '../format';

/** The code of leavers whose reason is not recorded or not recognised. */
const NOT_KNOWN = 'NOT_KNOWN';

const GROUP_WORDS: Record<string, string> = {
  'Applicant withdrew': 'the applicant withdrew',
  'Agency decision': 'the agency decided',
  Administrative: 'an administrative close',
  'Not known': 'who ended them is not recorded',
};

/**
 * The Drop-off view's finding: the reason that ended most enquiries and the
 * stage where most of those left, e.g. "Lost contact / no response ended 1,068
 * enquiries (37% of the 2,891 who left; an administrative close), 998 of them
 * at enquiry." Open enquiries are never counted as lost. Leavers with no
 * reason recorded or recognised are no reason: when they are the most, the
 * finding says how many and leads with the biggest reason among the rest
 * (in a hub, a service that sends no reasons would otherwise be the answer).
 */
export function dropoffFinding(reasons: ReasonRow[], stages: { id: string; name: string }[], stillOpen: number): string {
  const totals = reasonTotals(reasons);
  const left = totals.reduce((a, t) => a + t.total, 0);
  if (!totals.length) return `Nobody has left under these filters${stillOpen ? `; ${fmtInt(stillOpen)} ${stillOpen === 1 ? 'enquiry is' : 'enquiries are'} still open` : ''}.`;
  const stageName = (id: string) => (stages.find((s) => s.id === id)?.name ?? id).toLowerCase();
  const whereMost = (t: (typeof totals)[number]) => {
    const [stageId, atStage] = Object.entries(t.byStage).sort((a, b) => b[1] - a[1])[0];
    return atStage === t.total ? `all of them at ${stageName(stageId)}` : `${fmtInt(atStage)} of them at ${stageName(stageId)}`;
  };
  const known = totals.filter((t) => t.code !== NOT_KNOWN);
  if (totals[0].code === NOT_KNOWN) {
    const unknown = totals[0];
    const none = `${fmtInt(unknown.total)} of the ${fmtInt(left)} who left (${fmtPct(unknown.total / left)}) have no reason recorded or recognised, ${whereMost(unknown)}`;
    if (!known.length) return `${none}.`;
    return `${none}. Of the others, ${leading(known, known.reduce((a, t) => a + t.total, 0), 'others', whereMost)}`;
  }
  return leading(totals, left, 'who left', whereMost);
}

/**
 * The sentence for the biggest of `totals`; when that is Ofsted's "other or
 * unknown" (the applicant withdrew, and no rule reads why: a "Withdrawn"
 * status with no reason), it is said as that, and the biggest reason given
 * is named after it: a manager can act on that one.
 */
function leading(totals: ReturnType<typeof reasonTotals>, of: number, who: string, whereMost: (t: ReturnType<typeof reasonTotals>[number]) => string): string {
  const [top, ...others] = totals;
  // What follows names a reason given: not "not recorded or not recognised".
  const rest = others.filter((t) => t.code !== NOT_KNOWN);
  if (top.code !== 'AW0' || !rest.length) return said(totals, of, who, whereMost);
  return `${fmtInt(top.total)} (${fmtPct(top.total / of)} of the ${fmtInt(of)} ${who}) withdrew without a reason the rules read (Ofsted's "other or unknown"), ${whereMost(top)}. `
    + `The biggest reason given: ${said(rest, of, who, whereMost)}`;
}

/** The sentence naming the first of `totals` (largest first) among `of` leavers. */
function said(totals: ReturnType<typeof reasonTotals>, of: number, who: string, whereMost: (t: ReturnType<typeof reasonTotals>[number]) => string): string {
  const top = totals[0];
  const tie = totals.length > 1 && totals[1].total === top.total ? ` (as many as ${totals[1].label.toLowerCase()})` : '';
  return `${top.label} ended ${fmtInt(top.total)} ${top.total === 1 ? 'enquiry' : 'enquiries'}${tie} `
    + `(${fmtPct(top.total / of)} of the ${fmtInt(of)} ${who}; ${GROUP_WORDS[top.group]}), ${whereMost(top)}.`;
}
