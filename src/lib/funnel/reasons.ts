import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { lit, raw, sql } from '../engine/sql';
import { BLANK, whereSql } from './filters';
import { groupColumnSql } from './breakdowns';
import { visibleStages } from './settings';

/**
 * Exit categories: Ofsted's applicant withdrawal codes plus agency-led and
 * administrative exits, and those whose record says neither why nor who ended
 * them (no reason, or one no rule reads, under a status such as "NFA").
 */
export const EXIT_CATEGORIES = [
  { code: 'AW1', label: 'Fostering not as expected', group: 'Applicant withdrew' },
  { code: 'AW2', label: 'Assessment process not as expected', group: 'Applicant withdrew' },
  { code: 'AW3', label: 'Household circumstances changed', group: 'Applicant withdrew' },
  { code: 'AW4', label: 'Financial reasons', group: 'Applicant withdrew' },
  { code: 'AW5', label: 'Worried about allegations', group: 'Applicant withdrew' },
  { code: 'AW0', label: 'Other or unknown', group: 'Applicant withdrew' },
  { code: 'COUNSELLED_OUT', label: 'Counselled out', group: 'Agency decision' },
  { code: 'CHECKS', label: 'Concern from checks or references', group: 'Agency decision' },
  { code: 'PANEL_NOT_SUITABLE', label: 'Panel: not suitable', group: 'Agency decision' },
  { code: 'LOST_CONTACT', label: 'Lost contact / no response', group: 'Administrative' },
  { code: 'DUPLICATE', label: 'Duplicate enquiry', group: 'Administrative' },
  { code: 'KINSHIP', label: 'Redirected to kinship / connected person', group: 'Administrative' },
  { code: 'OTHER_AGENCY', label: 'Went to another agency (IFA)', group: 'Applicant withdrew' },
  { code: 'NOT_KNOWN', label: 'Not recorded or not recognised', group: 'Not known' },
] as const;

export type ExitCode = (typeof EXIT_CATEGORIES)[number]['code'];

/**
 * Keyword rules, checked in order: the first whose pattern matches the
 * lower-cased reason (or, failing that, the status) gives the category.
 * Patterns are DuckDB regular expressions.
 */
export const DEFAULT_REASON_RULES: { code: ExitCode; pattern: string }[] = [
  { code: 'DUPLICATE', pattern: 'duplicat|already on (the |our )?(system|records?|database)|(see|same as) (the )?(earlier|previous|other) (record|enquiry)' },
  { code: 'KINSHIP', pattern: 'kinship|connected person|family and friends|special guardian|\\bsgo\\b' },
  { code: 'PANEL_NOT_SUITABLE', pattern: 'not suitable|unsuitable|panel (did not|didn.t) recommend|not recommended|not approved' },
  { code: 'COUNSELLED_OUT', pattern: 'counsel+ed out|counsel+ing out|advised not|agency decision not to proceed' },
  // Before the checks' "concern": a worry of the applicant's own (allegations; their own children) is theirs, not the agency's.
  { code: 'AW5', pattern: 'allegation' },
  { code: 'AW1', pattern: 'own child|birth child|impact on (own|our|their|my|the) (family|children|child)' },
  { code: 'CHECKS', pattern: '\\bdbs\\b|check|reference|medical|safeguarding|police|criminal|concern' },
  { code: 'LOST_CONTACT', pattern: 'no response|not respond|did not respond|didn.t respond|lost contact|no contact|unable to contact|could not contact|no reply|uncontactable|disengag' },
  { code: 'AW4', pattern: 'financ|money|afford|income|allowance|pay|give up work|cost|mortgage|bills|reduce (my |their |our )?hours' },
  { code: 'OTHER_AGENCY', pattern: '\\bifa\\b|independent (fostering )?agency|another agency|other agency|different agency' },
  // After the agencies: "already registered with another agency" is a carer lost to one, not a duplicate.
  { code: 'DUPLICATE', pattern: 'already (enquired|registered)' },
  { code: 'AW2', pattern: 'process|too long|assessment|paperwork|intrusive|delay|communication|slow' },
  { code: 'AW3', pattern: 'circumstance|moving|\\bmoved\\b|move house|relocat|pregnan|health|illness|bereave|divorce|separat|relationship|job|work|housing|bedroom|spare room|space|caring for|new baby' },
  { code: 'AW1', pattern: 'not what|not as expected|expect|not ready|not the right time|timing|changed (their|his|her) mind|no longer interested|not interested|age of child|wanted to adopt|adopt|did not realise|didn.t realise|birth famil' },
];

/**
 * Read when no rule reads the reason or the status: a reason or status that
 * says the applicant withdrew ("Withdrawn", "Personal reasons") is Ofsted's
 * AW0, other or unknown; anything else is NOT_KNOWN.
 */
const APPLICANT_WITHDREW_PATTERN = 'withdr|personal|applicant';

/** A user's own overrides: exact reason text (trimmed) -> category. */
export type ReasonOverrides = Record<string, ExitCode>;

