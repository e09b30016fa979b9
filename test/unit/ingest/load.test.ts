import { describe, expect, test } from 'vitest';
import { IngestError } from '../../../src/lib/ingest/read';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { csv, load, testEngine } from '../../helpers/engine';
import { attributeColumn } from '../../../src/lib/schema';
import { attributes, bytes, enq, enquiries, events, evs } from './tables';
import { loadDataset, remapDataset } from '../../../src/lib/coordinator/tables';

const WIDE = `Fostering Enquiries Report
Generated 01/11/2026

Ref No,Date of Enquiry,How did you hear about us?,Campaign,Initial Home Visit Date,Application Received,Stage One Completed,Stage Two Completed,Panel Date,ADM Decision Date,Current Status,Reason for Closure,Date Closed,Ethnicity
FE-1,12/03/2023,Website,Spring Radio,20/03/2023,01/05/2023,01/07/2023,01/09/2023,01/10/2023,15/10/2023,Approved,,,White British
FE-2,12-Mar-2023,Radio,Spring Radio,,,,,,,NFA,Did not respond,01/04/2023,Black African
FE-3,2023-04-01,"Word of mouth, carer",,05/04/2023,,,,,,In progress,,,Mixed
FE-4, 3 April 2023 ,Website,,,10/05/2023,,,,,Withdrawn,Change in circumstances,01/06/2023,White British
,01/01/2023,,,,,,,,,,,,
Total,4,,,,,,,,,,,,
`;

describe('progress', () => {
  test('each step is reported in order, the read with the size of the file it reads', async () => {
    const e = await testEngine();
    const steps: { label: string; bytes?: number }[] = [];
    const file = csv('report.csv', WIDE);
    const costs = csv('costs.csv', 'Campaign,Spend\nSpring Radio,"£1,200"\n');
    await loadDataset(e, [file, costs], undefined, (s) => steps.push(s));
    expect(steps).toEqual([
      { label: 'Reading "report.csv"', bytes: file.data.length },
      { label: 'Reading "costs.csv"', bytes: costs.data.length },
      { label: 'Checking the data quality' },
      { label: 'Merging records of the same enquiry' },
      { label: 'Listing the stages each enquiry reached' },
    ]);
  });

  test('a correction reads the file again (one pass: read, cleaned, dates read); the journeys step is named when worked out in the merge', async () => {
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('report.csv', WIDE)]);
    const steps: string[] = [];
    await remapDataset(e, ds, ds.mappings, (s) => steps.push(s.label), defaultSettings());
    expect(steps).toEqual([
      'Reading "report.csv"',
      'Checking the data quality',
      'Merging records of the same enquiry and following each through the stages',
      'Listing the stages each enquiry reached',
    ]);
  });
});

