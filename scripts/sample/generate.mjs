// @ts-check
/**
 * Seeded synthetic generator for fostering recruitment enquiries (England).
 *
 * Everything here is invented. No real person, council record or export was used.
 * The numbers are tuned so that a *mature* cohort (people who enquired long enough
 * ago for their outcome to be known) reproduces published national figures; the
 * figures are listed in CALIBRATION below and in data/README.md.
 *
 * Plain ES module with JSDoc types: runs on Node 20 with no build step, and
 * generate.d.mts gives TypeScript the same types. Nothing here touches Node APIs
 * except the write* functions, which import node:fs lazily, so the module also
 * loads in a browser.
 *
 * Randomness comes only from the seeded sfc32 generator below (never Math.random),
 * so the same options always give the same rows.
 */

// ---------------------------------------------------------------------------
// Calibration targets (national figures, see /work/shared/DOMAIN.md)
// ---------------------------------------------------------------------------

/**
 * Targets for a mature cohort. The generator works out its base probabilities
 * from these, given the mix of sources and campaigns, so that the average over
 * all enquiries hits them even though individual sources/campaigns differ.
 */
export const CALIBRATION = Object.freeze({
  /** Fostering Network 2013/14: 31% of enquiries reach an initial visit. */
  enquiryToVisit: 0.31,
  /** Ofsted Fostering in England 2022-23: enquiry to application 12% for local authorities. */
  enquiryToApplication: 0.125,
  /**
   * Ofsted 2022-23: 4,080 new approved households against 8,010 applications (about half).
   * Split over the steps after application as 0.80 x 0.74 x 0.93 x 0.95 = 0.52.
   */
  applicationToStage1: 0.8,
  stage1ToStage2: 0.74,
  stage2ToPanel: 0.93,
  panelToApproved: 0.95,
  /**
   * Fostering Network 2013/14: enquiry to approval takes 273 days on average.
   * NMS 14: panel within 8 months of application; councils report 4-6 months typical.
   * The step durations below (DURATIONS) give a mean near 273 days, a median
   * application-to-panel of about 6 months and roughly 85-90% of panels within 8 months.
   */
  meanDaysEnquiryToApproval: 273,
  /**
   * Deliberate disparity (documented in data/README.md): applicants recording their
   * ethnicity as "Black African" complete Stage 2 after Stage 1 at 0.55 times the rate of others
   * (about 43% against 78%).
   */
  disparityGroup: 'Black African',
  disparityStage1ToStage2Factor: 0.55,
  /** Realism quirks. */
  visitNotRecordedShare: 0.05, // of those who reach application: visit date left blank
  stage1AfterStage2Share: 0.04, // of those who reach Stage 2: Stage 1 signed off after Stage 2
  duplicateRowShare: 0.003, // rows exported twice (about 10 in 3,500)
});

/** Step durations in days: lognormal with the given median and log-sd (plus a minimum). */
const DURATIONS = {
  enquiryToVisit: { median: 21, sigma: 0.6, min: 1 },
  visitToApplication: { median: 45, sigma: 0.55, min: 3 },
  applicationToStage1: { median: 85, sigma: 0.35, min: 20 },
  stage1ToStage2: { median: 60, sigma: 0.45, min: 10 },
  stage2ToPanel: { median: 16, sigma: 0.5, min: 7 }, // then moved to the next panel sitting
  panelToAdm: { median: 11, sigma: 0.35, min: 4 },
};

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

export const WIDE_HEADER = [
  'Ref No', 'Date of Enquiry', 'How did you hear about us?', 'Campaign', 'Initial Home Visit Date',
  'Application Received', 'Stage One Completed', 'Stage Two Completed', 'Panel Date', 'ADM Decision Date',
  'Current Status', 'Reason for Closure', 'Date Closed', 'Ethnicity', 'Age Band', 'Disability',
  'Sexual Orientation', 'Religion', 'Household Type', 'Postcode District',
  // After approval (see AFTER_APPROVAL): filled in for approved households only.
  'First Placement Date', 'Date Deregistered', 'Reason for Deregistration',
];
export const EVENT_LOG_HEADER = ['Reference', 'Milestone', 'Milestone Date'];
export const STATUS_LIST_HEADER = ['Enquiry ID', 'Enquiry Date', 'Furthest Stage', 'Outcome', 'Source', 'Campaign'];

/**
 * The journey, in order, with the enquiry-object field and the label each export shape uses.
 * @type {ReadonlyArray<{ id: import('./generate.d.mts').StageId, field: import('./generate.d.mts').DateField, wide: string, event: string, status: string }>}
 */
export const STAGES = Object.freeze([
  { id: 'enquiry', field: 'enquiryDate', wide: 'Date of Enquiry', event: 'Enquiry received', status: 'Enquiry' },
  { id: 'initial_visit', field: 'initialVisitDate', wide: 'Initial Home Visit Date', event: 'Initial Home Visit', status: 'Initial Visit' },
  { id: 'application', field: 'applicationDate', wide: 'Application Received', event: 'Application Received', status: 'Application' },
  { id: 'stage1', field: 'stage1Date', wide: 'Stage One Completed', event: 'Stage 1 Complete', status: 'Stage One' },
  { id: 'stage2', field: 'stage2Date', wide: 'Stage Two Completed', event: 'Stage 2 Complete', status: 'Stage Two' },
  { id: 'panel', field: 'panelDate', wide: 'Panel Date', event: 'Fostering Panel', status: 'Panel' },
  { id: 'approved', field: 'approvedDate', wide: 'ADM Decision Date', event: 'ADM Decision - Approved', status: 'Approved' },
]);

/** Statuses that mean the case is still open at the as-of date. */
export const OPEN_STATUSES = Object.freeze(['In progress', 'On Hold']);
/** Statuses that mean the enquirer left (Date Closed is set). */
export const EXIT_STATUSES = Object.freeze(['Withdrawn', 'Closed - Not Proceeding', 'NFA', 'Counselled out', 'Not suitable']);

/**
 * Where each free-text closure reason maps. AW0-AW5 are Ofsted's withdrawal codes
 * (collected from 2023-24); the rest are agency-led or administrative exits.
 */
export const CLOSURE_CODES = Object.freeze({
  AW1: 'Fostering not as expected',
  AW2: 'Assessment process not as expected',
  AW3: 'Household circumstances changed (not financial)',
  AW4: 'Financial reasons',
  AW5: 'Worried about allegations',
  AW0: 'Other / unknown',
  COUNSELLED_OUT: 'Agency-led: counselled out',
  CHECKS: 'Agency-led: DBS / checks / references concern',
  PANEL_NOT_SUITABLE: 'Agency-led: panel / ADM not suitable',
  LOST_CONTACT: 'Administrative: lost contact / no response',
  DUPLICATE: 'Administrative: duplicate enquiry',
  KINSHIP: 'Administrative: redirected to kinship / connected person',
});

