import { isoDate } from '../stats/isoDate';
import { parseDateInput } from '../format';

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
const DEFAULT_LEVERS = { convPoints: 5, fastDays: 30 } as const;

/** Reads the planner's choices from the link's `ui` record (anything unreadable is left unset). */
export function readChoices(ui: Record<string, string>): PlanChoices {
  // Read as the planner's date box reads a typed date (DateField), so a link holds what the box accepts.
  const read = ui[PLAN_KEYS.by] ? parseDateInput(ui[PLAN_KEYS.by]) : null;
  const by = read && 'iso' in read ? read.iso : null;
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