describe('one pass from file to table', () => {
  /** Every statement the engine is given while `run` runs. */
  async function statementsOf(run: (e: Awaited<ReturnType<typeof testEngine>>) => Promise<unknown>): Promise<string[]> {
    const e = await testEngine();
    const seen: string[] = [];
    const [exec, query] = [e.exec.bind(e), e.query.bind(e)];
    e.exec = (s) => (seen.push(s), exec(s));
    e.query = <T,>(s: string) => (seen.push(s), query<T>(s));
    try {
      await run(e);
    } finally {
      e.exec = exec;
      e.query = query;
    }
    return seen;
  }
  const reads = (statements: string[]) => statements.filter((s) => /read_csv\(/.test(s));

  test('an enquiry export is read once, straight into the enquiries table: no all-text or staged copy of it is made', async () => {
    const statements = await statementsOf((e) => loadDataset(e, [csv('report.csv', WIDE)], undefined, undefined, undefined, defaultSettings()));
    expect(reads(statements)).toHaveLength(1);
    expect(reads(statements)[0]).toMatch(/CREATE OR REPLACE TABLE \S*_enquiries AS/);
    expect(statements.filter((s) => /(CREATE OR REPLACE TABLE|FROM) \S*_(raw|staged)_\d/.test(s))).toEqual([]);
  });

  test('with several enquiry files, each is read once into its staged table, then merged', async () => {
    const other = WIDE.replace(/FE-/g, 'NS-');
    const statements = await statementsOf((e) => loadDataset(e, [csv('a.csv', WIDE), csv('b.csv', other)]));
    expect(reads(statements).map((s) => /CREATE OR REPLACE TABLE (\S*)_staged_(\d) AS/.exec(s)?.[2])).toEqual(['0', '1']);
  });

  test('a cost sheet beside it is read as text; a correction reads the export once again', async () => {
    let ds: Awaited<ReturnType<typeof loadDataset>> | undefined;
    const first = await statementsOf(async (e) => {
      ds = await loadDataset(e, [csv('report.csv', WIDE), csv('costs.csv', 'Campaign,Spend\nSpring Radio,"£1,200"\n')]);
    });
    expect(reads(first).map((s) => (/_enquiries AS/.test(s) ? 'enquiries' : /_raw_/.test(s) ? 'text' : 'other'))).toEqual(['enquiries', 'text']);
    const again = await statementsOf((e) => remapDataset(e, ds!, ds!.mappings));
    expect(reads(again).map((s) => (/_enquiries AS/.test(s) ? 'enquiries' : /_raw_/.test(s) ? 'text' : 'other'))).toEqual(['enquiries', 'text']);
  });
});

describe('wide exports', () => {
  test('reads title lines, UK dates, quoted fields and a total line into canonical tables', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('report.csv', WIDE));
    const enq = await e.query(`SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS d, campaign, source, status, outcome_hint, reason,
      strftime(exit_date, '%Y-%m-%d') AS x, ${attributeColumn('Ethnicity')} AS eth FROM enquiries ORDER BY id`);
    expect(enq).toEqual([
      { id: 'FE-1', d: '2023-03-12', campaign: 'Spring Radio', source: 'Website', status: 'Approved', outcome_hint: 'approved', reason: null, x: null, eth: 'White British' },
      { id: 'FE-2', d: '2023-03-12', campaign: 'Spring Radio', source: 'Radio', status: 'NFA', outcome_hint: 'left', reason: 'Did not respond', x: '2023-04-01', eth: 'Black African' },
      { id: 'FE-3', d: '2023-04-01', campaign: null, source: 'Word of mouth, carer', status: 'In progress', outcome_hint: 'open', reason: null, x: null, eth: 'Mixed' },
      { id: 'FE-4', d: '2023-04-03', campaign: null, source: 'Website', status: 'Withdrawn', outcome_hint: 'left', reason: 'Change in circumstances', x: '2023-06-01', eth: 'White British' },
    ]);
    expect(await events(e)).toEqual(evs(
      ['FE-1', 'enquiry', '2023-03-12'], ['FE-1', 'initial_visit', '2023-03-20'], ['FE-1', 'application', '2023-05-01'],
      ['FE-1', 'stage1', '2023-07-01'], ['FE-1', 'stage2', '2023-09-01'], ['FE-1', 'panel', '2023-10-01'], ['FE-1', 'approved', '2023-10-15'],
      ['FE-2', 'enquiry', '2023-03-12'],
      ['FE-3', 'enquiry', '2023-04-01'], ['FE-3', 'initial_visit', '2023-04-05'],
      ['FE-4', 'enquiry', '2023-04-03'], ['FE-4', 'application', '2023-05-10'],
    ));
    const f = ds.model.quality.files[0];
    expect(f.kind).toBe('wide');
    expect(f.titleLines).toBe(3);
    expect(f.rowsRead).toBe(6);
    expect(f.noId).toBe(1);
    expect(f.totalLines).toBe(1);
    expect(ds.model.attributes).toEqual(['Ethnicity']);
  });

  test('every canonical column of a wide export, row by row, with a Mosaic column kept as an attribute', async () => {
    const e = await testEngine();
    await load(e, csv('wide.csv', `Mosaic,Enquiry ID,Enquiry Date,Source,Campaign,IHV,Application Received,Status,Reason for Closure,Date Closed
B07,W1,01/02/2023,Facebook,Summer Fair,10/02/2023,01/03/2023,In progress,,
C11,W2,02/02/2023,Radio,,,,Closed - Not Proceeding,Not enough space,20/02/2023
D14,W3,03/02/2023,,,05/02/2023,,On Hold,,
`));
    expect(await enquiries(e)).toEqual([
      enq('W1', '2023-02-01', { source: 'Facebook', campaign: 'Summer Fair', status: 'In progress', outcome_hint: 'open', last_date: '2023-03-01' }),
      enq('W2', '2023-02-02', { source: 'Radio', status: 'Closed - Not Proceeding', outcome_hint: 'left', reason: 'Not enough space', exit_date: '2023-02-20' }),
      enq('W3', '2023-02-03', { status: 'On Hold', outcome_hint: 'open', last_date: '2023-02-05' }),
    ]);
    expect(await attributes(e, 'Mosaic')).toEqual([{ id: 'W1', Mosaic: 'B07' }, { id: 'W2', Mosaic: 'C11' }, { id: 'W3', Mosaic: 'D14' }]);
    expect(await events(e)).toEqual(evs(
      ['W1', 'enquiry', '2023-02-01'], ['W1', 'initial_visit', '2023-02-10'], ['W1', 'application', '2023-03-01'],
      ['W2', 'enquiry', '2023-02-02'],
      ['W3', 'enquiry', '2023-02-03'], ['W3', 'initial_visit', '2023-02-05'],
    ));
  });
});

