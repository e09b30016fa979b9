import { describe, expect, test } from 'vitest';
import { detectRoles, guessKind } from '../../../src/lib/ingest/detect';
import { emptyRoles, type ColumnRoles } from '../../../src/lib/ingest/mapping';
import { sniff } from '../../../src/lib/ingest/sniff';

/** Roles of a file written as text, read the way the app reads it. */
function rolesOf(text: string) {
  const d = sniff(new TextEncoder().encode(text));
  return detectRoles(d.header, d.sample);
}
const roles = (r: Partial<ColumnRoles>): ColumnRoles => ({ ...emptyRoles(), ...r });

describe('detectRoles: the three export shapes and the cost sheet', () => {
  test('wide: one row per enquiry, a date column per stage', () => {
    const r = rolesOf(`Ref No,Date of Enquiry,How did you hear about us?,Campaign,Initial Home Visit Date,Application Received,Stage One Completed,Stage Two Completed,Panel Date,ADM Decision Date,Current Status,Reason for Closure,Date Closed,Ethnicity,Mosaic
FE-1,12/03/2023,Website,Spring Radio,20/03/2023,01/05/2023,01/07/2023,01/09/2023,01/10/2023,15/10/2023,Approved,,,White British,B07
FE-2,12-Mar-2023,Radio,Spring Radio,,,,,,,NFA,Did not respond,01/04/2023,Black African,C11
FE-3,2023-04-01,Word of mouth,,05/04/2023,,,,,,In progress,,,Mixed,D14
`);
    expect(r).toEqual({
      kind: 'wide',
      roles: roles({
        id: 'Ref No', enquiryDate: 'Date of Enquiry', source: 'How did you hear about us?', campaign: 'Campaign',
        status: 'Current Status', reason: 'Reason for Closure', exitDate: 'Date Closed',
        stageDates: {
          initial_visit: 'Initial Home Visit Date', application: 'Application Received', stage1: 'Stage One Completed',
          stage2: 'Stage Two Completed', panel: 'Panel Date', approved: 'ADM Decision Date',
        },
      }),
    });
  });

  test('event log: Reference, Milestone, Milestone Date', () => {
    expect(rolesOf(`Reference,Milestone,Milestone Date
E1,Enquiry,01/02/2023
E1,IHV,10/02/2023
E1,Withdrawn,01/03/2023
E2,Enquiry,05/02/2023
E2,Application Received,01/04/2023
`)).toEqual({ kind: 'events', roles: roles({ id: 'Reference', milestone: 'Milestone', milestoneDate: 'Milestone Date' }) });
  });

  test('event log with a stage column, a plain date and a reason', () => {
    expect(rolesOf(`Enquiry Ref;Stage;Date;Notes;Withdrawal Reason
A1;Registration of Interest;01/02/2023;;
A1;Initial Visit;10/02/2023;went well;
A1;Closed;01/03/2023;;Moved away
B2;Registration of Interest;05/02/2023;;
`)).toEqual({ kind: 'events', roles: roles({ id: 'Enquiry Ref', milestone: 'Stage', milestoneDate: 'Date', reason: 'Withdrawal Reason' }) });
  });

  test('status list: Enquiry ID, Enquiry Date, Furthest Stage, Outcome', () => {
    expect(rolesOf(`Enquiry ID,Enquiry Date,Furthest Stage,Outcome
S1,12/03/2023,Stage 1 Complete,Closed - Not Proceeding
S2,13/03/2023,Fostering Panel,Approved
S3,14/03/2023,IHV,On Hold
S4,15/03/2023,Enquiry,NFA
`)).toEqual({ kind: 'status', roles: roles({ id: 'Enquiry ID', enquiryDate: 'Enquiry Date', currentStage: 'Furthest Stage', status: 'Outcome' }) });
  });

  test('campaign cost sheet', () => {
    expect(rolesOf(`"Campaign","Spend"
"Spring Radio","£12,500"
"Bus Ads","£3,000.50"
`)).toEqual({ kind: 'costs', roles: roles({ campaign: 'Campaign', spend: 'Spend' }) });
    expect(rolesOf('Campaign name,Total cost (£)\nRadio,1200\nBus,300.5\n').roles).toMatchObject({ campaign: 'Campaign name', spend: 'Total cost (£)' });
  });
});