/** SQL expression giving the exit category of a journeys row. */
export function reasonCategorySql(overrides: Readonly<Record<string, string>> = {}, rules = DEFAULT_REASON_RULES): string {
  const o = Object.entries(overrides).map(([text, code]) => `WHEN reason = ${lit(text)} THEN ${lit(code)}`);
  const text = `lower(coalesce(reason, ''))`;
  const status = `lower(coalesce(status, ''))`;
  const r = rules.map((x) => `WHEN regexp_matches(${text}, ${lit(x.pattern)}) THEN ${lit(x.code)}`);
  const s = rules.map((x) => `WHEN regexp_matches(${status}, ${lit(x.pattern)}) THEN ${lit(x.code)}`);
  const withdrew = `WHEN regexp_matches(${text}, ${lit(APPLICANT_WITHDREW_PATTERN)}) OR regexp_matches(${status}, ${lit(APPLICANT_WITHDREW_PATTERN)}) THEN 'AW0'`;
  // Otherwise neither why nor who is known ("NFA" with no reason is most often no response, or not
  // pursued by either side): not guessed, and not counted as the applicant's withdrawal.
  return `CASE ${o.join(' ')} ${r.join(' ')} ${s.join(' ')} ${withdrew} ELSE 'NOT_KNOWN' END`;
}

export interface ReasonRow {
  stage: string;
  code: ExitCode;
  n: number;
}

export interface ReasonText {
  reason: string | null;
  code: ExitCode;
  n: number;
}

/** Exits are categorised with the user's own overrides (reason text -> category) first. */
export interface ExitReasonsParams extends MetricParams {
  overrides?: ReasonOverrides;
}

/** Exits per stage (the furthest stage reached) and category, under the filters, most common first within a stage. */
export const exitReasonsMetric: MetricSpec<ExitReasonsParams, ReasonRow[]> = {
  name: 'exitReasons',
  what: 'the reasons people left',
  sql({ filters, overrides }) {
    // Categorised once per distinct (stage, reason, status), not once per row: the regexes are the cost.
    return {
      exits: sql`SELECT furthest, ${raw(reasonCategorySql(overrides))} AS code, sum(c)::INTEGER AS n
        FROM (SELECT furthest, reason, status, count(*) AS c FROM journeys WHERE outcome = 'left' AND ${raw(whereSql(filters))} GROUP BY ALL)
        GROUP BY ALL ORDER BY furthest, n DESC`,
    };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    return (rows.exits as { furthest: number; code: ExitCode; n: number }[]).map((r) => ({ stage: stages[r.furthest].id, code: r.code, n: r.n }));
  },
};

/** What reasonsUnreadMetric is asked with: the column naming each enquiry's service. */
export interface ReasonsUnreadParams extends ExitReasonsParams {
  column: string;
}

/** A service of a hub whose leavers mostly have no reason the rules read (reasonsUnreadMetric). */
export interface UnreadService {
  service: string;
  /** Its leavers, and those of them with no reason read. */
  left: number;
  unread: number;
}

/**
 * The services (values of `column`, a hub's) more than half of whose leavers
 * have no reason the rules read ("not recorded or not recognised"), most
 * often because the service's export has no reason column and only some of
 * its statuses say why ("Counselled out"). With their leavers, in order of
 * name; enquiries with no service are left out.
 */
export const reasonsUnreadMetric: MetricSpec<ReasonsUnreadParams, UnreadService[]> = {
  name: 'reasonsUnread',
  what: 'the services whose reasons are not recorded',
  sql({ filters, overrides, column }) {
    return {
      services: sql`SELECT service, sum(c)::INTEGER AS "left", coalesce(sum(c) FILTER (WHERE code = 'NOT_KNOWN'), 0)::INTEGER AS unread
        FROM (SELECT service, ${raw(reasonCategorySql(overrides))} AS code, c
          FROM (SELECT coalesce(${raw(groupColumnSql(column))}, ${BLANK}) AS service, reason, status, count(*) AS c
            FROM journeys WHERE outcome = 'left' AND ${raw(whereSql(filters))} GROUP BY ALL))
        GROUP BY 1 ORDER BY 1`,
    };
  },
  shape: (rows) => (rows.services as unknown as UnreadService[]).filter((r) => r.service !== BLANK && r.unread * 2 > r.left),
};

/** The texts listed are cut at `limit` (300 unless given); filters do not apply (the rules are the whole dataset's). */
export interface ReasonTextsParams extends ExitReasonsParams {
  limit?: number;
}

/** The distinct reason texts of those who left (those set aside too, so they can be read otherwise), with the category each maps to, most common first (for checking the rules). */
export const reasonTextsMetric: MetricSpec<ReasonTextsParams, ReasonText[]> = {
  name: 'reasonTexts',
  what: 'the list of reasons given',
  sql({ overrides, limit = 300 }) {
    return {
      texts: sql`SELECT reason, ${raw(reasonCategorySql(overrides))} AS code, sum(c)::INTEGER AS n
        FROM (SELECT reason, status, count(*) AS c
          FROM (SELECT reason, status FROM journeys WHERE outcome = 'left' UNION ALL SELECT reason, status FROM set_aside) GROUP BY ALL)
        GROUP BY ALL ORDER BY n DESC LIMIT ${limit}`,
    };
  },
  shape: (rows) => rows.texts as unknown as ReasonText[],
};
