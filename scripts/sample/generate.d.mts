/** Type declarations for generate.mjs (seeded synthetic fostering enquiries). */

export type StageId = 'enquiry' | 'initial_visit' | 'application' | 'stage1' | 'stage2' | 'panel' | 'approved';

export type DateField =
  | 'enquiryDate'
  | 'initialVisitDate'
  | 'applicationDate'
  | 'stage1Date'
  | 'stage2Date'
  | 'panelDate'
  | 'approvedDate';

export type Status =
  | 'Approved'
  | 'In progress'
  | 'On Hold'
  | 'Withdrawn'
  | 'Closed - Not Proceeding'
  | 'NFA'
  | 'Counselled out'
  | 'Not suitable';

/** Ofsted withdrawal codes AW0-AW5 plus agency-led and administrative exits. */
export type ClosureCode =
  | 'AW0'
  | 'AW1'
  | 'AW2'
  | 'AW3'
  | 'AW4'
  | 'AW5'
  | 'COUNSELLED_OUT'
  | 'CHECKS'
  | 'PANEL_NOT_SUITABLE'
  | 'LOST_CONTACT'
  | 'DUPLICATE'
  | 'KINSHIP';

/** One enquiry. Dates are ISO yyyy-mm-dd strings, null when not reached or not recorded. */
export interface Enquiry {
  /** "FE-000123" (zero-padded to at least 6 digits). */
  ref: string;
  enquiryDate: string;
  initialVisitDate: string | null;
  applicationDate: string | null;
  stage1Date: string | null;
  stage2Date: string | null;
  panelDate: string | null;
  /** ADM decision date; set only when the decision was to approve. */
  approvedDate: string | null;
  /** "How did you hear about us?"; null when not recorded. */
  source: string | null;
  /** null when the enquiry is not attributed to a campaign. */
  campaign: string | null;
  status: Status;
  /** Free text; null for open/approved cases and for about 1 in 10 closures. */
  closureReason: string | null;
  /** What the closure reason maps to (AW0 when no reason was given); null when not closed. */
  closureCode: ClosureCode | null;
  closedDate: string | null;
  ethnicity: string | null;
  ageBand: string | null;
  disability: string | null;
  sexualOrientation: string | null;
  religion: string | null;
  householdType: string | null;
  postcodeDistrict: string | null;
  /** Last stage in journey order that has a date (a skipped earlier stage still counts as passed). */
  furthestStage: StageId;
  /** After approval (approved households only, else null): first placement, deregistration and its reason, cut at the as-of date. */
  firstPlacementDate: string | null;
  deregisteredDate: string | null;
  /** Free text; null when not deregistered or no reason was recorded. */
  deregistrationReason: string | null;
  /** What the reason means (OTHER when none was recorded); null when not deregistered. Not in the CSV. */
  deregistrationCode: DeregistrationCode | null;
  /** True for the second copy of a row exported twice (same ref, same content). */
  duplicate: boolean;
}

/** Why a household stopped fostering (the sample's own categories). */
export type DeregistrationCode = 'RETIREMENT' | 'FAMILY' | 'ALLEGATION' | 'SUPPORT' | 'AGENCY' | 'GUARDIANSHIP' | 'OTHER';

/** One row of the carers list: an approved household. Dates are ISO. */
export interface Carer {
  /** "FC-00001", in approval-date order. */
  carerId: string;
  /** The enquiry it was approved from; null for households approved before the enquiries start. */
  enquiryRef: string | null;
  approvedDate: string;
  firstPlacementDate: string | null;
  deregisteredDate: string | null;
  deregistrationReason: string | null;
  deregistrationCode: DeregistrationCode | null;
}

export interface GenerateOptions {
  /** Number of distinct enquiries (duplicate rows come on top). */
  count: number;
  /** Default 20231. */
  seed?: number;
  /** First enquiry date, yyyy-mm-dd. Default 2022-04-01. */
  start?: string;
  /** Export date: last enquiry date and nothing dated after it. Default 2026-10-31. */
  asOf?: string;
}