describe('event logs', () => {
  const LOG = `Reference,Milestone,Milestone Date
E1,Enquiry,01/02/2023
E1,IHV,10/02/2023
E1,Withdrawn,01/03/2023
E2,Enquiry,05/02/2023
E2,Application Received,01/04/2023
E2,Stage One Completed,01/06/2023
E3,Initial Home Visit,01/03/2023
E3,Closed,01/04/2023
E4,Withdrawn,01/05/2023
E5,Enquiry,01/01/2023
E5,Closed,01/02/2023
E5,Initial Home Visit,01/03/2023
E6,Enquiry,02/01/2023
E6,Fostering Panel,01/09/2023
E6,ADM Decision,15/09/2023
`;

  test('one row per milestone becomes one enquiry with its events; exits end it', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('log.csv', LOG));
    expect(await enquiries(e)).toEqual([
      enq('E1', '2023-02-01', { status: 'Withdrawn', outcome_hint: 'left', exit_date: '2023-03-01' }),
      enq('E2', '2023-02-05', { last_date: '2023-06-01' }),
      // No enquiry milestone: the first milestone starts it.
      enq('E3', '2023-03-01', { status: 'Closed', outcome_hint: 'left', exit_date: '2023-04-01' }),
      // Withdrawn with no enquiry milestone at all: still an enquiry, which left.
      enq('E4', '2023-05-01', { status: 'Withdrawn', outcome_hint: 'left', exit_date: '2023-05-01' }),
      // Closed, then a visit: it came back, so it is not ended.
      enq('E5', '2023-01-01', { last_date: '2023-03-01' }),
      enq('E6', '2023-01-02', { last_date: '2023-09-15' }),
    ]);
    expect(await events(e)).toEqual(evs(
      ['E1', 'enquiry', '2023-02-01'], ['E1', 'initial_visit', '2023-02-10'],
      ['E2', 'enquiry', '2023-02-05'], ['E2', 'application', '2023-04-01'], ['E2', 'stage1', '2023-06-01'],
      ['E3', 'enquiry', '2023-03-01'], ['E3', 'initial_visit', '2023-03-01'],
      ['E4', 'enquiry', '2023-05-01'],
      ['E5', 'enquiry', '2023-01-01'], ['E5', 'initial_visit', '2023-03-01'],
      ['E6', 'enquiry', '2023-01-02'], ['E6', 'panel', '2023-09-01'], ['E6', 'approved', '2023-09-15'],
    ));
    const f = ds.model.quality.files[0];
    expect([f.kind, f.rowsRead, f.noEnquiryEvent, f.unrecognisedLabels]).toEqual(['events', 15, 2, []]);
    expect(ds.mappings[0].stageLabels).toEqual({
      Enquiry: 'enquiry', IHV: 'initial_visit', 'Initial Home Visit': 'initial_visit', 'Application Received': 'application',
      'Stage One Completed': 'stage1', 'Fostering Panel': 'panel', 'ADM Decision': 'approved', Withdrawn: 'exit', Closed: 'exit',
    });
    expect(ds.model.quality.enquiries).toBe(6);
    expect(ds.model.quality.events).toBe(13);
  });

  test('an event log with a status and reason per row, unknown milestones ignored', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('log2.csv', `Enquiry Ref;Stage;Date;Status;Reason
A1;Registration of Interest;01/02/2023;Open;
A1;Information pack sent;02/02/2023;Open;
A1;Initial Visit;10/02/2023;On Hold;Moving house
B2;Registration of Interest;05/02/2023;Open;
B2;Closed - Not Proceeding;20/02/2023;NFA;No spare room
`));
    expect(await enquiries(e)).toEqual([
      enq('A1', '2023-02-01', { status: 'On Hold', outcome_hint: 'open', reason: 'Moving house', last_date: '2023-02-10' }),
      enq('B2', '2023-02-05', { status: 'NFA', outcome_hint: 'left', reason: 'No spare room', exit_date: '2023-02-20' }),
    ]);
    expect(await events(e)).toEqual(evs(['A1', 'enquiry', '2023-02-01'], ['A1', 'initial_visit', '2023-02-10'], ['B2', 'enquiry', '2023-02-05']));
    expect(ds.model.quality.files[0].unrecognisedLabels).toEqual(['Information pack sent']);
  });
});