describe('detectRoles: header names', () => {
  test.each([
    ['Ref No'], ['Enquiry ID'], ['Reference'], ['Case Number'], ['URN'], ['Enquiry Ref'], ['ENQUIRY_ID'], ['  Ref No  '.trim()],
  ])('%s is the id', (name) => {
    expect(rolesOf(`${name},Date of Enquiry\nA1,01/01/2023\nA2,02/01/2023\n`).roles.id).toBe(name);
  });

  test.each([
    ['Date of Enquiry'], ['Enquiry Date'], ['Date Enquiry Received'], ['Inquiry date'], ['Registration of interest date'], ['Date received'], ['Date'],
  ])('%s is the enquiry date', (name) => {
    expect(rolesOf(`Ref No,${name}\nA1,01/01/2023\nA2,02/01/2023\n`).roles.enquiryDate).toBe(name);
  });

  test('a "Mosaic" column is never the id, even first and looking like codes', () => {
    const r = rolesOf('Mosaic,Mosaic Group,Date of Enquiry,Enquiry ID,Status\nB07,B,01/01/2023,X1,Open\nC11,C,02/01/2023,X2,Open\n').roles;
    expect(r.id).toBe('Enquiry ID');
    expect(r.enquiryDate).toBe('Date of Enquiry');
  });

  test('postcode, phone, email and date of birth are not ids or enquiry dates', () => {
    const r = rolesOf('Postcode,Phone Number,Email,DOB,Client Number,Date of Enquiry\nBS1,0117,a@b,01/01/1980,C1,01/01/2023\nBS2,0118,c@d,02/02/1985,C2,02/01/2023\n').roles;
    expect([r.id, r.enquiryDate]).toEqual(['Client Number', 'Date of Enquiry']);
  });

  test('stage date columns by meaning; an empty one named like a date is still a stage date', () => {
    const r = rolesOf('Ref,Enquiry Date,IHV,Stage 1 Complete,Stage 2 Complete,Fostering Panel,Approval Date,Date Withdrawn\nA,01/01/2023,05/01/2023,,,01/06/2023,,\nB,02/01/2023,,,,,,03/03/2023\n').roles;
    expect(r.stageDates).toEqual({ initial_visit: 'IHV', stage1: 'Stage 1 Complete', stage2: 'Stage 2 Complete', panel: 'Fostering Panel', approved: 'Approval Date' });
    expect(r.exitDate).toBe('Date Withdrawn');
  });

  test('an empty column with no date word in its name is not taken as a stage date', () => {
    const r = rolesOf('Ref,Enquiry Date,Fostering Panel,Notes\nA,01/01/2023,,x\nB,02/01/2023,,y\n').roles;
    expect(r.stageDates).toEqual({});
  });

  test('free-text columns are left as attributes', () => {
    const r = rolesOf('Ref No,Date of Enquiry,Ethnicity,Age Band,Disability,Household Type\nA,01/01/2023,White British,35-44,No,Couple\n').roles;
    expect(r).toEqual(roles({ id: 'Ref No', enquiryDate: 'Date of Enquiry' }));
  });

  test('nothing recognisable gives no id and no enquiry date', () => {
    expect(rolesOf('Name,Colour\nBob,Red\nAl,Blue\n')).toEqual({ kind: 'wide', roles: emptyRoles() });
  });
});

describe('guessKind', () => {
  test('from the roles found', () => {
    expect(guessKind(roles({ campaign: 'C', spend: 'S' }))).toBe('costs');
    expect(guessKind(roles({ campaign: 'C', spend: 'S', enquiryDate: 'D' }))).toBe('wide');
    expect(guessKind(roles({ id: 'R', milestone: 'M', milestoneDate: 'D' }))).toBe('events');
    expect(guessKind(roles({ id: 'R', enquiryDate: 'D', stageDates: { panel: 'P' } }))).toBe('wide');
    expect(guessKind(roles({ id: 'R', enquiryDate: 'D', currentStage: 'S' }))).toBe('status');
    expect(guessKind(roles({ id: 'R', enquiryDate: 'D' }))).toBe('wide');
  });
});
