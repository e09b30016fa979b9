import type { Engine } from '../engine/engine';
import { detectRoles } from './detect';
import type { FileMapping, LabelTarget } from './mapping';
import { rawColumn, type RawFile } from './read';
import { classifyStageLabel, classifyStatus, type Outcome } from './stages';

/** Distinct trimmed values of a file's column with their counts, most common first. */
export async function distinctValues(engine: Engine, raw: RawFile, column: string, limit = 200): Promise<{ value: string; n: number }[]> {
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

/**
 * The app's first reading of a file: roles from the header and sample, then
 * the meaning of each status value and stage label found in the whole file.
 * A remembered mapping for the same columns wins where it says something.
 */
export async function proposeMapping(engine: Engine, raw: RawFile, remembered?: FileMapping): Promise<FileMapping> {
  const guess = detectRoles(raw.columns, raw.dialect.sample);
  const kind = remembered?.kind ?? guess.kind;
  const roles = remembered ? { ...guess.roles, ...remembered.roles } : guess.roles;
  const statusValues: Record<string, Outcome> = {};
  const stageLabels: Record<string, LabelTarget> = {};
  if (roles.status) {
    for (const { value } of await distinctValues(engine, raw, roles.status)) {
      statusValues[value] = remembered?.statusValues[value] ?? classifyStatus(value) ?? 'open';
    }
  }
  const labelCol = kind === 'events' ? roles.milestone : roles.currentStage;
  if (labelCol) {
    for (const { value } of await distinctValues(engine, raw, labelCol)) {
      const known = remembered?.stageLabels[value];
      if (known) stageLabels[value] = known;
      else {
        const m = classifyStageLabel(value);
        stageLabels[value] = m.kind === 'stage' ? m.stage : m.kind === 'exit' ? 'exit' : 'ignore';
      }
    }
  }
  return { kind, roles, statusValues, stageLabels };
}

/** Status values the app could not read by itself (shown so the user can check them). */
export function unrecognisedStatuses(m: FileMapping): string[] {
  return Object.keys(m.statusValues).filter((v) => classifyStatus(v) === null);
}

/** Stage labels the app could not read by itself. */
export function unrecognisedLabels(m: FileMapping): string[] {
  return Object.keys(m.stageLabels).filter((v) => classifyStageLabel(v).kind === 'unknown');
}
