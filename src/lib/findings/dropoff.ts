import type { ReasonRow } from '../funnel/reasons';
import { reasonTotals } from '../funnel/reasonGroups';
import { fmtInt, fmtPct } from '../format';

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
 * at enquiry." Open enquiries are never counted as lost.
 */
export function dropoffFinding(reasons: ReasonRow[], stages: { id: string; name: string }[], stillOpen: number): string {
  const totals = reasonTotals(reasons);
  const left = totals.reduce((a, t) => a + t.total, 0);
  if (!totals.length) return `Nobody has left under these filters${stillOpen ? `; ${fmtInt(stillOpen)} ${stillOpen === 1 ? 'enquiry is' : 'enquiries are'} still open` : ''}.`;
  const top = totals[0];
  const [stageId, atStage] = Object.entries(top.byStage).sort((a, b) => b[1] - a[1])[0];
  const stageName = (stages.find((s) => s.id === stageId)?.name ?? stageId).toLowerCase();
  const where = atStage === top.total ? `all of them at ${stageName}` : `${fmtInt(atStage)} of them at ${stageName}`;
  const tie = totals.length > 1 && totals[1].total === top.total ? ` (as many as ${totals[1].label.toLowerCase()})` : '';
  return `${top.label} ended ${fmtInt(top.total)} ${top.total === 1 ? 'enquiry' : 'enquiries'}${tie} `
    + `(${fmtPct(top.total / left)} of the ${fmtInt(left)} who left; ${GROUP_WORDS[top.group]}), ${where}.`;
}
