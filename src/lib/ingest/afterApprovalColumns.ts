/**
 * Recognises, by meaning, the columns that follow a household after approval:
 * "First Placement Date", "Date Deregistered", "Resignation Date", "Date Ceased",
 * "Date of Deregistration", "Reason for Deregistration", "Reason for leaving
 * fostering"... and, in a carers list, the carer id, enquiry reference and
 * approval date. Header words are folded as everywhere else (ingest/normalise).
 */
import { hasAny, words } from './normalise';

/** The after-approval columns of an export (names exactly as in its header). */
export interface AfterApprovalColumns {
  placement: string | null;
  deregistered: string | null;
  reason: string | null;
}

/** The columns of a carers list (one row per approved household). */
export interface CarersColumns extends AfterApprovalColumns {
  carerId: string | null;
  enquiryRef: string | null;
  approved: string;
}

/** Words saying a household stopped fostering. */
const ENDED = [
  'deregistered', 'deregistration', 'deregister', 'de registered', 'de registration', 'resignation', 'resigned',
  'ceased', 'ceasing', 'termination', 'terminated', 'left fostering', 'leaving fostering', 'stopped fostering',
  'approval ended', 'end of approval', 'approval end', 'date left',
];
const WHY = ['reason', 'reasons', 'why'];
const ID_WORDS = ['id', 'reference', 'number', 'no', 'urn', 'identifier'];

/** Every header's folded words, once. */
function folded(header: readonly string[]) {
  return header.map((name) => ({ name, ws: words(name) }));
}

/** The first placement date column: "First Placement Date", "Date first placed", "Date of 1st placement". */
function placementColumn(cols: { name: string; ws: string[] }[]): string | null {
  const candidates = cols.filter((c) => hasAny(c.ws, ['placement', 'placed']) && !hasAny(c.ws, [...WHY, 'end', 'ended', 'ending', 'breakdown', 'disruption', 'last', 'latest', 'current', 'type', 'number', 'count']));
  // "First ..." beats a bare "Placement date".
  return (candidates.find((c) => hasAny(c.ws, ['1'])) ?? candidates[0])?.name ?? null;
}

/** The after-approval columns among `header`; each null when absent. */
export function afterApprovalColumns(header: readonly string[]): AfterApprovalColumns {
  const cols = folded(header);
  const deregistered = cols.find((c) => hasAny(c.ws, ENDED) && !hasAny(c.ws, WHY))?.name ?? null;
  const reason = cols.find((c) => hasAny(c.ws, WHY) && hasAny(c.ws, ENDED))?.name
    ?? cols.find((c) => hasAny(c.ws, WHY) && hasAny(c.ws, ['leaving', 'left', 'stopping']) && hasAny(c.ws, ['fostering', 'carer', 'carers', 'household']))?.name
    ?? null;
  return { placement: placementColumn(cols), deregistered, reason };
}

/** True when an export has any after-approval column. */
export function hasAfterApproval(c: AfterApprovalColumns): boolean {
  return !!(c.placement || c.deregistered);
}

/**
 * The columns of a carers list, or null when `header` is not one: a carers
 * list has an approval date and a placement or deregistration date, and no
 * enquiry date (an export with an enquiry date is an enquiry export, whatever
 * else it carries).
 */
export function carersListColumns(header: readonly string[]): CarersColumns | null {
  const cols = folded(header);
  if (cols.some((c) => hasAny(c.ws, ['enquiry', 'registration interest', 'expression interest']) && hasAny(c.ws, ['date']))) return null;
  const after = afterApprovalColumns(header);
  if (!hasAfterApproval(after)) return null;
  const approved = cols.find((c) => hasAny(c.ws, ['approved']) && !hasAny(c.ws, [...ENDED, ...WHY, 'by', 'placement', 'placed', 'status']))?.name;
  if (!approved) return null;
  const enquiryRef = cols.find((c) => hasAny(c.ws, ['enquiry', 'enquirer', 'applicant', 'recruitment']) && hasAny(c.ws, ID_WORDS))?.name ?? null;
  const carerId = cols.find((c) => c.name !== enquiryRef && hasAny(c.ws, ['carer', 'carers', 'household', 'foster', 'person', 'case']) && hasAny(c.ws, ID_WORDS))?.name
    ?? cols.find((c) => c.name !== enquiryRef && hasAny(c.ws, ID_WORDS) && !hasAny(c.ws, ['date']))?.name
    ?? null;
  return { ...after, approved, carerId, enquiryRef };
}

/** Names a user could give their columns so the after-approval view works (for the "nothing to show" message). */
export const EXAMPLE_COLUMNS = {
  placement: '"First Placement Date"',
  deregistered: '"Date Deregistered" (or "Resignation Date", "Date Ceased")',
  reason: '"Reason for Deregistration" (or "Reason for leaving fostering")',
} as const;
