import type { Engine } from '../engine/engine';
import { hasAny, words } from '../ingest/normalise';
import { breakdown, OTHER } from './breakdowns';
import { BLANK, type Filters } from './filters';
import { groupVsRest, type StepComparison } from './comparisons';
import type { FunnelSettings } from './settings';

/** The equality dimensions we look for among the export's columns. */
export const EQUALITY_DIMENSIONS = [
  { id: 'ethnicity', name: 'Ethnicity', phrases: ['ethnicity', 'ethnic', 'race'] },
  { id: 'disability', name: 'Disability', phrases: ['disability'] },
  { id: 'sexual_orientation', name: 'Sexual orientation', phrases: ['sexual orientation', 'lgbt', 'lgbtq'] },
  { id: 'age', name: 'Age', phrases: ['age band', 'age group', 'age range', 'age'] },
  { id: 'religion', name: 'Religion or belief', phrases: ['religion', 'belief'] },
  { id: 'household', name: 'Household', phrases: ['household', 'family type', 'marital', 'relationship status'] },
  { id: 'sex', name: 'Sex or gender', phrases: ['gender', 'sex'] },
] as const;

/** Attribute columns that hold equality information, with the dimension each belongs to. */
export function equalityColumns(attributes: readonly string[]): { column: string; dimension: string }[] {
  const out: { column: string; dimension: string }[] = [];
  for (const col of attributes) {
    const ws = words(col);
    const dim = EQUALITY_DIMENSIONS.find((d) => hasAny(ws, [...d.phrases]) && !(d.id === 'sex' && hasAny(ws, ['sexual orientation'])));
    if (dim) out.push({ column: col, dimension: dim.name });
  }
  return out;
}

/** Groups smaller than this are flagged as small (still shown, never hidden). */
export const SMALL_GROUP = 20;

export interface EqualityGroup {
  group: string;
  enquiries: number;
  small: boolean;
  steps: StepComparison[];
  /** Steps where this group converts significantly below everyone else. */
  behindAt: string[];
}

export interface EqualityResult {
  column: string;
  dimension: string;
  groups: EqualityGroup[];
}

/**
 * For each equality column: every group's conversion at each step with
 * intervals, compared with everyone else (Fisher's exact test), and the
 * steps where it is significantly behind. "Not recorded" is a group too.
 */
export async function equalityReport(engine: Engine, s: FunnelSettings, attributes: readonly string[], filters?: Filters): Promise<EqualityResult[]> {
  const out: EqualityResult[] = [];
  for (const { column, dimension } of equalityColumns(attributes)) {
    const groups = await breakdown(engine, s, column, filters, 0);
    if (groups.length < 2) {
      out.push({ column, dimension, groups: groups.map((g) => ({ group: g.group, enquiries: g.total, small: g.total < SMALL_GROUP, steps: [], behindAt: [] })) });
      continue;
    }
    const cmp = groupVsRest(groups);
    out.push({
      column,
      dimension,
      groups: groups.map((g, i) => ({
        group: g.group,
        enquiries: g.total,
        small: g.total < SMALL_GROUP,
        steps: cmp[i].steps,
        behindAt: cmp[i].steps.filter((x) => x.verdict === 'lower').map((x) => x.stage),
      })),
    });
  }
  return out;
}

export { BLANK, OTHER };
