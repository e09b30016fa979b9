/**
 * Reading the canonical tables back row by row in ingest tests: dates as ISO
 * text so expected rows are plain literals.
 */
import type { Engine } from '../../../src/lib/engine/engine';
import { ident } from '../../../src/lib/engine/sql';
import { attributeColumn } from '../../../src/lib/schema';

export interface EnquiryRow {
  id: string;
  enquiry_date: string | null;
  campaign: string | null;
  source: string | null;
  status: string | null;
  outcome_hint: string | null;
  reason: string | null;
  exit_date: string | null;
  current_stage: string | null;
  last_date: string | null;
  rows: number;
}

/** Every row of the `enquiries` view (canonical columns only), ordered by id. */
export function enquiries(e: Engine): Promise<EnquiryRow[]> {
  return e.query<EnquiryRow>(`SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS enquiry_date, campaign, source, status,
      outcome_hint, reason, strftime(exit_date, '%Y-%m-%d') AS exit_date, current_stage,
      strftime(last_date, '%Y-%m-%d') AS last_date, rows
    FROM enquiries ORDER BY id`);
}

/** An expected enquiry row: nulls except what is given; last_date defaults to the enquiry date. */
export function enq(id: string, enquiry_date: string, more: Partial<EnquiryRow> = {}): EnquiryRow {
  return {
    id, enquiry_date, campaign: null, source: null, status: null, outcome_hint: null, reason: null,
    exit_date: null, current_stage: null, last_date: more.exit_date ?? enquiry_date, rows: 1, ...more,
  };
}

export interface EventRow {
  id: string;
  stage: string;
  date: string;
}

/** Every row of the `events` view, ordered by id, date, stage. */
export function events(e: Engine): Promise<EventRow[]> {
  return e.query<EventRow>(`SELECT id, stage, strftime(date, '%Y-%m-%d') AS date FROM events ORDER BY id, date, stage`);
}

/** Expected events from [id, stage, date] triples. */
export function evs(...rows: [string, string, string][]): EventRow[] {
  return rows.map(([id, stage, date]) => ({ id, stage, date }));
}

/** Values of the attribute columns (see schema.ts) by id, under the export's own names. */
export async function attributes(e: Engine, ...names: string[]): Promise<Record<string, unknown>[]> {
  const cols = names.map((n) => `${attributeColumn(n)} AS ${ident(n)}`).join(', ');
  return e.query(`SELECT id, ${cols} FROM enquiries ORDER BY id`);
}

/** Bytes from text pieces (encoded as UTF-8) and single byte values. */
export function bytes(...parts: (string | number)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else for (const b of new TextEncoder().encode(p)) out.push(b);
  }
  return new Uint8Array(out);
}

/** UTF-16 little-endian bytes with a byte-order mark (Excel's "Unicode text"). */
export function utf16le(text: string): Uint8Array {
  const b = new Uint8Array(2 + text.length * 2);
  b[0] = 0xff;
  b[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    b[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    b[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return b;
}
