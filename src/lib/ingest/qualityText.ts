import { fmtDate } from '../format';
import type { StatusConflicts } from './conflicts';
import { countOf, quoted } from './messages';

/**
 * Sentences about what a load settled that the notices and the Data page
 * both say, written once so they say it the same way.
 */

/** Enquiries dated after the export date: the journeys keep one only on other evidence (a later stage dated, an approval). */
export function enquiriesAfterExportText(n: number, exportDate: string): string {
  const one = n === 1;
  return `${countOf(n, 'enquiry is', 'enquiries are')} dated after the export date (${fmtDate(exportDate)}), probably ${one ? 'a typing error' : 'typing errors'}: ${one ? 'it is' : 'they are'} left out of the figures unless a later stage is dated or the enquiry is approved. Correct the date in your case system and export again.`;
}

/** Rows of one enquiry whose statuses mean different outcomes, with the rule that settled them. */
export function statusConflictsText(c: StatusConflicts): string {
  const examples = c.examples.map((x) => `${quoted(x.id)}: ${x.statuses.map((s) => quoted(s)).join(', ')}`).join('; ');
  return `${countOf(c.count, 'enquiry has', 'enquiries have')} rows whose statuses disagree (e.g. ${examples}): the status of the row with the most recent date was kept. Check ${c.count === 1 ? 'it' : 'them'} in your case system.`;
}
