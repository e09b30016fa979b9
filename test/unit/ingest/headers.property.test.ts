/**
 * Column names are data: whatever a header says, the reader's SQL reads the
 * file and the funnel is the truth. Headers are random strings, SQL keywords,
 * quotes, unicode, 300-character names, duplicates, and every name the ingest
 * and funnel SQL use for its own columns and aliases.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { csv, testEngine } from '../../helpers/engine';
import { emptyRoles, type FileMapping } from '../../../src/lib/ingest/mapping';
import { IngestError } from '../../../src/lib/ingest/errors';
import { attributeColumn } from '../../../src/lib/schema';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { loadDataset, ensureJourneys } from '../../../src/lib/coordinator/tables';

/** Names the ingest and funnel SQL give its own columns, tables and aliases (grep "AS " in src/lib/ingest and funnel). */
const INTERNAL = [
  'N', 'n', 'blank', 'data_rows', 'all_rows', 'r', 'line', 'problem', 'raw', 'value', 'rowid', 'id', 'enquiry_date', 'campaign',
  'source', 'status', 'outcome_hint', 'reason', 'exit_date', 'current_stage', 'label', 'date', 'stage', 'enquiry_date_col',
  'exit_date_col', '_seq', '_total', '_blank', '_rows', '_last', '_file', 'has_enquiry_event', 'last_event_date', '_enquiry_event',
  'last_date', 'rows', 'u0', 'l0', 't0', 't1', 'f0', 'r0', 'c0', 'p0', 'no_id', 'total_lines', 'bad_enq', 'missing_enq', 'example_value',
  'v', 'spend', 'col_0', 'col_1', 'col_4', 'a:x', 'a:Notes', 'd:initial_visit', 'r:initial_visit', 't:application', 'days_to_final', 'e:enquiry', 'e:initial_visit', '_u:Date of Enquiry',
  '_l:Date of Enquiry', '_m:Date of Enquiry', 'dup', 'u', 'furthest', 'outcome', 'back', 'd', 'q', 'qall', 'nall', 'skip',
  'last_stage_date', 'k', 'grp', 'g', 'memory', 'main', 'journeys', 'enquiries', 'events', 'costs', 'stage_label', '_x',
  'Encoding', 'encoding',
];
const KEYWORDS = ['select', 'FROM', 'where', 'group', 'order', 'by', 'null', 'NOT', 'and', 'or', 'table', 'union', 'all', 'case', 'when', 'end', 'desc', 'limit', 'default', 'exclude', 'pivot', 'unpivot', 'materialized'];
const QUOTES = ['"', '""', "'", "''", '`', '"a"', 'a"b', "it's", '\\', '\\"', '";DROP TABLE enquiries;--', "'); DROP TABLE x; --", '[x]', '{x}', '%s', '$1', '?'];
const UNICODE = ['Näme', 'ÉTAT', 'état', 'Ünïcödé', '日本語', '名前', 'Имя', 'اسم', '👩‍👧 family', 'ﬁeld', 'ß', 'SS', 'ǅ', 'İ', 'ı', 'e\u0301', 'é', '\u00a0nbsp\u00a0'];

// Header detection judges a line by how many cells read as labels: names that look like numbers or dates are left out.
const NUMBERISH = /^[\s£$€]*[-+]?[\d.,/:\s-]+%?\s*$|^\d{1,2}[-\s][A-Za-z]{3,9}[-\s]\d{2,4}$/;
const header = fc.oneof(
  fc.constantFrom(...INTERNAL), fc.constantFrom(...KEYWORDS), fc.constantFrom(...QUOTES), fc.constantFrom(...UNICODE),
  fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(300).slice(0, 300)),
).filter((h) => !NUMBERISH.test(h) && !/[\u0000-\u001f\u007f]/.test(h));