/** @type {Record<string, string[]>} Free-text phrasings per code (some contain commas on purpose). */
const REASON_TEXT = {
  AW1: [
    'Not what they expected', 'Fostering not for them', 'Decided fostering is not right for the family',
    'Concerns about impact on own children', 'Did not realise level of contact with birth families',
    'Interested in adoption rather than fostering', 'Not what they expected, want to look at respite only',
  ],
  AW2: [
    'Process too long', 'Assessment too intrusive', 'Unhappy with communication from the team',
    'Too many delays in assessment', 'Frustrated with the paperwork', 'Process too long, felt chased for documents',
    'Assessment process not as expected',
  ],
  AW3: [
    'Change in family circumstances', 'Moving house', 'Moving out of area', 'Health issues in the household',
    'Pregnancy', 'Relationship breakdown', 'Bereavement in the family', 'Caring for elderly parent',
    'New job - no longer have the time', 'Moving house, will re-enquire next year',
  ],
  AW4: [
    'Financial reasons - cannot afford to give up work', 'Cost of living - allowance not enough', 'Financial reasons',
    'Need to keep working full time', 'Mortgage, bills - cannot reduce hours',
  ],
  AW5: ['Worried about allegations', 'Concerned about risk of allegations', 'Worried about false allegations after Skills to Foster'],
  AW0: [
    'No longer interested', 'No reason given', 'Personal reasons', 'Going with an IFA',
    'Decided to foster with an independent agency', 'Withdrew - reason not recorded', 'Timing not right',
  ],
  COUNSELLED_OUT: [
    'Counselled out', 'Counselled out - no spare bedroom', 'Counselled out - unable to meet needs of children',
    'Not able to offer the time needed', 'Counselled out - own children too young', 'Does not meet criteria - no spare room',
  ],
  CHECKS: [
    'Concerns raised in references', 'DBS disclosure', 'Concerns from LA checks', 'Medical advice - GP concerns',
    'Ex-partner reference raised concerns', 'Health and safety concerns at the home',
  ],
  PANEL_NOT_SUITABLE: ['Panel did not recommend approval', 'Not recommended by panel', 'ADM decision - not approved'],
  LOST_CONTACT: [
    'Did not respond to calls', 'No response to info pack', 'Lost contact', 'No response after 3 attempts',
    'Unable to contact - number not recognised', 'Did not respond to follow-up email', 'No contact since enquiry',
  ],
  DUPLICATE: ['Duplicate enquiry', 'Duplicate - see earlier record', 'Already enquired'],
  KINSHIP: [
    'Kinship enquiry - redirected to connected persons team', 'Connected person - referred to kinship team',
    "Wants to care for a relative's child - passed to Family and Friends team",
  ],
};

/**
 * Exit mix per point of exit: [code, weight]. Before the visit most exits are
 * NFA / no response; after application most are applicant withdrawals (Fostering
 * Network 2023: 71% of completed applications withdrawn by the applicants).
 * @type {Record<ExitPoint, Array<[string, number]>>}
 */
const EXIT_MIX = {
  enquiry: [
    ['LOST_CONTACT', 45], ['AW0', 20], ['AW1', 6], ['AW3', 6], ['AW4', 4], ['AW2', 3],
    ['COUNSELLED_OUT', 8], ['KINSHIP', 5], ['DUPLICATE', 3],
  ],
  initial_visit: [
    ['AW1', 18], ['AW3', 16], ['AW4', 12], ['AW0', 14], ['AW2', 5], ['AW5', 3],
    ['COUNSELLED_OUT', 18], ['LOST_CONTACT', 12], ['KINSHIP', 2],
  ],
  application: [
    ['AW3', 22], ['AW2', 16], ['AW1', 14], ['AW4', 10], ['AW5', 4], ['AW0', 10],
    ['CHECKS', 12], ['COUNSELLED_OUT', 7], ['LOST_CONTACT', 5],
  ],
  stage1: [
    ['AW3', 22], ['AW2', 20], ['AW1', 14], ['AW4', 8], ['AW5', 8], ['AW0', 8],
    ['COUNSELLED_OUT', 14], ['CHECKS', 4], ['LOST_CONTACT', 2],
  ],
  stage2: [
    ['AW3', 35], ['AW0', 15], ['AW4', 10], ['AW1', 10], ['AW5', 5], ['AW2', 5],
    ['COUNSELLED_OUT', 15], ['CHECKS', 5],
  ],
  panel: [['PANEL_NOT_SUITABLE', 1]],
};

/** @typedef {'enquiry'|'initial_visit'|'application'|'stage1'|'stage2'|'panel'} ExitPoint */

/**
 * Days after the last milestone that an exit is recorded: [min, max] uniform.
 * @type {Record<ExitPoint, [number, number]>}
 */
const EXIT_DELAY = {
  enquiry: [7, 60],
  initial_visit: [10, 90],
  application: [20, 150],
  stage1: [14, 120],
  stage2: [7, 45],
  panel: [5, 20],
};

/**
 * Status recorded for an exit, by code and whether it happened before the visit.
 * @param {string} code
 * @param {ExitPoint} at
 * @param {() => number} rnd
 * @returns {string}
 */
function exitStatus(code, at, rnd) {
  const u = rnd();
  const applicant = code.startsWith('AW');
  if (at === 'enquiry') {
    if (code === 'LOST_CONTACT') return u < 0.8 ? 'NFA' : 'Closed - Not Proceeding';
    if (applicant) return u < 0.45 ? 'NFA' : u < 0.85 ? 'Withdrawn' : 'Closed - Not Proceeding';
    if (code === 'COUNSELLED_OUT') return u < 0.4 ? 'Counselled out' : u < 0.7 ? 'NFA' : 'Closed - Not Proceeding';
    return u < 0.5 ? 'NFA' : 'Closed - Not Proceeding';
  }
  if (applicant) return at === 'initial_visit' && u < 0.15 ? 'Closed - Not Proceeding' : 'Withdrawn';
  if (code === 'COUNSELLED_OUT') return u < 0.75 ? 'Counselled out' : 'Closed - Not Proceeding';
  if (code === 'CHECKS') return u < 0.7 ? 'Closed - Not Proceeding' : 'Not suitable';
  if (code === 'PANEL_NOT_SUITABLE') return 'Not suitable';
  if (code === 'LOST_CONTACT') return u < 0.6 || at !== 'initial_visit' ? 'Closed - Not Proceeding' : 'NFA';
  return 'Closed - Not Proceeding';
}

// ---------------------------------------------------------------------------
// Sources and campaigns
// ---------------------------------------------------------------------------

/**
 * "How did you hear about us?" with a quality factor on reaching the visit (fv)
 * and on applying after a visit (fa). Word of mouth / community convert better;
 * radio and social media worse.
 */
const SOURCES = {
  Website: { fv: 1.0, fa: 1.0 },
  'Social media': { fv: 0.75, fa: 0.85 },
  'Word of mouth / existing carer': { fv: 1.6, fa: 1.35 },
  'Radio advert': { fv: 0.6, fa: 0.75 },
  'Community event': { fv: 1.3, fa: 1.2 },
  Leaflet: { fv: 0.9, fa: 0.95 },
  'Search engine': { fv: 0.95, fa: 1.0 },
  Other: { fv: 0.9, fa: 0.95 },
  '': { fv: 0.8, fa: 0.9 }, // not recorded
};

