import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { hasAny, words } from '../ingest/normalise';
import { breakdownsMetric, breakdownsWithinMetric, OTHER, type GroupFunnel } from './breakdowns';
import { serviceColumn } from '../ingest/service';
import { BLANK, keepsOneValue } from './filters';
import { SMALL_N } from '../thresholds';
import { adjustFamily, withAdjustedP, compareFunnels, compareFunnelsWithin, groupVsRest, groupVsRestWithin, poolOf, type AdjustedComparison } from './comparisons';

/** The equality dimensions we look for among the export's columns. */
const EQUALITY_DIMENSIONS = [
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

/**
 * Equality compares each step among those whose step is decided (went on or
 * left): open enquiries are not losses, and a group with more recent cases
 * would otherwise look as if it lost them (most of that bias, not all: see
 * StepBasis).
 */
const EQUALITY_BASIS = 'decided' as const;

/** One step of a group's comparison with everyone else, adjusted for every comparison made on the view. */
export type EqualityStep = AdjustedComparison;

export interface EqualityGroup {
  group: string;
  enquiries: number;
  small: boolean;
  steps: EqualityStep[];
  /** Steps where this group converts below everyone else after adjustment. */
  behindAt: string[];
  /** Steps where it is below before adjustment only (not conclusive). */
  watchAt: string[];
}

/** A chosen set of groups pooled and compared with the other recorded groups. */
export interface PooledComparison {
  members: string[];
  /** Enquiries in the pool and among the others it is compared with. */
  enquiries: number;
  restEnquiries: number;
  steps: EqualityStep[];
  behindAt: string[];
  /** Tests in this comparison's family (its steps). */
  comparisons: number;
}

export interface EqualityResult {
  column: string;
  dimension: string;
  /** The column whose values the groups were compared within (a hub's service), or null: compared across everyone. */
  within: string | null;
  /** Services (of `within`) that record nothing in this field: all their enquiries are "Not recorded". */
  unrecorded: { service: string; enquiries: number }[];
  groups: EqualityGroup[];
  /** Tests made for this field (every group × step that could be tested); all fields' tests are one family. */
  comparisons: number;
  pooled: PooledComparison | null;
}

/** One field's comparison, before any pool and what the services record is added. */
export type FieldAssessment = Omit<EqualityResult, 'pooled' | 'unrecorded'>;

/** One equality field's groups, before comparison. */
export interface FieldGroups {
  column: string;
  dimension: string;
  groups: readonly GroupFunnel[];
  /** The same groups within each stratum (a hub's services) and the column naming the strata: each comparison is then made within them. */
  strata?: { column: string; groups: readonly (readonly GroupFunnel[])[] };
}

/**
 * Every group of every field against everyone else in its field at each step,
 * adjusted together (Holm) for all the comparisons made across the fields:
 * the pure core of the report. One family for the whole view keeps the chance
 * of any false "behind" on the page at 5%, however many fields the export has.
 */
export function assessFields(fields: readonly FieldGroups[]): FieldAssessment[] {
  const opts = { basis: EQUALITY_BASIS };
  const raw = fields.map((f) => (f.groups.length < 2 ? []
    : (f.strata ? groupVsRestWithin(f.groups, f.strata.groups, opts) : groupVsRest(f.groups, opts)).map((c) => c.steps)));
  // With two groups, each against the rest is one test seen from both sides (the same p-value): counted once.
  const tested = raw.map((rows) => (rows.length === 2 ? rows.slice(0, 1) : rows));
  const { steps } = adjustFamily(tested.flat());
  let row = 0;
  return fields.map((f, i) => {
    const adjusted = tested[i].length ? steps.slice(row, (row += tested[i].length)) : [];
    const rows = raw[i].length === 2 ? [adjusted[0], raw[i][1].map((c, k) => withAdjustedP(c, adjusted[0][k].adjustedP))] : adjusted;
    return {
      column: f.column,
      dimension: f.dimension,
      within: f.strata?.column ?? null,
      comparisons: adjusted.flat().filter((c) => c.adjustedP !== null).length,
      groups: f.groups.map((g, j) => {
        const gs = rows[j] ?? [];
        return {
          group: g.group, enquiries: g.total, small: g.total < SMALL_N, steps: gs,
          behindAt: gs.filter((x) => x.verdict === 'lower').map((x) => x.stage),
          watchAt: gs.filter((x) => x.watch).map((x) => x.stage),
        };
      }),
    };
  });
}

/**
 * The chosen groups pooled against the other recorded groups ("Not recorded"
 * stays out of the comparison unless chosen), adjusted across its steps;
 * within each stratum when `strata` are given (see FieldGroups).
 */
function assessPool(groups: readonly GroupFunnel[], members: readonly string[], strata?: FieldGroups['strata']): PooledComparison | null {
  const inPool = (gs: readonly GroupFunnel[]) => gs.filter((g) => members.includes(g.group));
  const others = (gs: readonly GroupFunnel[]) => gs.filter((g) => !members.includes(g.group) && g.group !== BLANK);
  if (!inPool(groups).length || !others(groups).length) return null;
  const opts = { basis: EQUALITY_BASIS };
  const compared = strata
    ? compareFunnelsWithin(strata.groups.map((s) => ({ a: poolOf(inPool(s), groups[0]), b: poolOf(others(s), groups[0]) })), opts)
    : compareFunnels(poolOf(inPool(groups)), poolOf(others(groups)), opts);
  const { steps, comparisons } = adjustFamily([compared]);
  return {
    members: inPool(groups).map((g) => g.group),
    enquiries: inPool(groups).reduce((n, g) => n + g.total, 0),
    restEnquiries: others(groups).reduce((n, g) => n + g.total, 0),
    steps: steps[0],
    behindAt: steps[0].filter((x) => x.verdict === 'lower').map((x) => x.stage),
    comparisons,
  };
}

/** What the equality report is asked with. */
export interface EqualityParams extends MetricParams {
  /** Per equality column, groups to pool and compare with the other recorded groups. */
  pools?: Record<string, string[]>;
}

/**
 * For each equality column among the export's attributes: every group's
 * conversion at each step with intervals, compared with everyone else
 * (Fisher's exact test), adjusted for every comparison made across the
 * equality columns (Holm), and the steps where it is behind after adjustment.
 * "Not recorded" is a group too. The groups are breakdownMetric's, all the
 * columns counted in one scan (breakdownsMetric). In a regional hub (several
 * services under the filters), each group is compared with the rest within
 * each service (Cochran-Mantel-Haenszel), so a gap that is the services'
 * (one losing people for its own reasons, or not recording a field) is not
 * called the group's.
 */
export const equalityMetric: MetricSpec<EqualityParams, EqualityResult[]> = {
  name: 'equality',
  what: 'the equality comparison',
  sql: () => ({}),
  async shape(_rows, { settings, filters, pools = {} }, ctx) {
    const columns = equalityColumns(ctx.attributes);
    const groups = await ctx.use(breakdownsMetric, { settings, filters, columns: columns.map((c) => c.column) });
    const service = serviceColumn(ctx.attributes);
    const within = service && columns.length && !keepsOneValue(filters, service)
      ? await ctx.use(breakdownsWithinMetric, { settings, filters, columns: columns.map((c) => c.column), within: service })
      : null;
    const fields: FieldGroups[] = columns.map(({ column, dimension }) => {
      const strata = within?.groups[column];
      return { column, dimension, groups: groups[column], ...(service && strata && strata.length > 1 ? { strata: { column: service, groups: strata } } : {}) };
    });
    return assessFields(fields).map((r, i) => {
      const pool = pools[r.column];
      const byService = fields[i].strata ? within!.groups[r.column] : [];
      const unrecorded = byService.flatMap((gs, k) => (within!.strata[k] !== BLANK && gs.length === 1 && gs[0].group === BLANK
        ? [{ service: within!.strata[k], enquiries: gs[0].total }] : []));
      return { ...r, unrecorded, pooled: pool?.length ? assessPool(fields[i].groups, pool, fields[i].strata) : null };
    });
  },
};

