import { isoDate, toDayNumber } from '../stats/isoDate';

/** The planner's choices as they live in the link (the per-view `ui` record). */
export interface PlanChoices {
  target: number | null;
  by: string | null;
  /** Conversion lever: stage id and percentage points. */
  convStage: string | null;
  convPoints: number;
  /** Shorter-step lever: stage id and days. */
  fastStage: string | null;
  fastDays: number;
  /** Spend lever: from and to campaign, pounds. */
  moveFrom: string | null;
  moveTo: string | null;
  moveAmount: number;
}

/** Link keys (letters only, as the URL state requires; "p" first so they never meet another view's keys). */
export const PLAN_KEYS = {
  target: 'ptarget', by: 'pby', convStage: 'pcstep', convPoints: 'pcpts', fastStage: 'pfstep', fastDays: 'pfdays',
  moveFrom: 'pmfrom', moveTo: 'pmto', moveAmount: 'pmamt',
} as const;

/**
 * A date typed by the user as ISO (2028-03-31) or UK style (31/03/2028), as
 * ISO; null when it is not a real calendar date.
 */
export function parseDateInput(text: string): string | null {
  const t = text.trim();
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (uk) iso = isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  if (!iso) return null;
  try {
    toDayNumber(iso);
    // isoDate rolls 31/02 over into March: only dates that read back the same are real.
    return uk && (Number(iso.slice(8)) !== Number(uk[1]) || Number(iso.slice(5, 7)) !== Number(uk[2])) ? null : iso;
  } catch {
    return null;
  }
}

const num = (v: string | undefined, min: number, max: number): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};

/**
 * The changes "What if…" starts from: a modest step a service could aim for
 * (five points of conversion, a month off a step), so each row says what such
 * a change would add before anything is typed, not "+0".
 */
export const DEFAULT_LEVERS = { convPoints: 5, fastDays: 30 } as const;

/** Reads the planner's choices from the link's `ui` record (anything unreadable is left unset). */
export function readChoices(ui: Record<string, string>): PlanChoices {
  const by = ui[PLAN_KEYS.by] ? parseDateInput(ui[PLAN_KEYS.by]) : null;
  return {
    target: num(ui[PLAN_KEYS.target], 0, 1e6),
    by,
    convStage: ui[PLAN_KEYS.convStage] || null,
    convPoints: num(ui[PLAN_KEYS.convPoints], -100, 100) ?? DEFAULT_LEVERS.convPoints,
    fastStage: ui[PLAN_KEYS.fastStage] || null,
    fastDays: num(ui[PLAN_KEYS.fastDays], 0, 3650) ?? DEFAULT_LEVERS.fastDays,
    moveFrom: ui[PLAN_KEYS.moveFrom] || null,
    moveTo: ui[PLAN_KEYS.moveTo] || null,
    moveAmount: num(ui[PLAN_KEYS.moveAmount], 0, 1e9) ?? 0,
  };
}

/** The default target date: the 31 March at least a year after the as-of date (a financial year end). */
export function defaultBy(asOf: string): string {
  const year = Number(asOf.slice(0, 4)) + 1;
  const end = isoDate(year, 3, 31);
  return end >= isoDate(year, Number(asOf.slice(5, 7)), Number(asOf.slice(8, 10))) ? end : isoDate(year + 1, 3, 31);
}
