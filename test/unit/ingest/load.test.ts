import { describe, expect, test } from 'vitest';
import { csv, load, testEngine } from '../../helpers/engine';

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

describe('wide exports', () => {
  test('reads title lines, UK dates, quoted fields and a total line into canonical tables', async () => {
    const e = await testEngine();
    const ds = await load(e, csv('report.csv', WIDE));
    const enq = await e.query(`SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS d, campaign, source, status, outcome_hint, reason,
      strftime(exit_date, '%Y-%m-%d') AS x, "a:Ethnicity" AS eth FROM enquiries ORDER BY id`);
    expect(enq).toEqual([
      { id: 'FE-1', d: '2023-03-12', campaign: 'Spring Radio', source: 'Website', status: 'Approved', outcome_hint: 'approved', reason: null, x: null, eth: 'White British' },
      { id: 'FE-2', d: '2023-03-12', campaign: 'Spring Radio', source: 'Radio', status: 'NFA', outcome_hint: 'left', reason: 'Did not respond', x: '2023-04-01', eth: 'Black African' },
      { id: 'FE-3', d: '2023-04-01', campaign: null, source: 'Word of mouth, carer', status: 'In progress', outcome_hint: 'open', reason: null, x: null, eth: 'Mixed' },
      { id: 'FE-4', d: '2023-04-03', campaign: null, source: 'Website', status: 'Withdrawn', outcome_hint: 'left', reason: 'Change in circumstances', x: '2023-06-01', eth: 'White British' },
    ]);
    const ev = await e.query(`SELECT id, stage, strftime(date, '%Y-%m-%d') AS d FROM events ORDER BY id, date, stage`);
    expect(ev.filter((r) => r.id === 'FE-1').map((r) => r.stage)).toEqual(['enquiry', 'initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved']);
    expect(ev.filter((r) => r.id === 'FE-4')).toEqual([
      { id: 'FE-4', stage: 'enquiry', d: '2023-04-03' },
      { id: 'FE-4', stage: 'application', d: '2023-05-10' },
    ]);
    const f = ds.model.quality.files[0];
    expect(f.kind).toBe('wide');
    expect(f.titleLines).toBe(3);
    expect(f.rowsRead).toBe(6);
    expect(f.noId).toBe(1);
    expect(f.totalLines).toBe(1);
  });
});
