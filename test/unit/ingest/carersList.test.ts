import { describe, expect, test } from 'vitest';
import { csv, load, testEngine } from '../../helpers/engine';

const ENQUIRIES = 'Ref,Enquiry Date,Approval Date,Status\nE1,01/02/2023,01/12/2023,Approved\nE2,01/03/2023,,Withdrawn\n';

describe('a carers list loaded alongside the enquiries', () => {
  test('goes to its own table: repeated carers merged, rows without an approval date counted, unreadable dates reported', async () => {
    const engine = await testEngine();
    const list = [
      'Carers report (run 01/11/2026)',
      'Foster Carer ID,Enquiry Reference,Date of Approval,Date of first placement,Resignation Date,Reason for leaving fostering',
      'C1,E1,01/12/2023,15-Jan-2024,,',
      'C1,E1,01/12/2023,,30/06/2025,Retired',
      'C2,,12 March 2019,2019-04-01,not known,',
      'C3,,,01/01/2020,,',
      'Total,,,,,',
    ].join('\r\n');
    const ds = await load(engine, csv('enquiries.csv', ENQUIRIES), csv('Carers list.csv', list));
    expect(ds.raws.map((r) => r.name)).toEqual(['enquiries.csv']);
    expect(ds.model.quality.enquiries).toBe(2);
    expect(ds.carers).toMatchObject({
      files: ['Carers list.csv'], households: 2, merged: 1, skipped: 2,
      unreadDates: [{ file: 'Carers list.csv', column: 'Resignation Date', count: 1 }],
      has: { placement: true, deregistered: true, reason: true },
    });
    const rows = await engine.query<Record<string, string | null>>(
      `SELECT carer_id, carer_enquiry, strftime(carer_approved, '%Y-%m-%d') AS approved, strftime(carer_placed, '%Y-%m-%d') AS placed,
         strftime(carer_ended, '%Y-%m-%d') AS ended, carer_reason FROM ${ds.carers!.table} ORDER BY carer_id`,
    );
    expect(rows).toEqual([
      { carer_id: 'C1', carer_enquiry: 'E1', approved: '2023-12-01', placed: '2024-01-15', ended: '2025-06-30', carer_reason: 'Retired' },
      { carer_id: 'C2', carer_enquiry: null, approved: '2019-03-12', placed: '2019-04-01', ended: null, carer_reason: null },
    ]);
  });

  test('without one, the dataset has none', async () => {
    const engine = await testEngine();
    const ds = await load(engine, csv('enquiries.csv', ENQUIRIES));
    expect(ds.carers).toBeNull();
  });
});
