import { STANDARD_STAGES } from '../ingest/stages';

/** One stage of the journey as the user configured it. */
export interface StageSetting {
  /** Stable id: a standard id ("stage1") or a slug of a custom stage's name. */
  id: string;
  name: string;
  hidden: boolean;
}

/** How the funnel is computed; all of it lives in the URL. */
export interface FunnelSettings {
  /** Every stage in journey order, hidden ones included. */
  stages: StageSetting[];
  /** Figures are as at this ISO date; null means the latest date in the data. */
  asOf: string | null;
  /** Open enquiries idle longer than this many days at a stage are "stalled"... */
  stalledDays: number;
  /** ...unless their stage has a threshold of its own here (stage id -> days). */
  stalledDaysByStage: Record<string, number>;
  /** Days allowed from application to panel (National Minimum Standard 14: 8 months). */
  panelStandardMonths: number;
  /** Working days allowed from enquiry to initial visit. */
  visitStandardWorkingDays: number;
  /** Leave out of every figure the enquiries closed as duplicates or redirected to kinship (see setAside.ts). */
  setAside: boolean;
  /**
   * With `setAside`, the user's own reading of reason texts, text to exit
   * category (reasons.ts's ReasonOverrides; they decide which closes are
   * duplicates or kinship): filled in from this browser's preferences, never
   * written to a link.
   */
  setAsideOverrides?: Readonly<Record<string, string>>;
}

/** The standard journey and thresholds. */
export function defaultSettings(): FunnelSettings {
  return {
    stages: STANDARD_STAGES.map((s) => ({ id: s.id, name: s.name, hidden: false })),
    asOf: null,
    stalledDays: 60,
    stalledDaysByStage: {},
    panelStandardMonths: 8,
    visitStandardWorkingDays: 10,
    setAside: false,
  };
}

/** The settings with the reason overrides that decide what is set aside, when anything is (see FunnelSettings.setAsideOverrides). */
export function withSetAsideOverrides(s: FunnelSettings, overrides: () => Readonly<Record<string, string>>): FunnelSettings {
  if (s.setAside) return { ...s, setAsideOverrides: overrides() };
  if (!s.setAsideOverrides) return s;
  const { setAsideOverrides: _, ...rest } = s;
  return rest;
}

/** Visible stages in order. */
export function visibleStages(s: FunnelSettings): StageSetting[] {
  return s.stages.filter((x) => !x.hidden);
}

/** "Enquiry → Initial visit": the step into a visible stage (by id), as every view, summary and report names it. */
export function stepNamer(s: FunnelSettings): (id: string) => string {
  const stages = visibleStages(s);
  return (id) => {
    const i = stages.findIndex((x) => x.id === id);
    return `${stages[i - 1]?.name ?? ''} → ${stages[i]?.name ?? id}`;
  };
}

/** A URL- and id-safe slug for a custom stage name. */
export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'stage';
}

/**
 * For every stage id (hidden included), the index of the visible stage its
 * evidence counts towards: itself, or the last visible stage before it.
 * -1 when no visible stage comes at or before it.
 */
export function visibleIndexOf(s: FunnelSettings): Map<string, number> {
  const out = new Map<string, number>();
  let vis = -1;
  for (const st of s.stages) {
    if (!st.hidden) vis++;
    out.set(st.id, vis);
  }
  return out;
}

/** Days without progress after which an open enquiry at a stage is stalled. */
export function stalledThreshold(s: FunnelSettings, stageId: string): number {
  return s.stalledDaysByStage[stageId] ?? s.stalledDays;
}
