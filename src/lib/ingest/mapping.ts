import type { Outcome, StageId } from './stages';

/** The shapes of file we understand. */
export type ExportKind = 'wide' | 'events' | 'status' | 'costs';

/** Which column plays which part. Column names are exactly as in the file's header. */
export interface ColumnRoles {
  id: string | null;
  enquiryDate: string | null;
  status: string | null;
  currentStage: string | null;
  reason: string | null;
  exitDate: string | null;
  campaign: string | null;
  source: string | null;
  /** Event logs: the milestone name and its date. */
  milestone: string | null;
  milestoneDate: string | null;
  /** Cost sheets: the spend per campaign. */
  spend: string | null;
  /** Wide exports: stage id -> the column holding that stage's date. */
  stageDates: Record<StageId, string>;
}

/** What to do with each distinct label of a milestone or current-stage column. */
export type LabelTarget = StageId | 'exit' | 'ignore';

/** Everything the user can correct about how one file is read. */
export interface FileMapping {
  kind: ExportKind;
  roles: ColumnRoles;
  /** Status value (trimmed, as in the file) -> what it means. */
  statusValues: Record<string, Outcome>;
  /** Milestone or stage label (trimmed, as in the file) -> stage, exit, or ignored. */
  stageLabels: Record<string, LabelTarget>;
  /**
   * The fostering service this file's enquiries belong to, as the user named it
   * (regional hubs); unset: from the file's name. Never remembered with the mapping.
   */
  service?: string | null;
}

export const ROLE_NAMES: Record<Exclude<keyof ColumnRoles, 'stageDates'>, string> = {
  id: 'enquiry id',
  enquiryDate: 'enquiry date',
  status: 'status / outcome',
  currentStage: 'current or furthest stage',
  reason: 'reason for leaving',
  exitDate: 'date closed / withdrawn',
  campaign: 'campaign',
  source: 'source ("how did you hear about us?")',
  milestone: 'milestone / stage name',
  milestoneDate: 'milestone date',
  spend: 'spend',
};

/** An empty set of roles. */
export function emptyRoles(): ColumnRoles {
  return {
    id: null, enquiryDate: null, status: null, currentStage: null, reason: null, exitDate: null,
    campaign: null, source: null, milestone: null, milestoneDate: null, spend: null, stageDates: {},
  };
}

/** Columns given a role (anything else is kept as a breakdown attribute). */
export function assignedColumns(roles: ColumnRoles): Set<string> {
  const s = new Set<string>();
  for (const [k, v] of Object.entries(roles)) {
    if (k === 'stageDates') for (const c of Object.values(v as Record<string, string>)) s.add(c);
    else if (typeof v === 'string') s.add(v);
  }
  return s;
}
