import type { Engine } from '../engine/engine';
import { detectRoles } from './detect';
import type { FileMapping, LabelTarget } from './mapping';
import { rawColumn, type RawFile } from './read';
import { classifyStageLabel, classifyStatus, type Outcome } from './stages';

/** How many of a column's values are given a meaning: the most common, by how often they occur. */
const VALUE_LIMIT = 200;

/** Distinct trimmed values of a file's column with their counts, most common first. */
async function distinctValues(engine: Engine, raw: RawFile, column: string, limit = VALUE_LIMIT): Promise<{ value: string; n: number }[]> {
  // Counting raw values first and cleaning only the distinct ones is much cheaper on big files.
  return engine.query<{ value: string; n: number }>(
    `SELECT clean_text(raw) AS value, sum(n)::INTEGER AS n
     FROM (SELECT ${rawColumn(raw, column)} AS raw, count(*) AS n FROM ${raw.table} GROUP BY 1)
     WHERE clean_text(raw) IS NOT NULL GROUP BY 1 ORDER BY n DESC, value LIMIT ${limit}`,
  );
}

/** A stable key for "exports with the same columns", to remember corrections. */
export function columnSignature(columns: readonly string[]): string {
  return columns.map((c) => c.trim().toLowerCase()).join('\u241f');
}

/** The kind of file and the column of each role, from the header and sample rows; a remembered mapping wins where it says something. */
export function proposeRoles(raw: RawFile, remembered?: FileMapping): FileMapping {
  const guess = detectRoles(raw.columns, raw.dialect.sample);
  const kind = remembered?.kind ?? guess.kind;
  const roles = remembered ? { ...guess.roles, ...remembered.roles } : guess.roles;
  return { kind, roles, statusValues: {}, stageLabels: {} };
}

/** Where the values of a file's status and stage-label columns are counted: distinct values with their counts, most common first. */
type ValueCounter = (column: string) => Promise<{ value: string }[]>;

/**
 * The meaning of each status value and stage label a file holds (counted by
 * `values`), from the words themselves; a remembered mapping wins for the
 * values it names.
 */
async function withValues(m: FileMapping, values: ValueCounter, remembered?: FileMapping): Promise<FileMapping> {
  const statusValues: Record<string, Outcome> = {};
  const stageLabels: Record<string, LabelTarget> = {};
  if (m.roles.status) {
    for (const { value } of await values(m.roles.status)) {
      statusValues[value] = remembered?.statusValues[value] ?? classifyStatus(value) ?? 'open';
    }
  }
  const labelCol = labelColumn(m);
  if (labelCol) {
    for (const { value } of await values(labelCol)) {
      const known = remembered?.stageLabels[value];
      if (known) stageLabels[value] = known;
      else {
        const c = classifyStageLabel(value);
        stageLabels[value] = c.kind === 'stage' ? c.stage : c.kind === 'exit' ? 'exit' : 'ignore';
      }
    }
  }
  return { ...m, statusValues, stageLabels };
}

/**
 * The app's first reading of a file read as text: roles from the header and
 * sample, then the meaning of each status value and stage label found in the
 * whole file. A remembered mapping wins where it says something.
 */
export async function proposeMapping(engine: Engine, raw: RawFile, remembered?: FileMapping): Promise<FileMapping> {
  return withValues(proposeRoles(raw, remembered), (column) => distinctValues(engine, raw, column), remembered);
}

/**
 * As proposeMapping for a file staging has read with the roles `m` gives
 * (stageRows): its values counted in the table it wrote (staged, or the
 * enquiries of a direct write), where they are clean
 * text already (`status`, and `stage_label` or an event log's `label`).
 */
export async function proposeStagedValues(engine: Engine, m: FileMapping, staged: string, remembered?: FileMapping): Promise<FileMapping> {
  const column = (c: string) => (c === m.roles.status ? 'status' : m.kind === 'events' ? 'label' : 'stage_label');
  return withValues(m, (c) => engine.query<{ value: string }>(
    `SELECT ${column(c)} AS value, count(*) AS n FROM ${staged} WHERE ${column(c)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, value LIMIT ${VALUE_LIMIT}`,
  ), remembered);
}

/** The column of a file's stage labels: an event log's milestones, else the current stage. */
const labelColumn = (m: FileMapping) => (m.kind === 'events' ? m.roles.milestone : m.roles.currentStage);

/** The status and stage-label columns of a file: the ones whose values have a meaning to propose. */
export function valueColumns(m: FileMapping): string[] {
  return [m.roles.status, labelColumn(m)].filter((c): c is string => !!c);
}

/**
 * As proposeMapping's meanings, for the values of a sample of the file
 * (column name → value → times seen, see sampleValues): the most common
 * VALUE_LIMIT, as proposeMapping keeps (a free-text column would otherwise
 * give a CASE of thousands of values to every row).
 */
export function proposeSampledValues(m: FileMapping, sample: ReadonlyMap<string, ReadonlyMap<string, number>>, remembered?: FileMapping): Promise<FileMapping> {
  return withValues(m, async (c) => [...(sample.get(c) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, VALUE_LIMIT).map(([value]) => ({ value })), remembered);
}

/** Status values the app could not read by itself (shown so the user can check them). */
export function unrecognisedStatuses(m: FileMapping): string[] {
  return Object.keys(m.statusValues).filter((v) => classifyStatus(v) === null);
}

/** Stage labels the app could not read by itself. */
export function unrecognisedLabels(m: FileMapping): string[] {
  return Object.keys(m.stageLabels).filter((v) => classifyStageLabel(v).kind === 'unknown');
}
