import { describe, expect, test } from 'vitest';
import { HISTORIC_BENCHMARK, NATIONAL_YEARS, WITHDRAWN_BY_APPLICANTS_2023, nationalYear } from '../../../src/lib/funnel/national';
import { financialYear } from '../../../src/lib/funnel/periods';

describe('national figures (DOMAIN.md)', () => {
  test('Ofsted figures by financial year, labelled as our period counts are', () => {
    expect(nationalYear('2021-22')).toMatchObject({ initialEnquiries: 138_075, applications: 8_280, newApprovedHouseholds: 4_035, deregistered: 5_435 });
    expect(nationalYear('2022-23')).toMatchObject({
      initialEnquiries: 125_195, applications: 8_010, newApprovedHouseholds: 4_080, deregistered: 5_125,
      split: { laEnquiries: 25_820, ifaEnquiries: 99_375, laEnquiryToApplication: 0.12, ifaEnquiryToApplication: 0.05 },
    });
    expect(nationalYear('2023-24')).toBeUndefined();
    expect(nationalYear(financialYear('2022-06-30'))!.year).toBe('2022-23');
  });

  test('figures are consistent with themselves', () => {
    for (const y of NATIONAL_YEARS) {
      expect(Math.round((y.applications / y.initialEnquiries) * 100) / 100).toBeCloseTo(y.enquiryToApplication, 2);
      if (y.split) expect(y.split.laEnquiries + y.split.ifaEnquiries).toBe(y.initialEnquiries);
    }
    expect(HISTORIC_BENCHMARK).toMatchObject({ enquiryToInitialVisit: 0.31, enquiryToApproval: 0.11, meanDaysEnquiryToApproval: 273 });
    expect(WITHDRAWN_BY_APPLICANTS_2023.share).toBe(0.71);
  });
});

describe('the latest national figures, for beside a service\'s own', () => {
  test('the most recent year, labelled as period counts', async () => {
    const { latestNationalYear, englandApplicationRate } = await import('../../../src/lib/funnel/national');
    expect(latestNationalYear().year).toBe('2022-23');
    // 8,010 and 4,080 of 125,195
    expect(englandApplicationRate()).toBe('England 2022-23: 6.4% (councils 12%) applications and 3.3% approvals per enquiry, period counts');
  });

  test('beside a headline figure: England\'s share with the councils\' own, mostly agencies\' enquiries being England\'s', async () => {
    const { englandApplicationShort } = await import('../../../src/lib/funnel/national');
    expect(englandApplicationShort()).toBe('England 6.4% (councils 12%)');
  });

  test('approvals per enquiry: England\'s now (period counts), and the 2013/14 cohort benchmark beside it', async () => {
    const { englandApprovalShort, englandApprovalShare } = await import('../../../src/lib/funnel/national');
    expect(englandApprovalShare()).toBeCloseTo(4_080 / 125_195, 12);
    expect(englandApprovalShort()).toBe('England 3.3%; 11% in 2013/14');
  });
});
