import { describe, expect, test } from 'vitest';
import { validateMapping, type FileQuality } from '../../../src/lib/ingest/build';
import { emptyRoles } from '../../../src/lib/ingest/mapping';
import { columnSignature } from '../../../src/lib/ingest/propose';
import { IngestError, type RawFile } from '../../../src/lib/ingest/read';
import { csv, load, testEngine } from '../../helpers/engine';
import { enq, enquiries, events, evs } from './tables';
import { loadDataset, remapDataset } from '../../../src/lib/coordinator/tables';

const T = (...cells: string[]) => cells.join('\t');
const MESSY = [
  'Enquiries export',
  T('Ref No', 'Date of Enquiry', 'Initial Home Visit Date', 'Application Received', 'Current Status', 'Date Closed'),
  T('A', '01/01/2023', '05/01/2023', '01/02/2023', 'In progress', ''),
  T('B', 'soon', 'tbc', '', 'Open', ''),
  T('C', '02/01/2023', '32/01/2023', 'next week', 'Pending review', ''),
  T('D', '', '10/01/2023', '', 'Open', ''),
  T('', '03/01/2023', '', '', 'Open', ''),
  T('E', '04/01/2023', '21/01/2027', '01/03/2023', 'See notes', '01/02/2027'),
  T('F', '05/01/2023', '20/01/2023', '01/04/2023', 'Closed', '31/02/2023'),
  T('G', '06/01/2023', '21/01/2023', '01/05/2023', 'Awaiting checks', ''),
  T('H', 'last Tuesday', '', '', 'Open', ''),
  T('Total', '7'),
  '',
].join('\r\n');

describe('the data-quality report', () => {
  test('every field of a messy wide export, and the rows that made it through', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('messy.tsv', MESSY));
    const sorted = (f: FileQuality) => ({
      ...f,
      badEnquiryDate: { ...f.badEnquiryDate, examples: [...f.badEnquiryDate.examples].sort() },
      unparsedDates: f.unparsedDates.map((u) => ({ ...u, examples: [...u.examples].sort() })),
    });
    expect(sorted(ds.model.quality.files[0])).toEqual({
      name: 'messy.tsv', kind: 'wide', encoding: 'utf-8', delimiter: 'tab', titleLines: 1,
      rowsRead: 10,
      malformed: { count: 0, examples: [] },
      noId: 1,
      totalLines: 1, blankLines: 0,
      badEnquiryDate: { count: 2, examples: ['last Tuesday', 'soon'] },
      missingEnquiryDate: 1,
      unparsedDates: [
        { column: 'Initial Home Visit Date', count: 2, examples: ['32/01/2023', 'tbc'] },
        { column: 'Application Received', count: 1, examples: ['next week'] },
        { column: 'Date Closed', count: 1, examples: ['31/02/2023'] },
      ],
      lateDates: [],
      unrecognisedStatuses: ['See notes'],
      unrecognisedLabels: [],
      noEnquiryEvent: 0,
    });
    const { files: _files, ...totals } = ds.model.quality;
    expect(totals).toEqual({
      enquiries: 5, events: 13, duplicatesMerged: 0, duplicateIds: 0, campaignsWithSpend: 0,
      exportDate: '2026-11-01', datesAfterExport: 2, enquiriesAfterExport: 0, statusConflicts: { count: 0, examples: [] },
    });
    // Figures stand as of the latest date up to the export date: E's visit and exit in 2027 are typing errors.
    expect(ds.model.latestDate).toBe('2023-05-01');
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { status: 'In progress', outcome_hint: 'open', last_date: '2023-02-01' }),
      enq('C', '2023-01-02', { status: 'Pending review', outcome_hint: 'open' }),
      enq('E', '2023-01-04', { status: 'See notes', outcome_hint: 'open', exit_date: '2027-02-01' }),
      enq('F', '2023-01-05', { status: 'Closed', outcome_hint: 'left', last_date: '2023-04-01' }),
      enq('G', '2023-01-06', { status: 'Awaiting checks', outcome_hint: 'open', last_date: '2023-05-01' }),
    ]);
    expect(await events(e)).toEqual(evs(
      ['A', 'enquiry', '2023-01-01'], ['A', 'initial_visit', '2023-01-05'], ['A', 'application', '2023-02-01'],
      ['C', 'enquiry', '2023-01-02'],
      ['E', 'enquiry', '2023-01-04'], ['E', 'application', '2023-03-01'], ['E', 'initial_visit', '2027-01-21'],
      ['F', 'enquiry', '2023-01-05'], ['F', 'initial_visit', '2023-01-20'], ['F', 'application', '2023-04-01'],
      ['G', 'enquiry', '2023-01-06'], ['G', 'initial_visit', '2023-01-21'], ['G', 'application', '2023-05-01'],
    ));
  });

  test('an event log: unreadable milestone dates, unknown labels, enquiries with no enquiry milestone', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('log.csv', `Reference,Milestone,Milestone Date
E1,Enquiry,01/02/2023
E1,IHV,sometime
E1,Panel,01/12/2026
E1,ADM Decision,05/12/2026
E2,Application Received,01/04/2023
E3,Enquiry,01/03/2023
E3,Phone call,02/03/2023
E3,Withdrawn,01/04/2023
`));
    expect(ds.model.quality.files[0]).toMatchObject({
      kind: 'events', rowsRead: 8, noId: 0, totalLines: 0, noEnquiryEvent: 1,
      unparsedDates: [{ column: 'Milestone Date', count: 1, examples: ['sometime'] }],
      unrecognisedLabels: ['Phone call'],
      badEnquiryDate: { count: 0, examples: [] },
    });
    expect(ds.model.quality.datesAfterExport).toBe(2);
    expect(await enquiries(e)).toEqual([
      enq('E1', '2023-02-01', { last_date: '2026-12-05' }),
      enq('E2', '2023-04-01'),
      enq('E3', '2023-03-01', { status: 'Withdrawn', outcome_hint: 'left', exit_date: '2023-04-01' }),
    ]);
  });

  test('the export date is the newest file date', async () => {
    const e = await testEngine();
    const a = { ...csv('a.csv', 'Ref No,Date of Enquiry\nA,01/01/2023\n'), lastModified: Date.UTC(2024, 0, 15) };
    const b = { ...csv('b.csv', 'Ref No,Date of Enquiry\nB,01/12/2024\n'), lastModified: Date.UTC(2024, 5, 30) };
    const ds = await loadDataset(e, [a, b]);
    expect([ds.model.quality.exportDate, ds.model.quality.datesAfterExport]).toEqual(['2024-06-30', 1]);
    // B's enquiry, dated after the export, is loaded but in no figure: the load says so.
    expect(ds.model.quality.enquiriesAfterExport).toBe(1);
  });
});

