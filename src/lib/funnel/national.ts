import { fmtPct } from '../format';

/**
 * National reference figures (Ofsted, "Fostering in England", financial years
 * April-March; Fostering Network). These are PERIOD counts (what happened in
 * a year across England), not cohorts: compare them with period counts only.
 */
export interface NationalYear {
  year: string;
  initialEnquiries: number;
  applications: number;
  /** Applications as a share of initial enquiries, as Ofsted publishes it (whole percent); views show englandApplicationShare, from the counts. */
  enquiryToApplication: number;
  newApprovedHouseholds: number;
  deregistered: number;
  /** Local authority and independent agency splits, where published. */
  split?: { laEnquiries: number; ifaEnquiries: number; laEnquiryToApplication: number; ifaEnquiryToApplication: number };
  source: string;
}

export const NATIONAL_YEARS: NationalYear[] = [
  {
    year: '2021-22', initialEnquiries: 138_075, applications: 8_280, enquiryToApplication: 0.06,
    newApprovedHouseholds: 4_035, deregistered: 5_435,
    source: 'Ofsted, Fostering in England 1 April 2021 to 31 March 2022',
  },
  {
    year: '2022-23', initialEnquiries: 125_195, applications: 8_010, enquiryToApplication: 0.06,
    newApprovedHouseholds: 4_080, deregistered: 5_125,
    split: { laEnquiries: 25_820, ifaEnquiries: 99_375, laEnquiryToApplication: 0.12, ifaEnquiryToApplication: 0.05 },
    source: 'Ofsted, Fostering in England 1 April 2022 to 31 March 2023',
  },
];

/** Historic benchmark (Fostering Network, 2013/14). */
export const HISTORIC_BENCHMARK = {
  year: '2013-14',
  enquiryToInitialVisit: 0.31,
  enquiryToApproval: 0.11,
  meanDaysEnquiryToApproval: 273,
  source: 'The Fostering Network, 2013/14',
};

/** Fostering Network research (2023): share of completed applications withdrawn by applicants. */
export const WITHDRAWN_BY_APPLICANTS_2023 = { share: 0.71, source: 'The Fostering Network, 2023' };

/** The national figures for a financial year label, if published. */
export function nationalYear(year: string): NationalYear | undefined {
  return NATIONAL_YEARS.find((y) => y.year === year);
}

/** Applications per initial enquiry in a year, from the published counts (Ofsted rounds the share itself to whole percent). */
export function englandApplicationShare(y: NationalYear = latestNationalYear()): number {
  return y.applications / y.initialEnquiries;
}

/** The most recent year of national figures. */
export function latestNationalYear(): NationalYear {
  return NATIONAL_YEARS.reduce((a, b) => (b.year > a.year ? b : a));
}

/**
 * England's enquiry → application figure as a phrase for beside a service's
 * own, saying that England's is a period count: "England 2022-23: 6% (councils
 * 12%), period counts".
 */
export function englandApplicationRate(): string {
  const y = latestNationalYear();
  return `England ${y.year}: ${applicationShares(y)} applications and ${fmtPct(englandApprovalShare(y))} approvals per enquiry, period counts`;
}

/**
 * England's enquiry → application share for beside a headline figure, with
 * the councils' own where published: "England 6.4% (councils 12%)". England's
 * is mostly agencies' enquiries (5%), so a council's like-for-like is its councils'.
 */
export function englandApplicationShort(y: NationalYear = latestNationalYear()): string {
  return `England ${applicationShares(y)}`;
}

/** New approved households per initial enquiry in a year (period counts): 3.3% in 2022-23. */
export function englandApprovalShare(y: NationalYear = latestNationalYear()): number {
  return y.newApprovedHouseholds / y.initialEnquiries;
}

/**
 * England's approvals per enquiry for beside a service's, with the historic
 * cohort benchmark it is often set against: "England 3.3%; 11% in 2013/14".
 */
export function englandApprovalShort(y: NationalYear = latestNationalYear()): string {
  return `England ${fmtPct(englandApprovalShare(y))}; ${fmtPct(HISTORIC_BENCHMARK.enquiryToApproval)} in ${HISTORIC_BENCHMARK.year.replace('-', '/')}`;
}

/** A year's enquiry → application share, with the councils' where published: "6.4% (councils 12%)". */
function applicationShares(y: NationalYear): string {
  const la = y.split ? ` (councils ${Math.round(y.split.laEnquiryToApplication * 100)}%)` : '';
  return `${fmtPct(englandApplicationShare(y))}${la}`;
}
