import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasFosteringEvidence } from '../../../src/lib/ingest/evidence';
import { emptyRoles, type FileMapping } from '../../../src/lib/ingest/mapping';
import { type MappingMemory } from '../../../src/lib/ingest/load';
import { IngestError } from '../../../src/lib/ingest/errors';
import { columnSignature } from '../../../src/lib/ingest/propose';
import { csv, testEngine } from '../../helpers/engine';
import { enquiries } from './tables';
import { loadDataset } from '../../../src/lib/coordinator/tables';

const m = (roles: Partial<FileMapping['roles']>, more: Partial<FileMapping> = {}): FileMapping =>
  ({ kind: 'wide', roles: { ...emptyRoles(), ...roles }, statusValues: {}, stageLabels: {}, ...more });

/** A spending return as councils publish them: an id-like and a date-like column, nothing about fostering. */
const SPENDING = 'Transaction Number,Date of Payment,Supplier,Amount\nT1001,01/02/2024,Acme Ltd,£100.00\nT1002,02/02/2024,Bob & Co,£250.50\nT1003,02/02/2024,Acme Ltd,£75.25\n';
const WIDE = 'Ref No,Date of Enquiry,Initial Home Visit Date,Current Status\nA1,01/02/2024,05/02/2024,In progress\nA2,02/02/2024,,Withdrawn\n';

async function failure(files: ReturnType<typeof csv>[], memory?: MappingMemory) {
  const e = await testEngine();
  const err = await loadDataset(e, files, memory).then(() => null, (x: unknown) => x);
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

describe('hasFosteringEvidence', () => {
  test('stage dates, an enquiry date named as such, recognised stage labels or statuses', () => {
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'When', stageDates: { panel: 'Panel date' } }))).toBe(true);
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'Date of Enquiry' }))).toBe(true);
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'Registration of interest' }))).toBe(true);
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'When', status: 'State' }, { statusValues: { Withdrawn: 'left', Open: 'open' } }))).toBe(true);
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'When', currentStage: 'Stage' }, { kind: 'status', stageLabels: { 'Stage 1': 'stage1' } }))).toBe(true);
    expect(hasFosteringEvidence(m({ id: 'Ref', milestone: 'Event', milestoneDate: 'When' }, { kind: 'events', stageLabels: { 'Initial visit': 'initial_visit' } }))).toBe(true);
  });

  test('an id and a date alone, or statuses it cannot read, are not evidence', () => {
    expect(hasFosteringEvidence(m({ id: 'Transaction Number', enquiryDate: 'Date of Payment' }))).toBe(false);
    expect(hasFosteringEvidence(m({ id: 'Ref', enquiryDate: 'Date', status: 'Status' }, { statusValues: { Paid: 'open', Unpaid: 'open' } }))).toBe(false);
    expect(hasFosteringEvidence(m({ id: 'Ref', milestone: 'Event', milestoneDate: 'When' }, { kind: 'events', stageLabels: { Invoice: 'ignore' } }))).toBe(false);
    expect(hasFosteringEvidence(m({ campaign: 'Campaign', spend: 'Spend' }, { kind: 'costs' }))).toBe(true);
  });
});