describe('rows of one enquiry whose statuses disagree', () => {
  const ROWS = [
    'Ref No,Date of Enquiry,Application Received,Current Status',
    'P1,01/02/2023,10/04/2023,In progress',
    'P2,02/02/2023,10/04/2023,In progress',
    'P3,03/02/2023,,In progress',
    'P1,01/02/2023,,Withdrawn',
    'P2,02/02/2023,,Open',
    'P3,03/02/2023,,Approved',
    'P4,04/02/2023,,Withdrawn',
  ];
  const expected = { count: 2, examples: [{ id: 'P1', statuses: ['In progress', 'Withdrawn'] }, { id: 'P3', statuses: ['Approved', 'In progress'] }] };

  test('are counted and named, one file read straight into the table: two statuses meaning the same are no conflict', async () => {
    const ds = await load(await testEngine(), csv('dups.csv', ROWS.join('\n') + '\n'));
    expect(ds.model.quality.duplicateIds).toBe(3);
    expect(ds.model.quality.statusConflicts).toEqual(expected);
  });

  test('an id whose rows are all skipped (no enquiry date) is not named: it is on no view to check', async () => {
    const skipped = ['X9,,10/04/2023,In progress', 'X9,,,Withdrawn'];
    const ds = await load(await testEngine(), csv('dups.csv', [...ROWS, ...skipped].join('\n') + '\n'));
    expect(ds.model.quality.statusConflicts).toEqual(expected);
  });

  test('a status column of free text: an example names at most four of its statuses', async () => {
    const many = ['Ref No,Date of Enquiry,Current Status', ...['In progress', 'Withdrawn', 'Withdrawn: moved', 'Withdrawn: finance', 'Withdrawn: health', 'Withdrawn: work'].map((st) => `Z1,01/02/2023,${st}`)];
    const ds = await load(await testEngine(), csv('many.csv', many.join('\n') + '\n'));
    expect(ds.model.quality.statusConflicts.count).toBe(1);
    expect(ds.model.quality.statusConflicts.examples[0].statuses).toHaveLength(4);
  });

  test('and across files merged from their staged tables', async () => {
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('a.csv', ROWS.slice(0, 4).join('\n') + '\n'), csv('b.csv', [ROWS[0], ...ROWS.slice(4)].join('\n') + '\n')]);
    expect(ds.model.quality.statusConflicts).toEqual(expected);
  });
});