describe('status lists', () => {
  test('furthest stage and outcome, no stage dates; semicolons and stray spaces', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('status.csv', ` Enquiry ID ; Enquiry Date ; Furthest Stage ; Outcome 
S1;12/03/2023;Stage 1 Complete;Closed - Not Proceeding
S2;13/03/2023;Fostering Panel;Approved
S3;14/03/2023; IHV ;On Hold
S4;15/03/2023;Enquiry;NFA
S5;16/03/23;Application; In progress 
S6;17/03/2023;Withdrawn;
`));
    expect(await enquiries(e)).toEqual([
      enq('S1', '2023-03-12', { current_stage: 'stage1', status: 'Closed - Not Proceeding', outcome_hint: 'left' }),
      enq('S2', '2023-03-13', { current_stage: 'panel', status: 'Approved', outcome_hint: 'approved' }),
      enq('S3', '2023-03-14', { current_stage: 'initial_visit', status: 'On Hold', outcome_hint: 'open' }),
      enq('S4', '2023-03-15', { current_stage: 'enquiry', status: 'NFA', outcome_hint: 'left' }),
      enq('S5', '2023-03-16', { current_stage: 'application', status: 'In progress', outcome_hint: 'open' }),
      // An exit as the "stage" tells that it left, not how far it got.
      enq('S6', '2023-03-17', { outcome_hint: 'left' }),
    ]);
    expect(await events(e)).toEqual(evs(
      ['S1', 'enquiry', '2023-03-12'], ['S2', 'enquiry', '2023-03-13'], ['S3', 'enquiry', '2023-03-14'],
      ['S4', 'enquiry', '2023-03-15'], ['S5', 'enquiry', '2023-03-16'], ['S6', 'enquiry', '2023-03-17'],
    ));
    expect(ds.model.quality.files[0]).toMatchObject({ kind: 'status', delimiter: ';', rowsRead: 6 });
  });
});