describe('evidence before acceptance', () => {
  test('a spending return is not taken as enquiries unasked: its name, why, and what can be done', async () => {
    const err = await failure([csv('payments.csv', SPENDING)]);
    expect(err.message).toBe('"payments.csv" doesn\'t look like a fostering export: it has no stage dates or status. Map its columns, or load it anyway.');
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect([p.file, p.canLoadAnyway, p.mapping?.columns]).toEqual(['payments.csv', true, ['Transaction Number', 'Date of Payment', 'Supplier', 'Amount']]);
    expect(p.mapping?.sample[0]).toEqual(['T1001', '01/02/2024', 'Acme Ltd', '£100.00']);
    expect(p.mapping?.proposed.roles).toMatchObject({ id: 'Transaction Number', enquiryDate: 'Date of Payment' });
  });

  test('nothing loaded before is touched by the refusal', async () => {
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('wide.csv', WIDE)]);
    const before = await enquiries(e);
    await failure([csv('payments.csv', SPENDING)]);
    expect(await enquiries(e)).toEqual(before);
  });

  test('"Load it anyway" takes it as the user says', async () => {
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('payments.csv', SPENDING)], undefined, undefined, { loadAnyway: ['payments.csv'] });
    expect(ds.model.quality.enquiries).toBe(3);
  });

  test('columns chosen by hand (a remembered mapping) count as the user saying so', async () => {
    const e = await testEngine();
    const first = await failure([csv('payments.csv', SPENDING)]);
    const chosen = first.problems[0].mapping!.proposed;
    const sig = columnSignature(first.problems[0].mapping!.columns);
    const ds = await loadDataset(e, [csv('payments.csv', SPENDING)], (s) => (s === sig ? chosen : undefined));
    expect(ds.model.quality.enquiries).toBe(3);
  });

  test('several files at once: each file without evidence is named, and a cost sheet alongside is fine', async () => {
    const costs = csv('costs.csv', 'Campaign,Spend\nRadio,"£1,000"\n');
    const err = await failure([csv('wide.csv', WIDE), csv('pay-apr.csv', SPENDING), costs, csv('pay-may.csv', SPENDING)]);
    expect(err.message).toBe('2 of the files were not loaded: "pay-apr.csv", "pay-may.csv". Nothing was changed. "wide.csv", "costs.csv" were read without problems but not loaded either: files chosen together are loaded together.');
    expect(err.problems.map((p) => [p.file, p.index, p.canLoadAnyway])).toEqual([['pay-apr.csv', 1, true], ['pay-may.csv', 3, true]]);
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('wide.csv', WIDE), costs]);
    expect([ds.model.quality.enquiries, ds.model.quality.campaignsWithSpend]).toEqual([2, 1]);
  });

  test('a file that fails to read and one without evidence are both named', async () => {
    const err = await failure([csv('empty.csv', new Uint8Array(0)), csv('payments.csv', SPENDING)]);
    expect(err.problems.map((p) => [p.file, !!p.mapping])).toEqual([['empty.csv', false], ['payments.csv', true]]);
    expect(err.problems[0].text).toMatch(/"empty\.csv" is empty/);
  });

  test('a file with no header row: the first row is recognised as data and its columns can be mapped', async () => {
    const text = 'A1,01/02/2024,05/02/2024,In progress\nA2,02/02/2024,,Withdrawn\nA3,03/02/2024,,In progress\n';
    const err = await failure([csv('noheader.csv', text)]);
    expect(err.message).toMatch(/^"noheader\.csv" has no header row: the first row looks like data \("A1", "01\/02\/2024", "05\/02\/2024", "In progress"\)\. Add a header row/);
    const p = err.problems[0];
    expect(p.mapping?.columns).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    // Mapped by hand, every row is an enquiry, the first included.
    const chosen: FileMapping = { ...p.mapping!.proposed, kind: 'wide', roles: { ...emptyRoles(), id: 'Column 1', enquiryDate: 'Column 2', status: 'Column 4', stageDates: { initial_visit: 'Column 3' } } };
    const e = await testEngine();
    const ds = await loadDataset(e, [csv('noheader.csv', text)], () => chosen);
    expect((await enquiries(e)).map((r) => [r.id, r.outcome_hint])).toEqual([['A1', 'open'], ['A2', 'left'], ['A3', 'open']]);
  });

  test('no readable enquiry dates: the message still leads to mapping the columns by hand', async () => {
    const err = await failure([csv('undated.csv', 'Ref No,Date of Enquiry,Received\nA,tbc,01/02/2024\nB,unknown,02/02/2024\n')]);
    expect(err.message).toMatch(/^No enquiries could be read\. "undated\.csv": 2 rows, 2 rows without a readable enquiry date/);
    expect(err.problems.map((p) => [p.file, p.mapping?.columns])).toEqual([['undated.csv', ['Ref No', 'Date of Enquiry', 'Received']]]);
  });

  test('the built-in sample is accepted as it is', async () => {
    const e = await testEngine();
    const ds = await loadDataset(e, [
      csv('sample-enquiries.csv', readFileSync('data/sample-enquiries.csv')),
      csv('sample-campaign-costs.csv', readFileSync('data/sample-campaign-costs.csv')),
    ]);
    expect(ds.model.quality.enquiries).toBeGreaterThan(3000);
  }, 60_000);
});