describe('corrections', () => {
  test('remapping a loaded dataset: a status value and a column role corrected by the user', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('c.csv', 'Ref No,Date of Enquiry,Status,Where from\nA,01/01/2023,See notes,Radio\nB,02/01/2023,Open,Web\n'));
    expect(ds.mappings[0].roles.source).toBe(null);
    const m = ds.mappings[0];
    const fixed = { ...m, roles: { ...m.roles, source: 'Where from' }, statusValues: { ...m.statusValues, 'See notes': 'left' as const } };
    const again = await remapDataset(e, ds, [fixed]);
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { status: 'See notes', outcome_hint: 'left', source: 'Radio' }),
      enq('B', '2023-01-02', { status: 'Open', outcome_hint: 'open', source: 'Web' }),
    ]);
    expect(again.model.attributes).toEqual([]);
    // The model it replaced is gone, and so is the raw table read again for the correction.
    const tables = async () => (await e.query<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE starts_with(table_name, 'g${ds.generation}_') ORDER BY t`)).map((r) => r.t);
    expect((await tables()).filter((t) => !t.startsWith(`g${ds.generation}_m`) && !t.includes('_rejects_'))).toEqual([]);
    expect(await tables()).toContain(again.model.tables.enquiries);
    // The events are a view of the enquiries; the old model's view went with its table.
    const views = async () => (await e.query<{ v: string }>(`SELECT view_name AS v FROM duckdb_views() WHERE starts_with(view_name, 'g${ds.generation}_')`)).map((r) => r.v);
    expect(await views()).toEqual([again.model.tables.events]);
    // A second correction reads the file again too.
    await remapDataset(e, again, [{ ...fixed, statusValues: { ...fixed.statusValues, 'See notes': 'open' as const } }]);
    expect((await enquiries(e)).map((r) => r.outcome_hint)).toEqual(['open', 'open']);
    expect((await tables()).filter((t) => t.includes('_raw_') || t === again.model.tables.enquiries)).toEqual([]);
  });

  test('a correction that leaves no enquiries is refused and the data in use is untouched', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('k.csv', 'Ref No,Date of Enquiry,Notes\nA,01/01/2023,called\nB,02/01/2023,left message\n'));
    const before = await enquiries(e);
    expect(before).toHaveLength(2);
    // The user points "enquiry date" at a text column: nothing can be read.
    const wrong = { ...ds.mappings[0], roles: { ...ds.mappings[0].roles, enquiryDate: 'Notes' } };
    await expect(remapDataset(e, ds, [wrong])).rejects.toThrow(/No enquiries could be read/);
    expect(await enquiries(e)).toEqual(before);
    const left = await e.query(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, 'g${ds.generation}_m')`);
    expect(left).toEqual([]);
  });

  test('a remembered mapping for the same columns is used when loading', async () => {
    const e = await testEngine();
    const file = csv('m.csv', 'Ref No,Date of Enquiry,Stage Reached\nA,01/01/2023,Chat\nB,02/01/2023,Assessment\n');
    const first = await loadDataset(e, [file]);
    const remembered = { ...first.mappings[0], kind: 'status' as const, roles: { ...first.mappings[0].roles, currentStage: 'Stage Reached' }, stageLabels: { Chat: 'initial_visit' } };
    const signature = columnSignature(first.raws[0].columns);
    const ds = await loadDataset(e, [file], (sig) => (sig === signature ? remembered : undefined));
    expect(ds.mappings[0].stageLabels).toEqual({ Chat: 'initial_visit', Assessment: 'stage2' });
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { current_stage: 'initial_visit' }),
      enq('B', '2023-01-02', { current_stage: 'stage2' }),
    ]);
  });
});

describe('validateMapping', () => {
  const raw = { name: 'x.csv', columns: ['Ref', 'When', 'Label'] } as RawFile;
  const roles = (r: Partial<ReturnType<typeof emptyRoles>>) => ({ ...emptyRoles(), ...r });
  const check = (kind: 'wide' | 'events' | 'status' | 'costs', r: Partial<ReturnType<typeof emptyRoles>>) =>
    () => validateMapping(raw, { kind, roles: roles(r), statusValues: {}, stageLabels: {} });

  test('what each kind needs', () => {
    expect(check('wide', { id: 'Ref', enquiryDate: 'When' })).not.toThrow();
    expect(check('status', { id: 'Ref', enquiryDate: 'When' })).not.toThrow();
    expect(check('events', { id: 'Ref', milestone: 'Label', milestoneDate: 'When' })).not.toThrow();
    expect(check('costs', { campaign: 'Ref', spend: 'When' })).not.toThrow();
  });

  test('names the missing role, the columns found and examples of what is expected', () => {
    expect(check('events', { id: 'Ref', milestone: 'Label' })).toThrow(IngestError);
    expect(check('events', { id: 'Ref', milestone: 'Label' })).toThrow(
      'Couldn\'t find a milestone date column in "x.csv". Columns found: "Ref", "When", "Label". Expected a column such as "Milestone Date" or "Date": if one of these is it, map its columns by hand.',
    );
    expect(check('events', { id: 'Ref' })).toThrow(/a milestone \/ stage name column.*"Milestone", "Stage" or "Event"/);
    expect(check('wide', { enquiryDate: 'When' })).toThrow(/^Couldn't find an enquiry id column/);
    expect(check('costs', { campaign: 'Ref' })).toThrow(/a spend column.*"Spend" or "Cost"/);
  });
});