describe('cost sheets and several files', () => {
  test('a campaign cost sheet loaded alongside an export; its Total row is not a campaign', async () => {
    const e = await testEngine();
    const ds = await load(
      e,
      csv('enquiries.csv', 'Ref No,Date of Enquiry,Campaign\nA,01/01/2023,Spring Radio\nB,02/01/2023,Bus Ads\nC,03/01/2023,\n'),
      csv('costs.csv', 'Campaign spend 2023\n"Campaign","Spend"\n"Spring Radio","£12,500"\n"Bus Ads","£3,000.50"\n"Leaflets",""\nTotal,"£15,500.50"\n'),
    );
    expect(await e.query('SELECT campaign, spend FROM costs ORDER BY campaign')).toEqual([
      { campaign: 'Bus Ads', spend: 3000.5 },
      { campaign: 'Spring Radio', spend: 12500 },
    ]);
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { campaign: 'Spring Radio' }), enq('B', '2023-01-02', { campaign: 'Bus Ads' }), enq('C', '2023-01-03'),
    ]);
    expect(ds.model.quality.campaignsWithSpend).toBe(2);
    expect(ds.model.quality.files.map((f) => [f.kind, f.titleLines])).toEqual([['wide', 0], ['costs', 1]]);
  });

  test('two yearly wide exports with an overlapping enquiry are combined into one', async () => {
    const e = await testEngine();
    const ds = await load(
      e,
      csv('2022.csv', 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status,Ethnicity\nA,01/06/2022,,NFA,Asian\nB,01/12/2022,10/01/2023,In progress,White\n'),
      csv('2023.csv', 'Ref No,Date of Enquiry,Initial Home Visit Date,Application Received,Current Status,Age Band\nB,01/12/2022,10/01/2023,01/03/2023,On Hold,35-44\nC,05/05/2023,,,In progress,25-34\n'),
    );
    expect(await enquiries(e)).toEqual([
      enq('A', '2022-06-01', { status: 'NFA', outcome_hint: 'left' }),
      enq('B', '2022-12-01', { status: 'On Hold', outcome_hint: 'open', last_date: '2023-03-01', rows: 2 }),
      enq('C', '2023-05-05', { status: 'In progress', outcome_hint: 'open' }),
    ]);
    expect(await attributes(e, 'Ethnicity', 'Age Band')).toEqual([
      { id: 'A', Ethnicity: 'Asian', 'Age Band': null },
      { id: 'B', Ethnicity: 'White', 'Age Band': '35-44' },
      { id: 'C', Ethnicity: null, 'Age Band': '25-34' },
    ]);
    expect(await events(e)).toEqual(evs(
      ['A', 'enquiry', '2022-06-01'],
      ['B', 'enquiry', '2022-12-01'], ['B', 'initial_visit', '2023-01-10'], ['B', 'application', '2023-03-01'],
      ['C', 'enquiry', '2023-05-05'],
    ));
    expect([ds.model.quality.duplicatesMerged, ds.model.quality.duplicateIds, ds.model.quality.enquiries]).toEqual([1, 1, 3]);
    expect(ds.model.attributes).toEqual(['Ethnicity', 'Age Band']);
  });

  test('a wide export and an event log combined: the later activity wins', async () => {
    const e = await testEngine();
    await load(
      e,
      csv('wide.csv', 'Ref No,Date of Enquiry,Status\nA,01/01/2023,In progress\nB,02/01/2023,In progress\n'),
      csv('log.csv', 'Reference,Milestone,Milestone Date\nB,Enquiry,02/01/2023\nB,Initial Visit,01/02/2023\nB,Withdrawn,01/03/2023\nC,Enquiry,05/01/2023\n'),
    );
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { status: 'In progress', outcome_hint: 'open' }),
      enq('B', '2023-01-02', { status: 'Withdrawn', outcome_hint: 'left', exit_date: '2023-03-01', rows: 2 }),
      enq('C', '2023-01-05'),
    ]);
    expect(await events(e)).toEqual(evs(
      ['A', 'enquiry', '2023-01-01'], ['B', 'enquiry', '2023-01-02'], ['B', 'initial_visit', '2023-02-01'], ['C', 'enquiry', '2023-01-05'],
    ));
  });
});

