import type { SetAsideCode } from '../funnel/setAside';
import { fmtInt, fmtList } from '../format';

/** "12 closed as duplicates of another enquiry and 3 redirected to a kinship assessment" (the categories with any). */
function closes(totals: Record<SetAsideCode, number>): string {
  const parts: string[] = [];
  const d = totals.DUPLICATE;
  const k = totals.KINSHIP;
  if (d) parts.push(`${fmtInt(d)} ${d === 1 ? 'enquiry' : 'enquiries'} closed as ${d === 1 ? 'a duplicate' : 'duplicates'} of another`);
  if (k) parts.push(`${fmtInt(k)} ${d ? '' : k === 1 ? 'enquiry ' : 'enquiries '}redirected to a kinship (connected person) assessment`);
  return fmtList(parts);
}

/**
 * What a view says of duplicate and kinship closes under its filters: with
 * them set aside (`on`), how many are left out of every figure; counted, how
 * many of the losses they are, or null when there are none to speak of.
 */
export function setAsideSentence(totals: Record<SetAsideCode, number>, on: boolean): string | null {
  const any = totals.DUPLICATE + totals.KINSHIP > 0;
  if (on) return any ? `Left out of every figure: ${closes(totals)}.` : 'Duplicate enquiries and kinship redirects are left out of every figure; there are none among these enquiries.';
  const one = totals.DUPLICATE + totals.KINSHIP === 1;
  return any ? `Counted among those who left: ${closes(totals)}, though ${one ? 'it is not' : 'none is'} a prospective carer lost to mainstream fostering.` : null;
}

/** The enquiries set aside, as a report names them. */
export const SET_ASIDE_WHAT = 'Enquiries closed as duplicates of another, or redirected to a kinship (connected person) assessment';

/** How a summary names the setting, among its filters. */
export const SET_ASIDE_LABEL = `Left out: ${SET_ASIDE_WHAT.toLowerCase()}`;
