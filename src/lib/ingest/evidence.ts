import type { FileMapping } from './mapping';
import { classifyStageLabel, classifyStatus } from './stages';

/**
 * Whether a file's reading shows it is about fostering enquiries: a date
 * column named for a stage of the journey (the enquiry itself: "Date of
 * Enquiry", "Registration of interest"; or a later stage), or stage,
 * milestone or status values the meaning-matching recognises ("Initial
 * visit", "Withdrawn", "Approved", "On hold"…). A file
 * with only an id-like and a date-like column (a spending return's
 * "Transaction Number" and "Date of Payment") has none, and is not taken as
 * enquiries unless the user says so.
 */
export function hasFosteringEvidence(m: FileMapping): boolean {
  if (m.kind === 'costs') return true;
  if (Object.keys(m.roles.stageDates).length > 0) return true;
  if (m.roles.enquiryDate && classifyStageLabel(m.roles.enquiryDate).kind === 'stage') return true;
  const labelColumn = m.kind === 'events' ? m.roles.milestone : m.roles.currentStage;
  if (labelColumn && Object.keys(m.stageLabels).some((v) => classifyStageLabel(v).kind !== 'unknown')) return true;
  return !!m.roles.status && Object.keys(m.statusValues).some((v) => classifyStatus(v) !== null);
}