/** Source mix for enquiries not tied to a campaign. */
const BASE_SOURCE_MIX = {
  Website: 30, 'Search engine': 16, 'Social media': 13, 'Word of mouth / existing carer': 16,
  'Community event': 5, Leaflet: 5, 'Radio advert': 3, Other: 9, '': 3,
};

/**
 * Campaigns: date range, extra daily enquiries at their peak (in units of an average
 * baseline day), quality factors on top of the source's, source mix, and spend.
 * "Spring Radio 2023" is the deliberately poor converter: many enquiries, few carers.
 * @typedef {import('./generate.d.mts').Campaign & { uplift: number, alwaysOn: boolean, fv: number, fa: number, sources: Record<string, number> }} CampaignModel
 */
const CAMPAIGNS = Object.freeze(/** @type {CampaignModel[]} */ ([
  {
    name: 'Digital Always-On', start: '2022-09-01', end: '2026-10-31', spend: 31200, uplift: 0.18, alwaysOn: true,
    fv: 0.85, fa: 0.9, sources: { 'Social media': 50, 'Search engine': 30, Website: 20 },
  },
  {
    name: 'Spring Radio 2023', start: '2023-03-06', end: '2023-04-30', spend: 42500, uplift: 2.2, alwaysOn: false,
    fv: 0.75, fa: 0.8, sources: { 'Radio advert': 70, Website: 15, 'Search engine': 10, Other: 5 },
  },
  {
    name: 'Community Champions', start: '2024-01-15', end: '2026-03-31', spend: 18600, uplift: 0.12, alwaysOn: true,
    fv: 1.15, fa: 1.1, sources: { 'Word of mouth / existing carer': 55, 'Community event': 40, Other: 5 },
  },
  {
    name: 'Foster Care Fortnight 2024', start: '2024-05-13', end: '2024-05-26', spend: 8750, uplift: 2.5, alwaysOn: false,
    fv: 1.0, fa: 1.0, sources: { 'Social media': 40, Website: 30, 'Community event': 15, 'Word of mouth / existing carer': 10, Other: 5 },
  },
  {
    name: 'Bus Shelter Posters 2025', start: '2025-02-03', end: '2025-03-30', spend: 14200, uplift: 0.6, alwaysOn: false,
    fv: 0.9, fa: 0.95, sources: { Website: 40, Other: 35, 'Search engine': 20, Leaflet: 5 },
  },
  {
    name: 'Foster Care Fortnight 2025', start: '2025-05-12', end: '2025-05-25', spend: 9400, uplift: 2.2, alwaysOn: false,
    fv: 1.0, fa: 1.0, sources: { 'Social media': 45, Website: 30, 'Community event': 15, 'Word of mouth / existing carer': 10 },
  },
]));

/** @returns {import('./generate.d.mts').Campaign[]} the campaigns with their spend (pounds). */
export function campaignSpend() {
  return CAMPAIGNS.map((c) => ({ name: c.name, start: c.start, end: c.end, spend: c.spend }));
}

// ---------------------------------------------------------------------------
// Equality fields (invented distributions, loosely shaped like a mid-size English city)
// ---------------------------------------------------------------------------

/** @type {Array<[string | null, number]>} */
const ETHNICITY = [
  ['White British', 55], ['White Other', 7], ['White Irish', 1.5], ['Black African', 11], ['Black Caribbean', 4],
  ['Asian Pakistani', 4], ['Asian Indian', 3], ['Mixed', 5], ['Other', 2.5], ['Prefer not to say', 4], [null, 3],
];
/** @type {Array<[string | null, number]>} */
const AGE_BAND = [['18-24', 5], ['25-34', 19], ['35-44', 27], ['45-54', 27], ['55-64', 16], ['65+', 5], [null, 1]];
/** @type {Array<[string | null, number]>} */
const DISABILITY = [['No', 84], ['Yes', 7], ['Prefer not to say', 6], [null, 3]];
/** @type {Array<[string | null, number]>} */
const SEXUAL_ORIENTATION = [['Heterosexual', 81], ['Gay or lesbian', 7], ['Bisexual', 3], ['Prefer not to say', 6], [null, 3]];
/** @type {Array<[string | null, number]>} */
const HOUSEHOLD = [['Couple with children', 36], ['Couple', 30], ['Single', 21], ['Single with children', 12], [null, 1]];
/** @type {Record<string, Array<[string | null, number]>>} */
const RELIGION_BY_ETHNICITY = {
  default: [['No religion', 50], ['Christian', 38], ['Muslim', 1], ['Buddhist', 1], ['Jewish', 0.5], ['Other', 2], ['Prefer not to say', 6], [null, 1.5]],
  'White Other': [['Christian', 50], ['No religion', 35], ['Muslim', 4], ['Jewish', 2], ['Other', 3], ['Prefer not to say', 6]],
  'Black African': [['Christian', 62], ['Muslim', 22], ['No religion', 8], ['Other', 2], ['Prefer not to say', 6]],
  'Black Caribbean': [['Christian', 55], ['No religion', 30], ['Other', 5], ['Muslim', 2], ['Prefer not to say', 8]],
  'Asian Pakistani': [['Muslim', 90], ['No religion', 4], ['Prefer not to say', 6]],
  'Asian Indian': [['Hindu', 42], ['Sikh', 26], ['Muslim', 12], ['Christian', 6], ['No religion', 8], ['Prefer not to say', 6]],
  Mixed: [['No religion', 48], ['Christian', 32], ['Muslim', 8], ['Other', 4], ['Prefer not to say', 8]],
  Other: [['Muslim', 30], ['Christian', 25], ['No religion', 25], ['Buddhist', 8], ['Other', 6], ['Prefer not to say', 6]],
  'Prefer not to say': [['Prefer not to say', 60], ['No religion', 20], ['Christian', 15], [null, 5]],
  blank: [[null, 60], ['No religion', 20], ['Christian', 15], ['Prefer not to say', 5]],
};
/** Postcode districts (Bristol-style). Minority-ethnic enquirers are more often in inner-city districts. */
const POSTCODES = [
  ['BS1', 2, 2], ['BS2', 4, 16], ['BS3', 8, 8], ['BS4', 9, 10], ['BS5', 10, 40], ['BS6', 5, 10], ['BS7', 8, 12],
  ['BS8', 3, 3], ['BS9', 5, 4], ['BS10', 7, 9], ['BS11', 5, 7], ['BS13', 7, 6], ['BS14', 7, 6], ['BS15', 7, 5],
  ['BS16', 9, 8], ['BS20', 2, 0.6], ['BS30', 3, 1], ['BS31', 2, 0.6], ['BS32', 2, 0.6], ['BS34', 3, 1.5],
  ['BS37', 2, 0.6], ['BS41', 1, 0.3], ['BS48', 1, 0.3],
];
const MINORITY = new Set(['Black African', 'Black Caribbean', 'Asian Pakistani', 'Asian Indian', 'Mixed', 'Other']);
/** Share of enquirers who skip the whole equality form (ethnicity, disability, orientation, religion). */
const EQUALITY_FORM_MISSING = 0.07;

