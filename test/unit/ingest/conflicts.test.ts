import { describe, expect, test } from 'vitest';
import { statusConflicts } from '../../../src/lib/ingest/conflicts';
import { testEngine } from '../../helpers/engine';

type Row = [id: string | null, enquiry: string | null, status: string | null, hint: 'open' | 'left' | 'approved' | null, last: string | null];

/** A union as statusConflicts reads it (the columns it uses), from rows written out. */
function union(rows: Row[]): string {
  const v = (x: string | null) => (x === null ? 'NULL' : `'${x}'`);
  return `SELECT id, enquiry_date::DATE AS enquiry_date, status, outcome_hint, _last::DATE AS _last, 1 AS _rows, 0 AS _file
    FROM (VALUES ${rows.map((r) => `(${r.map(v).join(', ')})`).join(', ')}) t(id, enquiry_date, status, outcome_hint, _last)`;
}

const D = '2024-01-01';

describe('statusConflicts', () => {
  test('each pair of outcomes disagrees; statuses meaning the same outcome, or nothing read, do not', async () => {
    const e = await testEngine();
    const rows: Row[] = [
      ['OL', D, 'In progress', 'open', D], ['OL', D, 'Withdrawn', 'left', D],
      ['OA', D, 'On hold', 'open', D], ['OA', D, 'Approved', 'approved', D],
      ['LA', D, 'NFA', 'left', D], ['LA', D, 'Approved', 'approved', D],
      // Two words for open; a status read as nothing beside one read as left; one row only.
      ['SAME', D, 'In progress', 'open', D], ['SAME', D, 'Open', 'open', D],
      ['UNREAD', D, 'See notes', null, D], ['UNREAD', D, 'Withdrawn', 'left', D], ['UNREAD', D, null, null, D],
      ['ONE', D, 'Withdrawn', 'left', D],
    ];
    expect(await statusConflicts(e, union(rows), 5)).toEqual({
      count: 3,
      examples: [{ id: 'LA', statuses: ['Approved', 'NFA'] }, { id: 'OA', statuses: ['Approved', 'On hold'] }, { id: 'OL', statuses: ['In progress', 'Withdrawn'] }],
    });
  });

  test('rows without dates, and ids with no enquiry date or no id, are left out', async () => {
    const e = await testEngine();
    const rows: Row[] = [
      // A row with no date of any kind is dropped by the merge: its "Approved" disagrees with nothing, and is not listed.
      ['UNDATED', D, 'In progress', 'open', D], ['UNDATED', null, 'Approved', 'approved', null],
      ['LISTED', D, 'In progress', 'open', D], ['LISTED', D, 'Withdrawn', 'left', D], ['LISTED', null, 'Approved', 'approved', null],
      // Dated rows, but no enquiry date in any: the id is skipped, on no view to check.
      ['NOENQ', null, 'In progress', 'open', D], ['NOENQ', null, 'Withdrawn', 'left', D],
      [null, D, 'In progress', 'open', D], [null, D, 'Withdrawn', 'left', D],
    ];
    expect(await statusConflicts(e, union(rows))).toEqual({ count: 1, examples: [{ id: 'LISTED', statuses: ['In progress', 'Withdrawn'] }] });
  });

  test('all conflicting ids are counted, the first by id named, each with at most four statuses in order', async () => {
    const e = await testEngine();
    const free = ['Withdrawn: work', 'Withdrawn: health', 'In progress', 'Withdrawn: moved', 'Withdrawn: finance'];
    const rows: Row[] = [
      ...free.map((st): Row => ['Z1', D, st, st === 'In progress' ? 'open' : 'left', D]),
      ...['C', 'B', 'A', 'D'].flatMap((id): Row[] => [[`Y${id}`, D, 'Approved', 'approved', D], [`Y${id}`, D, 'Withdrawn', 'left', D]]),
    ];
    expect(await statusConflicts(e, union(rows), 2)).toEqual({
      count: 5,
      examples: [{ id: 'YA', statuses: ['Approved', 'Withdrawn'] }, { id: 'YB', statuses: ['Approved', 'Withdrawn'] }],
    });
    expect((await statusConflicts(e, union(rows), 5)).examples.at(-1)).toEqual({ id: 'Z1', statuses: ['In progress', 'Withdrawn: finance', 'Withdrawn: health', 'Withdrawn: moved'] });
  });

  test('none: a count of 0 and no examples', async () => {
    const e = await testEngine();
    expect(await statusConflicts(e, union([['A', D, 'Open', 'open', D], ['A', D, 'Open', 'open', D]]))).toEqual({ count: 0, examples: [] });
  });
});