/** RFC 4180 quoting, every cell quoted. */
const line = (cells: readonly string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');

// The truth: 4 enquiries. Reached enquiry 4 (1 left, 1 open), initial visit 2 (1 left, 1 open).
const KNOWN = ['Ref No', 'Date of Enquiry', 'Initial Home Visit Date', 'Current Status'];
const ROWS = [
  ['R1', '01/01/2024', '10/01/2024', 'In progress'],
  ['R2', '02/01/2024', '', 'Withdrawn'],
  ['R3', '03/01/2024', '15/01/2024', 'Withdrawn'],
  ['R4', '04/01/2024', '', 'In progress'],
];
const TRUTH = { enquiry: [4, 1, 1], initial_visit: [2, 1, 1] };

/** The mapping a user would choose: the four known columns, everything else kept as breakdown attributes. */
function pinned(): FileMapping {
  return {
    kind: 'wide', statusValues: {}, stageLabels: {},
    roles: { ...emptyRoles(), id: 'Ref No', enquiryDate: 'Date of Enquiry', status: 'Current Status', stageDates: { initial_visit: 'Initial Home Visit Date' } },
  };
}

const clean = (v: string) => v.trim().replace(/\s+/g, ' ') || null;

describe('column names are data', () => {
  test('any extra headers: the funnel is the truth and each extra column is kept with its values', async () => {
    const e = await testEngine();
    const settings = defaultSettings();
    await fc.assert(
      fc.asyncProperty(
        fc.array(header, { minLength: 1, maxLength: 6 }),
        fc.array(fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/), { minLength: 24, maxLength: 24 }),
        fc.boolean(),
        async (extras, values, dupe) => {
          // Duplicates: sometimes the same random name twice.
          const names = dupe ? [...extras, extras[0]] : extras;
          const text = [line([...KNOWN, ...names]), ...ROWS.map((r, i) => line([...r, ...names.map((_, j) => values[(i * 6 + j) % 24])]))].join('\r\n') + '\r\n';
          const ds = await loadDataset(e, [csv('extras.csv', text)], () => pinned(), undefined, undefined, settings);
          const columns = ds.raws[0].columns;
          expect(columns.length).toBe(KNOWN.length + names.length);
          expect(columns.slice(0, 4)).toEqual(KNOWN);
          await ensureJourneys(e, ds, settings, () => {});
          const f = await runSpec(e, funnelMetric, { settings: settings });
          const got = Object.fromEntries(f.steps.filter((s) => s.id in TRUTH).map((s) => [s.id, [s.reached, s.left, s.open]]));
          expect(got).toEqual(TRUTH);
          expect(f.steps.find((s) => s.id === 'application')!.reached).toBe(0);
          // Every extra column is a breakdown attribute holding its own values, row by row.
          for (let j = 0; j < names.length; j++) {
            const col = attributeColumn(columns[4 + j]);
            const rows = await e.query<{ id: string; v: string | null }>(`SELECT id, ${col} AS v FROM enquiries ORDER BY id`);
            expect(rows).toEqual(ROWS.map((r, i) => ({ id: r[0], v: clean(values[(i * 6 + j) % 24]) })));
          }
        },
      ),
      { numRuns: 30, seed: 20261127 },
    );
  }, 240_000);

  test('any headers at all, read without help: a funnel or a plain message, never an engine error', async () => {
    const e = await testEngine();
    await fc.assert(
      fc.asyncProperty(fc.array(header, { minLength: 2, maxLength: 6 }), async (names) => {
        const text = [line(names), ...ROWS.map((r) => line(names.map((_, j) => r[j % 4])))].join('\n') + '\n';
        try {
          const ds = await loadDataset(e, [csv('random.csv', text)]);
          expect(ds.model.quality.enquiries).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(IngestError);
          const msg = (err as Error).message;
          expect(msg.length).toBeLessThanOrEqual(300);
          expect(msg).not.toMatch(/Binder|Parser|Conversion|Catalog|SELECT|Error:/);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  }, 240_000);

  test('the column named N that broke the reader', async () => {
    const e = await testEngine();
    const text = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status,N,n\nR1,01/01/2024,10/01/2024,In progress,5,x\nR2,02/01/2024,,Withdrawn,6,y\n';
    const ds = await loadDataset(e, [csv('n.csv', text)]);
    expect(ds.raws[0].columns).toEqual(['Ref No', 'Date of Enquiry', 'Initial Home Visit Date', 'Current Status', 'N', 'n (2)']);
    expect(ds.model.quality.enquiries).toBe(2);
    expect(ds.model.attributes).toEqual(['N', 'n (2)']);
  });
});
