import { setAsideTotal, type SetAsideCode } from '../funnel/setAside';
import { isSuppressed } from '../stats/disclosure';
import { fmtInt, fmtList } from '../format';

/**
 * "12 enquiries closed as duplicates of another and 3 redirected to a kinship
 * (connected person) assessment" (the categories with any); for publication a
 * count of 1-4 is "<5".
 */
function closes(totals: Record<SetAsideCode, number>, publish = false): string {
  const n = (x: number) => (publish && isSuppressed(x) ? '<5' : fmtInt(x));
  const one = (x: number) => x === 1 && !publish;
  const parts: string[] = [];
  const d = totals.DUPLICATE;
  const k = totals.KINSHIP;
  if (d) parts.push(`${n(d)} ${one(d) ? 'enquiry' : 'enquiries'} closed as ${one(d) ? 'a duplicate' : 'duplicates'} of another`);
  if (k) parts.push(`${n(k)} ${d ? '' : one(k) ? 'enquiry ' : 'enquiries '}redirected to a kinship (connected person) assessment`);
  return fmtList(parts);
}

/**
 * What a view says of duplicate and kinship closes under its filters: with
 * them set aside (`on`), how many are left out of every figure; counted, how
 * many of the losses they are (of `leavers`, when given), or null when there
 * are none to speak of.
 */
export function setAsideSentence(totals: Record<SetAsideCode, number>, on: boolean, leavers?: number): string | null {
  const any = setAsideTotal(totals) > 0;
  if (on) return any ? `Left out of every figure: ${closes(totals)}.` : 'Duplicate enquiries and kinship redirects are left out of every figure; there are none among these enquiries.';
  const one = setAsideTotal(totals) === 1;
  const among = leavers === undefined ? 'those' : `the ${fmtInt(leavers)}`;
  return any ? `Counted among ${among} who left: ${closes(totals)}, though ${one ? 'it is not' : 'none is'} a prospective carer lost to mainstream fostering.` : null;
}

/**
 * The enquiries set aside, as a report names them beside its filters: how
 * many of each kind ("<5" for 1-4 when `publish`), or that there are none
 * under the filters.
 */
export function setAsideCounted(totals: Record<SetAsideCode, number>, publish: boolean): string {
  return setAsideTotal(totals) > 0 ? closes(totals, publish) : 'duplicate enquiries and kinship redirects, none among these enquiries';
}

/** The same as a summary link lists it among its filters. */
export const setAsideLabel = (totals: Record<SetAsideCode, number>, publish: boolean): string => `Left out of the figures: ${setAsideCounted(totals, publish)}`;