// ---------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32
// ---------------------------------------------------------------------------

/**
 * Small fast counter generator (sfc32). Returns floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function createRng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** @param {() => number} rnd */
function normal(rnd) {
  let u = rnd();
  while (u <= 0) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * @param {() => number} rnd
 * @param {{ median: number, sigma: number, min: number }} d
 */
function duration(rnd, d) {
  return Math.max(d.min, Math.round(d.median * Math.exp(d.sigma * normal(rnd))));
}

/** @param {() => number} rnd @param {number} lo @param {number} hi inclusive */
function intBetween(rnd, lo, hi) {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/**
 * Turns [value, weight] pairs into a sampler.
 * @template T
 * @param {Array<[T, number]>} pairs
 * @returns {(rnd: () => number) => T}
 */
function weighted(pairs) {
  const total = pairs.reduce((s, p) => s + p[1], 0);
  /** @type {number[]} */
  const cum = [];
  let acc = 0;
  for (const [, w] of pairs) cum.push((acc += w) / total);
  const values = pairs.map((p) => p[0]);
  return (rnd) => {
    const u = rnd();
    for (let i = 0; i < cum.length; i++) if (u < cum[i]) return values[i];
    return values[values.length - 1];
  };
}

// ---------------------------------------------------------------------------
// Dates as whole days since 1970-01-01 (UTC)
// ---------------------------------------------------------------------------

const DAY_MS = 86400000;
/** @param {string} iso */
function isoToDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Expected a yyyy-mm-dd date, got "${iso}"`);
  return Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS);
}
/** @param {number} day */
function dayToIso(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
/** 0 = Sunday ... 6 = Saturday. @param {number} day */
function weekday(day) {
  return (day + 4) % 7;
}
/** @param {string | null} iso yyyy-mm-dd -> dd/mm/yyyy, '' for null */
function isoToUk(iso) {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}
/** Moves a weekend day to the next Monday. @param {number} day */
function nextWorkingDay(day) {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}
/** Fostering panel sits on the 2nd and 4th Wednesday of the month. @param {number} day */
function nextPanelSitting(day) {
  for (let d = day; d < day + 40; d++) {
    if (weekday(d) !== 3) continue;
    const dom = new Date(d * DAY_MS).getUTCDate();
    if ((dom >= 8 && dom <= 14) || (dom >= 22 && dom <= 28)) return d;
  }
  return day;
}

// ---------------------------------------------------------------------------
// Calendar: enquiries per day (seasonality, weekdays, trend, noise, campaign bursts)
// ---------------------------------------------------------------------------

/** Month multipliers: January resolutions, May Foster Care Fortnight, quiet August and December. */
const MONTH_FACTOR = [1.25, 1.1, 1.05, 0.95, 1.15, 1.0, 0.9, 0.75, 1.1, 1.05, 0.95, 0.65];
/** Sunday..Saturday: web forms still arrive at weekends, phone enquiries do not. */
const WEEKDAY_FACTOR = [0.7, 1.3, 1.2, 1.15, 1.1, 0.95, 0.6];

/**
 * @param {number} startDay
 * @param {number} endDay
 * @param {number} seed
 */
function buildCalendar(startDay, endDay, seed) {
  const rnd = createRng(seed ^ 0x5eed1e55);
  const n = endDay - startDay + 1;
  const total = new Float64Array(n);
  /** Per day: cumulative probability of each group (0 = no campaign, i + 1 = CAMPAIGNS[i]). */
  const groupCum = [];
  const groupWeight = new Float64Array(CAMPAIGNS.length + 1);
  const campaignDays = CAMPAIGNS.map((c) => [isoToDay(c.start), isoToDay(c.end)]);
  for (let i = 0; i < n; i++) {
    const day = startDay + i;
    const date = new Date(day * DAY_MS);
    const month = date.getUTCMonth();
    const dom = date.getUTCDate();
    const years = (day - startDay) / 365.25;
    const xmas = (month === 11 && dom >= 23) || (month === 0 && dom <= 1) ? 0.35 : 1;
    const wk = WEEKDAY_FACTOR[weekday(day)];
    const noise = Math.exp(0.3 * normal(rnd) - 0.045);
    const base = Math.pow(0.96, years) * MONTH_FACTOR[month] * wk * xmas * noise;
    const weights = [base];
    for (let k = 0; k < CAMPAIGNS.length; k++) {
      const c = CAMPAIGNS[k];
      const [s, e] = campaignDays[k];
      let w = 0;
      if (day >= s && day <= e) {
        const progress = e > s ? (day - s) / (e - s) : 0;
        const shape = c.alwaysOn ? MONTH_FACTOR[month] : 1.4 - 0.8 * progress; // bursts fade
        w = c.uplift * shape * wk * xmas * Math.exp(0.25 * normal(rnd) - 0.03);
      }
      weights.push(w);
    }
    let sum = 0;
    for (let g = 0; g < weights.length; g++) {
      sum += weights[g];
      groupWeight[g] += weights[g];
    }
    total[i] = sum;
    const cum = new Float64Array(weights.length);
    let acc = 0;
    for (let g = 0; g < weights.length; g++) cum[g] = (acc += weights[g]) / sum;
    groupCum.push(cum);
  }
  return { n, total, groupCum, groupWeight };
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/**
 * @typedef {import('./generate.d.mts').Enquiry} Enquiry
 * @typedef {import('./generate.d.mts').GenerateOptions} GenerateOptions
 */

/**
 * Sets up everything that does not depend on the row: calendar, samplers, and the
 * base probabilities that make the overall rates hit CALIBRATION.
 * @param {GenerateOptions} opts
 */
function createContext(opts) {
  const count = Math.floor(opts.count);
  if (!(count >= 0)) throw new Error('count must be a non-negative number');
  const seed = (opts.seed ?? 20231) >>> 0;
  const startDay = isoToDay(opts.start ?? '2022-04-01');
  const asOfDay = isoToDay(opts.asOf ?? '2026-10-31');
  if (asOfDay < startDay) throw new Error('asOf must not be before start');
  const cal = buildCalendar(startDay, asOfDay, seed);

  /** Groups: 0 = no campaign, then one per campaign. */
  const groups = [
    { campaign: /** @type {string | null} */ (null), fv: 1, fa: 1, sources: BASE_SOURCE_MIX },
    ...CAMPAIGNS.map((c) => ({ campaign: /** @type {string | null} */ (c.name), fv: c.fv, fa: c.fa, sources: c.sources })),
  ].map((g) => ({
    ...g,
    pickSource: weighted(/** @type {Array<[string, number]>} */ (Object.entries(g.sources))),
  }));

  // Calibration: the expected quality over the actual mix of groups and sources.
  let wSum = 0, eV = 0, eVA = 0;
  groups.forEach((g, gi) => {
    const share = cal.groupWeight[gi];
    const srcTotal = Object.values(g.sources).reduce((a, b) => a + b, 0);
    for (const [s, w] of Object.entries(g.sources)) {
      const q = SOURCES[/** @type {keyof typeof SOURCES} */ (s)];
      const p = (share * w) / srcTotal;
      wSum += p;
      eV += p * q.fv * g.fv;
      eVA += p * q.fv * g.fv * q.fa * g.fa;
    }
  });
  eV /= wSum || 1;
  eVA /= wSum || 1;
  const baseVisit = CALIBRATION.enquiryToVisit / (eV || 1);
  // Among visitors the mix is tilted towards better sources, so divide by E[fa | visit].
  const baseApp = CALIBRATION.enquiryToApplication / CALIBRATION.enquiryToVisit / (eVA / (eV || 1) || 1);
  // Stage 1 -> 2: keep the overall rate on target despite the disparity group's lower rate.
  const ethTotal = ETHNICITY.reduce((s, p) => s + p[1], 0);
  const groupShare =
    ((ETHNICITY.find((p) => p[0] === CALIBRATION.disparityGroup)?.[1] ?? 0) / ethTotal) * (1 - EQUALITY_FORM_MISSING);
  const baseS2 = CALIBRATION.stage1ToStage2 / (1 - groupShare * (1 - CALIBRATION.disparityStage1ToStage2Factor));

  const postcodeMain = weighted(/** @type {Array<[string, number]>} */ (POSTCODES.map((p) => [p[0], p[1]])));
  const postcodeMinority = weighted(/** @type {Array<[string, number]>} */ (POSTCODES.map((p) => [p[0], p[2]])));
  /** @type {Record<string, (rnd: () => number) => string | null>} */
  const religion = {};
  for (const [k, v] of Object.entries(RELIGION_BY_ETHNICITY)) religion[k] = weighted(v);
  /** @type {Record<string, (rnd: () => number) => string>} */
  const reasonText = {};
  for (const [k, v] of Object.entries(REASON_TEXT)) reasonText[k] = weighted(v.map((t, i) => [t, i === 0 ? 3 : 1]));
  /** @type {Record<string, (rnd: () => number) => string>} */
  const exitCode = {};
  for (const [k, v] of Object.entries(EXIT_MIX)) exitCode[k] = weighted(v);

  return {
    count, seed, startDay, asOfDay, cal, groups, baseVisit, baseApp, baseS2,
    /** A stream of its own for what happens after approval, so the draws for every other column are unchanged. */
    afterRnd: createRng(seed ^ AFTER_APPROVAL_STREAM),
    pick: {
      ethnicity: weighted(ETHNICITY), ageBand: weighted(AGE_BAND), disability: weighted(DISABILITY),
      sexualOrientation: weighted(SEXUAL_ORIENTATION), household: weighted(HOUSEHOLD),
      postcodeMain, postcodeMinority, religion, reasonText, exitCode,
    },
    refWidth: Math.max(6, String(count).length),
    /** ISO strings for every day from start to asOf (every kept date lies in this range). */
    iso: Array.from({ length: asOfDay - startDay + 1 }, (_, i) => dayToIso(startDay + i)),
  };
}

/** @typedef {ReturnType<typeof createContext>} Context */

/**
 * Simulates one enquiry's whole journey, then cuts it at the as-of date.
 * @param {Context} ctx
 * @param {() => number} rnd
 * @param {number} index 1-based ref number
 * @param {number} day enquiry day
 * @param {number} groupIndex
 * @returns {Enquiry}
 */
function simulate(ctx, rnd, index, day, groupIndex) {
  const g = ctx.groups[groupIndex];
  const source = g.pickSource(rnd);
  const q = SOURCES[/** @type {keyof typeof SOURCES} */ (source)];
  const p = ctx.pick;

  // Equality fields.
  const formMissing = rnd() < EQUALITY_FORM_MISSING;
  const ethnicity = formMissing ? null : p.ethnicity(rnd);
  const religionPicker = ethnicity === null ? p.religion.blank : p.religion[ethnicity] ?? p.religion.default;
  const religion = formMissing ? null : religionPicker(rnd);
  const disability = formMissing ? null : p.disability(rnd);
  const sexualOrientation = formMissing ? null : p.sexualOrientation(rnd);
  const ageBand = p.ageBand(rnd);
  const householdType = p.household(rnd);
  const postcodeDistrict =
    rnd() < 0.015 ? null : ethnicity !== null && MINORITY.has(ethnicity) ? p.postcodeMinority(rnd) : p.postcodeMain(rnd);

  // Full journey (ignoring the as-of date for now).
  const pVisit = Math.min(0.95, ctx.baseVisit * q.fv * g.fv);
  const pApp = Math.min(0.95, ctx.baseApp * q.fa * g.fa);
  const pS2 = Math.min(
    0.97,
    ctx.baseS2 * (ethnicity === CALIBRATION.disparityGroup ? CALIBRATION.disparityStage1ToStage2Factor : 1),
  );
  /** @type {number | null} */ let visit = null;
  /** @type {number | null} */ let app = null;
  /** @type {number | null} */ let s1 = null;
  /** @type {number | null} */ let s2 = null;
  /** @type {number | null} */ let panel = null;
  /** @type {number | null} */ let approved = null;
  /** @type {ExitPoint | null} */ let exitAt = null;
  let last = day;
  if (rnd() < pVisit) {
    visit = last = nextWorkingDay(day + duration(rnd, DURATIONS.enquiryToVisit));
    if (rnd() < pApp) {
      app = last = visit + duration(rnd, DURATIONS.visitToApplication);
      if (rnd() < CALIBRATION.applicationToStage1) {
        s1 = last = nextWorkingDay(app + duration(rnd, DURATIONS.applicationToStage1));
        if (rnd() < pS2) {
          s2 = last = nextWorkingDay(s1 + duration(rnd, DURATIONS.stage1ToStage2));
          if (rnd() < CALIBRATION.stage2ToPanel) {
            panel = last = nextPanelSitting(s2 + duration(rnd, DURATIONS.stage2ToPanel));
            if (rnd() < CALIBRATION.panelToApproved) {
              approved = last = nextWorkingDay(panel + duration(rnd, DURATIONS.panelToAdm));
            } else exitAt = 'panel';
          } else exitAt = 'stage2';
        } else exitAt = 'stage1';
      } else exitAt = 'application';
    } else exitAt = 'initial_visit';
  } else exitAt = 'enquiry';

  /** @type {number | null} */ let exitDay = null;
  let exitCode = null;
  if (approved === null && exitAt) {
    const [lo, hi] = EXIT_DELAY[exitAt];
    exitDay = nextWorkingDay(last + intBetween(rnd, lo, hi));
    exitCode = p.exitCode[exitAt](rnd);
  }

  // Quirks: visit not recorded; Stage 1 signed off after Stage 2 (run side by side).
  if (app !== null && rnd() < CALIBRATION.visitNotRecordedShare) visit = null;
  if (s2 !== null && s1 !== null && rnd() < CALIBRATION.stage1AfterStage2Share) {
    const next = panel ?? exitDay ?? s2 + 30;
    const late = s2 + intBetween(rnd, 1, Math.max(1, Math.min(14, next - s2 - 1)));
    if (late < next && late <= ctx.asOfDay) s1 = late;
  }

  // Cut at the as-of date.
  const asOf = ctx.asOfDay;
  const finalDay = approved ?? exitDay ?? day;
  const open = finalDay > asOf;
  /** @param {number | null} d */
  const keep = (d) => (d !== null && d <= asOf ? ctx.iso[d - ctx.startDay] : null);
  const dates = {
    enquiryDate: ctx.iso[day - ctx.startDay],
    initialVisitDate: keep(visit),
    applicationDate: keep(app),
    stage1Date: keep(s1),
    stage2Date: keep(s2),
    panelDate: keep(panel),
    approvedDate: keep(approved),
  };
  let status, closureReason = null, closureCode = null, closedDate = null;
  if (open) {
    const applied = dates.applicationDate !== null;
    status = rnd() < (applied ? 0.2 : 0.05) ? 'On Hold' : 'In progress';
  } else if (approved !== null) {
    status = 'Approved';
  } else {
    const at = /** @type {ExitPoint} */ (exitAt);
    const code = /** @type {string} */ (exitCode);
    status = exitStatus(code, at, rnd);
    closedDate = ctx.iso[/** @type {number} */ (exitDay) - ctx.startDay];
    // About 1 in 10 closures carry no reason at all (a gap the councils themselves report).
    if (rnd() < 0.1) {
      closureCode = 'AW0';
    } else {
      closureCode = code;
      let text = p.reasonText[code](rnd);
      const u = rnd();
      if (u < 0.05) text = text.toLowerCase();
      else if (u < 0.08) text = text.toUpperCase();
      else if (u < 0.11) text = `${text}.`;
      closureReason = text;
    }
  }

  let furthest = 0;
  for (let i = STAGES.length - 1; i >= 0; i--) {
    if (dates[STAGES[i].field] !== null) {
      furthest = i;
      break;
    }
  }

  return {
    ref: `FE-${String(index).padStart(ctx.refWidth, '0')}`,
    ...dates,
    source: source === '' ? null : source,
    campaign: g.campaign,
    status: /** @type {import('./generate.d.mts').Status} */ (status),
    closureReason,
    closureCode: /** @type {import('./generate.d.mts').ClosureCode | null} */ (closureCode),
    closedDate,
    ethnicity,
    ageBand,
    disability,
    sexualOrientation,
    religion,
    householdType,
    postcodeDistrict,
    furthestStage: STAGES[furthest].id,
    ...afterApproval(ctx.afterRnd, approved !== null && approved <= asOf ? approved : null, asOf, false),
    duplicate: false,
  };
}

/**
 * Yields enquiries in enquiry-date order (ref numbers ascending), with the
 * occasional duplicated row a few rows after its original (duplicate: true).
 * @param {GenerateOptions} opts
 * @returns {Generator<Enquiry>}
 */
export function* iterateEnquiries(opts) {
  const ctx = createContext(opts);
  const rnd = createRng(ctx.seed);
  const dupRnd = createRng(ctx.seed ^ 0xd0b1e);
  const { cal, count } = ctx;
  const grand = cal.total.reduce((a, b) => a + b, 0);
  /** @type {Array<{ at: number, row: Enquiry }>} */
  const pending = [];
  let index = 0;
  let cum = 0;
  let allocated = 0;
  for (let i = 0; i < cal.n; i++) {
    cum += cal.total[i];
    // Cumulative rounding: exactly `count` enquiries in all, shared by weight.
    const upto = i === cal.n - 1 ? count : Math.min(count, Math.round((count * cum) / grand));
    const today = upto - allocated;
    allocated = upto;
    const groupCum = cal.groupCum[i];
    for (let j = 0; j < today; j++) {
      const u = rnd();
      let gi = 0;
      while (gi < groupCum.length - 1 && u >= groupCum[gi]) gi++;
      index++;
      const row = simulate(ctx, rnd, index, ctx.startDay + i, gi);
      yield row;
      if (dupRnd() < CALIBRATION.duplicateRowShare) {
        pending.push({ at: index + intBetween(dupRnd, 1, 40), row: { ...row, duplicate: true } });
      }
      while (pending.length && pending[0].at <= index) yield /** @type {{row: Enquiry}} */ (pending.shift()).row;
    }
  }
  for (const p of pending) yield p.row;
}

/**
 * Generates `count` distinct enquiries (plus about 0.3% duplicated rows, flagged
 * duplicate: true) in export order.
 * @param {GenerateOptions} opts
 * @returns {Enquiry[]}
 */
export function generateEnquiries({ count, seed = 20231, start = '2022-04-01', asOf = '2026-10-31' }) {
  return Array.from(iterateEnquiries({ count, seed, start, asOf }));
}

// ---------------------------------------------------------------------------
// CSV shapes
// ---------------------------------------------------------------------------

const NEEDS_QUOTES = /[",\r\n]/;
/** @param {string | null | undefined} v */
function csvField(v) {
  if (v === null || v === undefined) return '';
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
/** Windows line endings, as council report tools write them. */
export const EOL = '\r\n';

/** @param {Enquiry} e */
function wideLine(e) {
  return [
    e.ref, isoToUk(e.enquiryDate), csvField(e.source), csvField(e.campaign), isoToUk(e.initialVisitDate),
    isoToUk(e.applicationDate), isoToUk(e.stage1Date), isoToUk(e.stage2Date), isoToUk(e.panelDate),
    isoToUk(e.approvedDate), csvField(e.status), csvField(e.closureReason), isoToUk(e.closedDate),
    csvField(e.ethnicity), csvField(e.ageBand), csvField(e.disability), csvField(e.sexualOrientation),
    csvField(e.religion), csvField(e.householdType), csvField(e.postcodeDistrict),
    isoToUk(e.firstPlacementDate), isoToUk(e.deregisteredDate), csvField(e.deregistrationReason),
  ].join(',') + EOL;
}

/**
 * Event log: one row per dated milestone (ISO dates, as a case system's audit log
 * would give), in date order within each enquiry; exits as "Withdrawn" or "Closed".
 * @param {Enquiry} e
 */
function eventLines(e) {
  /** @type {Array<[string, string, number]>} */
  const events = [];
  STAGES.forEach((s, i) => {
    const d = e[s.field];
    if (d) events.push([s.event, d, i]);
  });
  if (e.closedDate) events.push([e.status === 'Withdrawn' ? 'Withdrawn' : 'Closed', e.closedDate, STAGES.length]);
  events.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
  let out = '';
  for (const [label, date] of events) out += `${e.ref},${label},${date}${EOL}`;
  return out;
}

/** @param {Enquiry} e */
function statusLine(e) {
  return [
    e.ref, isoToUk(e.enquiryDate), stageLabel(e.furthestStage, 'status'), csvField(e.status),
    csvField(e.source), csvField(e.campaign),
  ].join(',') + EOL;
}

/**
 * @param {import('./generate.d.mts').StageId} id
 * @param {'wide' | 'event' | 'status'} shape
 */
export function stageLabel(id, shape) {
  const s = STAGES.find((x) => x.id === id);
  if (!s) throw new Error(`Unknown stage ${id}`);
  return s[shape];
}

/** @param {Enquiry[]} enquiries */
export function toWideCsv(enquiries) {
  let out = WIDE_HEADER.join(',') + EOL;
  for (const e of enquiries) out += wideLine(e);
  return out;
}

/** Duplicate rows are skipped: one set of milestones per enquiry. @param {Enquiry[]} enquiries */
export function toEventLogCsv(enquiries) {
  let out = EVENT_LOG_HEADER.join(',') + EOL;
  for (const e of enquiries) if (!e.duplicate) out += eventLines(e);
  return out;
}

/** Duplicate rows are skipped: one row per enquiry. @param {Enquiry[]} enquiries */
export function toStatusListCsv(enquiries) {
  let out = STATUS_LIST_HEADER.join(',') + EOL;
  for (const e of enquiries) if (!e.duplicate) out += statusLine(e);
  return out;
}

/** @param {number} pounds */
function formatPounds(pounds) {
  return `£${Math.round(pounds).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** @param {import('./generate.d.mts').Campaign[]} campaigns */
export function toCostSheetCsv(campaigns) {
  let out = 'Campaign,Spend' + EOL;
  for (const c of campaigns) out += `${csvField(c.name)},${csvField(formatPounds(c.spend))}${EOL}`;
  return out;
}

// ---------------------------------------------------------------------------
// Streaming writers (generate and write in batches; rows are never all in memory)
// ---------------------------------------------------------------------------

/**
 * @param {string} path
 * @param {import('./generate.d.mts').WriteOptions} opts
 * @param {'wide' | 'events' | 'status'} shape
 * @returns {Promise<import('./generate.d.mts').WriteResult>}
 */
async function writeShape(path, opts, shape) {
  const fs = await import('node:fs');
  const batchRows = opts.batchRows ?? 20000;
  const stream = fs.createWriteStream(path, { encoding: 'utf8' });
  /** @type {Promise<void>} */
  const done = new Promise((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  /** @param {string} chunk */
  const write = async (chunk) => {
    if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', () => r(undefined)));
  };
  const header = shape === 'wide' ? WIDE_HEADER : shape === 'events' ? EVENT_LOG_HEADER : STATUS_LIST_HEADER;
  let buf = header.join(',') + EOL;
  let rows = 0, enquiries = 0, inBatch = 0, bytes = 0;
  for (const e of iterateEnquiries(opts)) {
    if (!e.duplicate) enquiries++;
    if (shape === 'wide') {
      buf += wideLine(e);
      rows++;
    } else if (!e.duplicate) {
      if (shape === 'events') {
        const lines = eventLines(e);
        buf += lines;
        rows += lines.split(EOL).length - 1;
      } else {
        buf += statusLine(e);
        rows++;
      }
    }
    if (++inBatch >= batchRows) {
      bytes += Buffer.byteLength(buf);
      await write(buf);
      buf = '';
      inBatch = 0;
    }
  }
  bytes += Buffer.byteLength(buf);
  stream.end(buf);
  await done;
  return { path, rows, enquiries, bytes };
}

/** Writes the wide shape to `path` in batches. @param {string} path @param {import('./generate.d.mts').WriteOptions} opts */
export function writeWideCsv(path, opts) {
  return writeShape(path, opts, 'wide');
}
/** Writes the event-log shape to `path` in batches. @param {string} path @param {import('./generate.d.mts').WriteOptions} opts */
export function writeEventLogCsv(path, opts) {
  return writeShape(path, opts, 'events');
}
/** Writes the status-list shape to `path` in batches. @param {string} path @param {import('./generate.d.mts').WriteOptions} opts */
export function writeStatusListCsv(path, opts) {
  return writeShape(path, opts, 'status');
}

// ---------------------------------------------------------------------------
// After approval: first placement, deregistration and the carers list
// ---------------------------------------------------------------------------

/**
 * What happens to approved households (see data/README.md). Calibrated on
 * DOMAIN.md: about 12% of carers leave in a year (The Fostering Network);
 * England 2022-23 deregistered 5,125 households against 4,080 approvals
 * (Ofsted), so the established carers in the carers list are sized to give
 * more deregistrations than approvals, as nationally.
 */
export const AFTER_APPROVAL = Object.freeze({
  /** Share leaving in the first year after approval (new carers leave a little more often). */
  firstYearLeaving: 0.15,
  /** Share leaving in each later year, and every year for established carers (Fostering Network: about 12%). */
  yearlyLeaving: 0.12,
  /** Share of new households ever given a first placement (the rest wait, or leave first). */
  placedShare: 0.9,
  /** Days from approval to first placement: lognormal, median 42, log-sd 0.9 (quartiles about 23 and 77 days). */
  placementDays: { median: 42, sigma: 0.9, min: 1 },
  /** Households already approved before the enquiries start, per enquiry generated (525 for 3,500). */
  establishedPerEnquiry: 0.15,
  /** Approval dates of the established households are spread from this date to the day before the start. */
  establishedSince: '2000-04-01',
  /** Share of deregistrations with no reason recorded. */
  blankReasonShare: 0.08,
});

/** Seed offsets of the after-approval streams (the enquiries' own draws never see them). */
const AFTER_APPROVAL_STREAM = 0xa77e5;
const ESTABLISHED_STREAM = 0x57ab1e;

/** Reasons for deregistration: code -> phrasings (the app maps them by keywords). */
export const DEREGISTRATION_REASONS = Object.freeze({
  RETIREMENT: ['Retirement', 'Retired from fostering', 'Retiring - age and health'],
  FAMILY: ['Change in own family circumstances', 'Own health', 'Moving out of area', 'Caring for elderly parent', 'Bereavement'],
  ALLEGATION: ['Following an allegation', 'Allegation - deregistered after review', 'Standards of care concern'],
  SUPPORT: ['Lack of support', 'Unhappy with support from social workers', 'Allowance not enough', 'Felt unsupported after placement ended'],
  AGENCY: ['Transferred to an independent agency', 'Moved to an IFA', 'Transferred to another fostering service'],
  GUARDIANSHIP: ['Special guardianship order for child in placement', 'Adopted the child in placement', 'Became special guardian'],
  OTHER: ['Personal reasons', 'Other'],
});

/** @type {Record<'new' | 'established', Array<[string, number]>>} Reason mix: established carers retire more often. */
const DEREGISTRATION_MIX = {
  new: [['FAMILY', 28], ['SUPPORT', 18], ['AGENCY', 12], ['GUARDIANSHIP', 12], ['OTHER', 16], ['RETIREMENT', 8], ['ALLEGATION', 6]],
  established: [['RETIREMENT', 35], ['FAMILY', 22], ['SUPPORT', 10], ['OTHER', 12], ['AGENCY', 8], ['GUARDIANSHIP', 8], ['ALLEGATION', 5]],
};
const pickDeregistrationCode = {
  new: weighted(DEREGISTRATION_MIX.new),
  established: weighted(DEREGISTRATION_MIX.established),
};
/** @type {Record<string, (rnd: () => number) => string>} */
const pickDeregistrationText = Object.fromEntries(
  Object.entries(DEREGISTRATION_REASONS).map(([k, v]) => [k, weighted(v.map((t, i) => /** @type {[string, number]} */ ([t, i === 0 ? 3 : 1])))]),
);

/**
 * Years from `from` to deregistration: exponential with the first-year rate,
 * then the yearly rate (a piecewise-constant hazard). Established carers use the yearly rate throughout.
 * @param {() => number} rnd
 * @param {boolean} established
 */
function yearsToDeregistration(rnd, established) {
  const later = -Math.log(1 - AFTER_APPROVAL.yearlyLeaving);
  const first = established ? later : -Math.log(1 - AFTER_APPROVAL.firstYearLeaving);
  const e = -Math.log(1 - rnd()); // unit exponential
  return e < first ? e / first : 1 + (e - first) / later;
}

/**
 * First placement, deregistration and its reason for a household approved on
 * `approvedDay` (null: not approved, all null), cut at the as-of date. Every
 * approved household takes the same number of draws, so one household's
 * history never shifts another's.
 * @param {() => number} rnd the after-approval stream
 * @param {number | null} approvedDay
 * @param {number} asOfDay
 * @param {boolean} established approved before the enquiries start (followed from `followFrom`)
 * @param {number} [followFrom] day the deregistration clock starts (default: the approval day)
 * @returns {{ firstPlacementDate: string | null, deregisteredDate: string | null, deregistrationReason: string | null, deregistrationCode: string | null }}
 */
function afterApproval(rnd, approvedDay, asOfDay, established, followFrom = approvedDay ?? 0) {
  const none = { firstPlacementDate: null, deregisteredDate: null, deregistrationReason: null, deregistrationCode: null };
  if (approvedDay === null) return none;
  const placedDraw = rnd();
  const placementDays = duration(rnd, AFTER_APPROVAL.placementDays);
  const years = yearsToDeregistration(rnd, established);
  const code = pickDeregistrationCode[established ? 'established' : 'new'](rnd);
  const text = pickDeregistrationText[code](rnd);
  const blank = rnd() < AFTER_APPROVAL.blankReasonShare;
  const leftDay = nextWorkingDay(followFrom + Math.max(1, Math.round(years * 365.25)));
  const placedDay = placedDraw < AFTER_APPROVAL.placedShare ? nextWorkingDay(approvedDay + placementDays) : null;
  const left = leftDay <= asOfDay ? leftDay : null;
  const placed = placedDay !== null && placedDay <= asOfDay && (left === null || placedDay < left) ? placedDay : null;
  return {
    firstPlacementDate: placed === null ? null : dayToIso(placed),
    deregisteredDate: left === null ? null : dayToIso(left),
    deregistrationReason: left === null || blank ? null : text,
    deregistrationCode: left === null ? null : blank ? 'OTHER' : code,
  };
}

/**
 * The carers list: one row per approved household. Households approved from
 * the generated enquiries carry their enquiry reference (and the same dates as
 * the wide export); an established stock approved before the enquiries start
 * stands alone (no enquiry reference). Ordered by approval date, ids FC-00001...
 * @param {GenerateOptions} opts
 * @returns {import('./generate.d.mts').Carer[]}
 */
export function generateCarers(opts) {
  const ctx = createContext(opts);
  const rnd = createRng(ctx.seed ^ ESTABLISHED_STREAM);
  const since = isoToDay(AFTER_APPROVAL.establishedSince);
  const stock = Math.round(ctx.count * AFTER_APPROVAL.establishedPerEnquiry);
  /** @type {Omit<import('./generate.d.mts').Carer, 'carerId'>[]} */
  const rows = [];
  for (let i = 0; i < stock; i++) {
    const approved = nextWorkingDay(since + Math.floor(rnd() * (ctx.startDay - 1 - since)));
    const after = afterApproval(rnd, Math.min(approved, ctx.startDay - 1), ctx.asOfDay, true, ctx.startDay);
    rows.push({ enquiryRef: null, approvedDate: dayToIso(Math.min(approved, ctx.startDay - 1)), ...after });
  }
  for (const e of iterateEnquiries(opts)) {
    if (e.duplicate || !e.approvedDate) continue;
    const { firstPlacementDate, deregisteredDate, deregistrationReason, deregistrationCode } = e;
    rows.push({ enquiryRef: e.ref, approvedDate: e.approvedDate, firstPlacementDate, deregisteredDate, deregistrationReason, deregistrationCode });
  }
  rows.sort((a, b) => (a.approvedDate < b.approvedDate ? -1 : a.approvedDate > b.approvedDate ? 1 : 0));
  return rows.map((r, i) => ({ carerId: `FC-${String(i + 1).padStart(5, '0')}`, ...r }));
}

export const CARERS_HEADER = ['Carer ID', 'Enquiry Ref', 'Date Approved', 'First Placement Date', 'Date Deregistered', 'Reason for Deregistration'];

/** The carers list as CSV (UK dates, CRLF). @param {import('./generate.d.mts').Carer[]} carers */
export function toCarersCsv(carers) {
  let out = CARERS_HEADER.join(',') + EOL;
  for (const c of carers) {
    out += [
      c.carerId, csvField(c.enquiryRef), isoToUk(c.approvedDate), isoToUk(c.firstPlacementDate),
      isoToUk(c.deregisteredDate), csvField(c.deregistrationReason),
    ].join(',') + EOL;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Summary (used by the CLI and data/README.md)
// ---------------------------------------------------------------------------

/**
 * Counts per stage reached (furthest stage at or beyond), by status, and open cases.
 * Duplicate rows are ignored.
 * @param {Iterable<Enquiry>} enquiries
 * @returns {import('./generate.d.mts').Summary}
 */
export function summarise(enquiries) {
  /** @type {Record<string, number>} */
  const reached = Object.fromEntries(STAGES.map((s) => [s.id, 0]));
  /** @type {Record<string, number>} */
  const byStatus = {};
  let enquiriesCount = 0, duplicates = 0, open = 0;
  for (const e of enquiries) {
    if (e.duplicate) {
      duplicates++;
      continue;
    }
    enquiriesCount++;
    const idx = STAGES.findIndex((s) => s.id === e.furthestStage);
    for (let i = 0; i <= idx; i++) reached[STAGES[i].id]++;
    byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    if (OPEN_STATUSES.includes(e.status)) open++;
  }
  return {
    enquiries: enquiriesCount,
    duplicateRows: duplicates,
    reached: /** @type {import('./generate.d.mts').Summary['reached']} */ (reached),
    byStatus,
    open,
  };
}