export interface WriteOptions extends GenerateOptions {
  /** Rows generated per write. Default 20,000. */
  batchRows?: number;
}

export interface WriteResult {
  path: string;
  /** Data rows written (excluding the header). */
  rows: number;
  /** Distinct enquiries. */
  enquiries: number;
  bytes: number;
}

export interface Campaign {
  name: string;
  /** yyyy-mm-dd */
  start: string;
  /** yyyy-mm-dd */
  end: string;
  /** Pounds. */
  spend: number;
}

export interface Summary {
  enquiries: number;
  duplicateRows: number;
  /** Enquiries whose furthest stage is at or beyond each stage. */
  reached: Record<StageId, number>;
  byStatus: Record<string, number>;
  /** In progress or On Hold at the as-of date. */
  open: number;
}

export interface StageInfo {
  id: StageId;
  field: DateField;
  /** Column header in the wide shape. */
  wide: string;
  /** Milestone label in the event-log shape. */
  event: string;
  /** Furthest Stage label in the status-list shape. */
  status: string;
}

export declare const CALIBRATION: Readonly<{
  enquiryToVisit: number;
  enquiryToApplication: number;
  applicationToStage1: number;
  stage1ToStage2: number;
  stage2ToPanel: number;
  panelToApproved: number;
  meanDaysEnquiryToApproval: number;
  disparityGroup: string;
  disparityStage1ToStage2Factor: number;
  visitNotRecordedShare: number;
  stage1AfterStage2Share: number;
  duplicateRowShare: number;
}>;
export declare const WIDE_HEADER: string[];
export declare const EVENT_LOG_HEADER: string[];
export declare const STATUS_LIST_HEADER: string[];
export declare const STAGES: ReadonlyArray<StageInfo>;
export declare const OPEN_STATUSES: ReadonlyArray<Status>;
export declare const EXIT_STATUSES: ReadonlyArray<Status>;
export declare const CLOSURE_CODES: Readonly<Record<ClosureCode, string>>;
/** Line ending used in every CSV ("\r\n"). */
export declare const EOL: string;

/** Seeded sfc32 generator: floats in [0, 1). */
export declare function createRng(seed: number): () => number;
export declare function iterateEnquiries(opts: GenerateOptions): Generator<Enquiry, void, unknown>;
export declare function generateEnquiries(opts: GenerateOptions): Enquiry[];
export declare function campaignSpend(): Campaign[];
export declare function stageLabel(id: StageId, shape: 'wide' | 'event' | 'status'): string;

export declare function toWideCsv(enquiries: Enquiry[]): string;
export declare function toEventLogCsv(enquiries: Enquiry[]): string;
export declare function toStatusListCsv(enquiries: Enquiry[]): string;
export declare function toCostSheetCsv(campaigns: Campaign[]): string;

export declare function writeWideCsv(path: string, opts: WriteOptions): Promise<WriteResult>;
export declare function writeEventLogCsv(path: string, opts: WriteOptions): Promise<WriteResult>;
export declare function writeStatusListCsv(path: string, opts: WriteOptions): Promise<WriteResult>;

export declare function summarise(enquiries: Iterable<Enquiry>): Summary;

export declare const AFTER_APPROVAL: Readonly<{
  firstYearLeaving: number;
  yearlyLeaving: number;
  placedShare: number;
  placementDays: { median: number; sigma: number; min: number };
  establishedPerEnquiry: number;
  establishedSince: string;
  blankReasonShare: number;
}>;
export declare const DEREGISTRATION_REASONS: Readonly<Record<DeregistrationCode, string[]>>;
export declare const CARERS_HEADER: string[];
/** The carers list: approved households from the enquiries plus an established stock standing alone. */
export declare function generateCarers(opts: GenerateOptions): Carer[];
export declare function toCarersCsv(carers: Carer[]): string;