describe('file quirks', () => {
  test('a quoted line break in a title line or in the header', async () => {
    const e = await testEngine();
    const body = (p: string) => `${p}A,01/01/2023,Open\n${p}B,02/01/2023,Open\n`;
    const ds = await load(
      e,
      csv('title.csv', `"Report: enquiries\nall teams"\nRef No,Date of Enquiry,Status\n${body('t')}`),
      csv('header.csv', `Ref No,"Date of\nEnquiry",Status\n${body('h')}`),
    );
    expect(await enquiries(e)).toEqual(['hA', 'hB', 'tA', 'tB'].map((id, i) => enq(id, `2023-01-0${(i % 2) + 1}`, { status: 'Open', outcome_hint: 'open' })));
    expect(ds.model.quality.files.map((f) => [f.titleLines, f.rowsRead, f.malformed.count])).toEqual([[1, 2, 0], [0, 2, 0]]);
  });

  test('UK and ISO date forms, two-digit years, stray spaces around values and headers', async () => {
    const e = await testEngine();
    await load(e, csv('dates.csv', `  Ref No  ,  Date of Enquiry  , Initial Home Visit Date 
 D1 , 12/03/2023 , 20/03/2023 
D2,12-Mar-2023,20-Mar-23
D3,12 March 2023,20 March 2023
D4,12/03/23,20/03/23
D5,2023-03-12,2023-03-20
D6,  12 Mar 2023,2023-03-20T09:30:00
`));
    expect(await enquiries(e)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].map((id) => enq(id, '2023-03-12', { last_date: '2023-03-20' })));
    expect(await events(e)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].flatMap((id) => evs([id, 'enquiry', '2023-03-12'], [id, 'initial_visit', '2023-03-20'])));
  });

  test('the same enquiry twice in one file is merged; the later row wins a tie', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('dup.csv', 'Ref No,Date of Enquiry,Current Status,Source\nA,01/01/2023,In progress,Web\nB,02/01/2023,Open,\nA,01/01/2023,Withdrawn,\n'));
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01', { status: 'Withdrawn', outcome_hint: 'left', source: 'Web', rows: 2 }),
      enq('B', '2023-01-02', { status: 'Open', outcome_hint: 'open' }),
    ]);
    expect([ds.model.quality.duplicatesMerged, ds.model.quality.duplicateIds]).toEqual([1, 1]);
  });

  test('ragged rows: short rows padded, over-long rows counted as malformed', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('r.csv', 'Ref No,Date of Enquiry,Current Status\nA,01/01/2023\nB,02/01/2023,Open,extra,more\nC,03/01/2023,Open\nD,04/01/2023,Open,x\nE,05/01/2023,Open\n'));
    expect(await enquiries(e)).toEqual([
      enq('A', '2023-01-01'),
      enq('C', '2023-01-03', { status: 'Open', outcome_hint: 'open' }),
      enq('E', '2023-01-05', { status: 'Open', outcome_hint: 'open' }),
    ]);
    expect(ds.model.quality.files[0].rowsRead).toBe(3);
    expect(ds.model.quality.files[0].malformed).toEqual({
      count: 2,
      examples: [{ line: 3, problem: 'more cells than the header has columns' }, { line: 5, problem: 'more cells than the header has columns' }],
    });
  });

  test('rows ending with a delimiter are not malformed', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('trail.csv', 'Ref No,Date of Enquiry,Status,\nA,01/01/2023,Open,\nB,02/01/2023,Open,\n'));
    expect(await enquiries(e)).toEqual([enq('A', '2023-01-01', { status: 'Open', outcome_hint: 'open' }), enq('B', '2023-01-02', { status: 'Open', outcome_hint: 'open' })]);
    expect(ds.model.quality.files[0].malformed.count).toBe(0);
  });

  test('blank lines, lines of bare delimiters and a Total row are not enquiries, nor rows without an id', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('blank.csv', 'Enquiries\n\nRef No,Date of Enquiry,Status\n\nA,01/01/2023,Open\n\n\n,,\n  ,  ,  \nB,02/01/2023,Open\n,05/01/2023,Open\n\nTotal,2,\nGrand Total,2,\n'));
    expect(await enquiries(e)).toEqual([enq('A', '2023-01-01', { status: 'Open', outcome_hint: 'open' }), enq('B', '2023-01-02', { status: 'Open', outcome_hint: 'open' })]);
    // Lines of bare separators are counted as blank; lines with nothing at all the reader passes over.
    expect(ds.model.quality.files[0]).toMatchObject({ titleLines: 2, rowsRead: 5, noId: 1, totalLines: 2, blankLines: 2 });
  });
});

