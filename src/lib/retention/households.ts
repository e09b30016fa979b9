/**
 * The approved households to follow after approval, as SQL: one row each with
 * its approval, first placement and deregistration dates and reason, and the
 * enquiry's campaign and source when it is linked to one. They come from a
 * carers list when one is loaded (joined to the enquiries by the enquiry
 * reference, or standing alone), otherwise from the enquiry export's own
 * after-approval columns (kept as attribute columns, see schema.ts, and read here with the
 * same UK date parsing as every other date).
 */
import { litDate } from '../engine/sql';
import { attributeColumn } from '../schema';
import { whereSql, type Filters } from '../funnel/filters';
import type { AfterApprovalColumns } from '../ingest/afterApprovalColumns';

/** Where the households come from. */
export type HouseholdSource =
  | { kind: 'carers'; table: string }
  | { kind: 'export'; columns: AfterApprovalColumns };

const attrText = (col: string | null) => (col ? `clean_text(${attributeColumn(col)})` : 'NULL::VARCHAR');
const attrDate = (col: string | null) => (col ? `uk_date(${attributeColumn(col)})` : 'NULL::DATE');

/**
 * SQL over `journeys` (and the carers table) giving, for the filters, one row
 * per approved household:
 *   household, enquiry_id, linked, campaign, source, service (a hub's, named by `service`), approved, placed, ended, reason,
 *   ended_before_approval, placed_before_approval, in_cohort
 * `in_cohort`: approved on or after `since` (the first enquiry in the data).
 * Households approved earlier are in a carers list only if they were still
 * fostering when the list's records begin, so following them from approval
 * would make retention look better than it is: they count towards reasons
 * and net growth, not towards the retention curves.
 * As of `asOf`: households approved after it are left out, and a placement or
 * deregistration dated after it is not known yet (NULL). A deregistration or
 * placement dated before the approval is a data error: it is flagged and set aside.
 * `approvalCol` is the journeys column with the final stage's date.
 */
export function householdsSql(src: HouseholdSource, approvalCol: string, asOf: string, since: string, filters: Filters | undefined, service: string | null = null): string {
  // A hub's service, from the enquiry (a carer not linked to one has none).
  const serviceOf = (alias: string) => (service ? `${alias}${attributeColumn(service)}` : 'NULL::VARCHAR');
  const base = src.kind === 'carers'
    ? `SELECT c.carer_id AS household, c.carer_enquiry AS enquiry_id, j.id IS NOT NULL AS linked, j.campaign, j.source, ${serviceOf('j.')} AS service,
          coalesce(c.carer_approved, j.${approvalCol}) AS approved, c.carer_placed AS placed_raw, c.carer_ended AS ended_raw, c.carer_reason AS reason
        FROM ${src.table} c LEFT JOIN journeys j ON j.id = c.carer_enquiry
        WHERE ${whereSql(filters)}`
    : `SELECT id AS household, id AS enquiry_id, true AS linked, campaign, source, ${serviceOf('')} AS service, ${approvalCol} AS approved,
          ${attrDate(src.columns.placement)} AS placed_raw, ${attrDate(src.columns.deregistered)} AS ended_raw,
          ${attrText(src.columns.reason)} AS reason
        FROM journeys WHERE outcome = 'approved' AND ${whereSql(filters)}`;
  const until = litDate(asOf);
  return `SELECT household, enquiry_id, linked, campaign, source, service, approved,
      CASE WHEN placed_raw <= ${until} AND placed_raw >= approved THEN placed_raw END AS placed,
      CASE WHEN ended_raw <= ${until} AND ended_raw >= approved THEN ended_raw END AS ended,
      CASE WHEN ended_raw <= ${until} AND ended_raw >= approved THEN reason END AS reason,
      coalesce(ended_raw < approved, false) AS ended_before_approval,
      coalesce(placed_raw < approved, false) AS placed_before_approval,
      approved >= ${litDate(since)} AS in_cohort
    FROM (${base}) WHERE approved IS NOT NULL AND approved <= ${until}`;
}
