import { describe, expect, test } from 'vitest';
import { afterApprovalColumns, carersListColumns, hasAfterApproval } from '../../../src/lib/ingest/afterApprovalColumns';

describe('after-approval columns, by meaning', () => {
  test.each([
    [['First Placement Date', 'Date Deregistered', 'Reason for Deregistration'], { placement: 'First Placement Date', deregistered: 'Date Deregistered', reason: 'Reason for Deregistration' }],
    [['Date of 1st placement', 'Resignation Date', 'Reason for leaving fostering'], { placement: 'Date of 1st placement', deregistered: 'Resignation Date', reason: 'Reason for leaving fostering' }],
    [['first_placement_date', 'DATE CEASED', 'Why carer left fostering'], { placement: 'first_placement_date', deregistered: 'DATE CEASED', reason: 'Why carer left fostering' }],
    [['Date of Deregistration', 'De-registration reason'], { placement: null, deregistered: 'Date of Deregistration', reason: 'De-registration reason' }],
    [['Placement end date', 'Placement type', 'First Placement Date'], { placement: 'First Placement Date', deregistered: null, reason: null }],
  ])('%j', (header, expected) => {
    expect(afterApprovalColumns(header)).toEqual(expected);
  });

  test('enquiry columns are not taken for after-approval ones', () => {
    const c = afterApprovalColumns(['Ref No', 'Date of Enquiry', 'Reason for Closure', 'Date Closed', 'Current Status', 'Reason for leaving']);
    expect(c).toEqual({ placement: null, deregistered: null, reason: null });
    expect(hasAfterApproval(c)).toBe(false);
  });
});

describe('carers lists', () => {
  test('a list of approved households with a deregistration or placement date', () => {
    expect(carersListColumns(['Carer ID', 'Enquiry Ref', 'Date Approved', 'First Placement Date', 'Date Deregistered', 'Reason for Deregistration'])).toEqual({
      carerId: 'Carer ID', enquiryRef: 'Enquiry Ref', approved: 'Date Approved',
      placement: 'First Placement Date', deregistered: 'Date Deregistered', reason: 'Reason for Deregistration',
    });
    expect(carersListColumns(['Household number', 'Approval date', 'Date Ceased'])).toMatchObject({ carerId: 'Household number', enquiryRef: null, approved: 'Approval date', deregistered: 'Date Ceased' });
  });

  test('an enquiry export, a cost sheet or a list without approval dates is not a carers list', () => {
    expect(carersListColumns(['Ref No', 'Date of Enquiry', 'ADM Decision Date', 'First Placement Date', 'Date Deregistered'])).toBeNull();
    expect(carersListColumns(['Campaign', 'Spend'])).toBeNull();
    expect(carersListColumns(['Carer ID', 'Date Deregistered'])).toBeNull();
    expect(carersListColumns(['Carer ID', 'Date Approved', 'Household Type'])).toBeNull();
  });
});