describe('bad input: a clear IngestError, never a crash', () => {
  const fails = async (...files: ReturnType<typeof csv>[]) => {
    const e = await testEngine();
    const err = await loadDataset(e, files).then(() => null, (x: unknown) => x);
    expect(err).toBeInstanceOf(IngestError);
    return (err as IngestError).message;
  };

  test('an empty (0-byte) file', async () => {
    expect(await fails(csv('empty.csv', new Uint8Array(0)))).toBe('"empty.csv" is empty (0 bytes). Export it again from your case system and choose the new file.');
  });

  test('a binary file (an Excel workbook saved as .csv)', async () => {
    const xlsx = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, '[Content_Types].xml', 0x00, 0x00);
    const msg = await fails(csv('enquiries.csv', xlsx));
    // A zip is taken for a workbook (see workbook.ts), and this one is cut short.
    expect(msg).toMatch(/^"enquiries\.csv" (doesn't look like a CSV file \(it contains binary data\)|is damaged: it isn't a complete workbook)/);
    expect(msg).toMatch(/Save (As|it again)/);
  });

  test('a file of blank lines', async () => {
    expect(await fails(csv('blank.csv', '\n\n  \n'))).toMatch(/"blank\.csv" has no text in it/);
  });

  test('no recognisable id: the message lists the columns found and what was expected', async () => {
    expect(await fails(csv('people.csv', 'Name,Colour,Joined\nBob,Red,01/01/2023\nAl,Blue,02/01/2023\n'))).toBe(
      'Couldn\'t find an enquiry id column in "people.csv". Columns found: "Name", "Colour", "Joined". Expected a column such as "Ref No", "Enquiry ID" or "Reference": if one of these is it, map its columns by hand.',
    );
  });

  test('an id but no enquiry date', async () => {
    const msg = await fails(csv('ids.csv', 'Ref No,Colour\nA,Red\nB,Blue\n'));
    expect(msg).toMatch(/^Couldn't find an enquiry date column in "ids\.csv"\. Columns found: "Ref No", "Colour"\./);
    expect(msg).toContain('Expected a column such as "Date of Enquiry" or "Enquiry Date"');
  });

  test('a header-only file', async () => {
    expect(await fails(csv('header.csv', 'Ref No,Date of Enquiry,Status\n'))).toBe('"header.csv" has a header row but no data rows. Export it again with the records included.');
    expect(await fails(csv('header2.csv', 'Ref No,Date of Enquiry,Status\n,,\n\n'))).toMatch(/"header2\.csv" has a header row but no data rows/);
  });

  test('a cost sheet alone', async () => {
    expect(await fails(csv('costs.csv', '"Campaign","Spend"\n"Radio","£12,500"\n'))).toBe('"costs.csv" holds campaign costs only. Choose your enquiry export together with the cost sheet.');
  });

  test('a cost sheet alone can be added to the data loaded, or its columns mapped; a file of no enquiries only mapped', async () => {
    const problems = async (file: ReturnType<typeof csv>) => {
      const err = await loadDataset(await testEngine(), [file]).then(() => null, (x: unknown) => x);
      expect(err).toBeInstanceOf(IngestError);
      return (err as IngestError).problems.map((p) => ({ file: p.file, addable: !!p.addable, mapping: !!p.mapping }));
    };
    expect(await problems(csv('costs.csv', 'Campaign,Spend\nRadio,500\n'))).toEqual([{ file: 'costs.csv', addable: true, mapping: true }]);
    expect(await problems(csv('undated.csv', 'Ref No,Date of Enquiry\nA,tbc\n'))).toEqual([{ file: 'undated.csv', addable: false, mapping: true }]);
  });

  test('rows but no readable enquiry date', async () => {
    expect(await fails(csv('undated.csv', 'Ref No,Date of Enquiry\nA,tbc\nB,unknown\n'))).toBe(
      'No enquiries could be read. "undated.csv": 2 rows, 2 rows without a readable enquiry date (e.g. "tbc"). Check its id and enquiry date columns, or export again.',
    );
  });

  test('after a failed load, what was loaded before is still loaded and the failed tables are gone', async () => {
    const e = await testEngine();
    const good = await load(e, csv('good.csv', 'Ref No,Date of Enquiry,Status\nG1,01/01/2023,Open\nG2,02/01/2023,Closed\n'));
    const expected = [enq('G1', '2023-01-01', { status: 'Open', outcome_hint: 'open' }), enq('G2', '2023-01-02', { status: 'Closed', outcome_hint: 'left' })];
    for (const bad of [
      [csv('bad.csv', 'Name,Colour\nBob,Red\n')],
      [csv('ok.csv', 'Ref No,Date of Enquiry\nX,01/01/2024\n'), csv('empty.csv', new Uint8Array(0))],
      [csv('ok.csv', 'Ref No,Date of Enquiry\nX,01/01/2024\n'), csv('bin.csv', bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0))],
    ]) {
      await expect(loadDataset(e, bad)).rejects.toBeInstanceOf(IngestError);
      expect(await enquiries(e)).toEqual(expected);
      expect(await e.query(`SELECT count(*) AS n FROM events`)).toEqual([{ n: 2 }]);
    }
    const tables = await e.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'g%\\_%' ESCAPE '\\'`);
    const generations = new Set(tables.map((t) => Number(t.name.slice(1, t.name.indexOf('_')))));
    expect(generations.has(good.generation)).toBe(true);
    for (let g = good.generation + 1; g <= good.generation + 3; g++) expect(generations.has(g)).toBe(false);
  });
});
