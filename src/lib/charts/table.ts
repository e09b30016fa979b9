import { ticks } from 'd3';
import { fmtInt } from '../format';

/**
 * The table behind a chart: the figures it draws, for anyone who cannot see
 * the picture (WCAG 1.1.1) and for anyone who wants the numbers. Each chart
 * declares its table from the same data it hands its marks; the frame adds the
 * reference values and fixes the caption; the chart host shows it under the
 * chart and offers it as CSV.
 */

/** A figure: a number (written by its column's format), text as published (e.g. "<5"), or nothing. */
export type TableCell = string | number | null;

export interface TableColumn {
  label: string;
  /** Writes a number in this column (default: a whole number with separators). */
  format?: (value: number) => string;
}

export interface ChartTable {
  /** What the table shows (default: the chart's title). */
  caption?: string;
  /** The first column names each row. */
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
  /** Lines under the table: the reference values the chart draws, caveats. */
  notes?: readonly string[];
}

/** What a cell reads on screen: numbers by their column's format, nothing as "–". */
export function cellText(value: TableCell, column: TableColumn): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '–';
  return typeof value === 'number' ? (column.format ?? fmtInt)(value) : value;
}

/** The table as records keyed by column position, with its columns, for a CSV download (numbers stay numbers). */
export function tableRecords(table: ChartTable): { columns: { key: string; label: string }[]; records: Record<string, TableCell>[] } {
  const columns = table.columns.map((c, i) => ({ key: `c${i}`, label: c.label }));
  const records = table.rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.key, r[i] ?? null])));
  return { columns, records };
}

/**
 * Where to read a curve off for its table: about `count` round values from 0
 * to `end` (or every multiple of `every`), with `end` itself (the last day
 * known) always included.
 */
export function readingPoints(end: number, count = 8, every?: number): number[] {
  if (!(end > 0)) return [];
  const round = every ? Array.from({ length: Math.ceil(end / every) }, (_, i) => i * every) : ticks(0, end, count);
  return [...round.filter((t) => t > 0 && t < end), end];
}

/** The value of a step curve at `t`: the last point at or before it (`start` before the first). */
export function stepValue(points: readonly { time: number; value: number }[], t: number, start: number): number {
  let value = start;
  for (const p of points) {
    if (p.time > t) break;
    value = p.value;
  }
  return value;
}
