import { describe, expect, it } from 'vitest';
import { campaignsFinding, channelLabel, conversionFinding, costText, DATED_COSTS, valueFinding } from '../../../src/lib/findings/campaigns';
import { costPerApproval } from '../../../src/lib/funnel/costPerApproval';
import { BLANK } from '../../../src/lib/funnel/filters';
import { channelRow } from '../funnel/channelRow';

describe('valueFinding', () => {
  it('names best and worst value per approval when their intervals do not overlap, and leaves the rest unranked', () => {
    const rows = [
      channelRow(BLANK, 2482, 300, 145),
      channelRow('Community Champions', 151, 40, 18, 18_600),
      channelRow('Digital Always-On', 467, 60, 16, 31_200),
      channelRow('Spring Radio 2023', 230, 20, 5, 42_500),
      channelRow('Foster Care Fortnight 2024', 61, 6, 1, 8_750),
    ];
    const s = valueFinding(rows)!;
    expect(s).toBe(
      `Best value: Community Champions, ${costText(costPerApproval(18_600, 18)!)}. `
      + `Worst: Spring Radio 2023, ${costText(costPerApproval(42_500, 5)!, true)}; the intervals do not overlap, even allowing for the 4 campaigns compared. `
      + "The other 2 campaigns with spend can't be ranked: their intervals overlap one of these.",
    );
    expect(s).toContain('£1,033 per approval (95% interval £');
    expect(s).toMatch(/Worst: Spring Radio 2023, £8,500 \(£[\d,]+–£[\d,]+; 5 approvals\)/);
    // Fortnight 2024 costs more per approval than Spring Radio, but on one approval: it is not called the worst.
    expect(s).not.toContain('Worst: Foster Care Fortnight 2024');
  });

  it('says the campaigns can\'t be ranked when every interval overlaps the cheapest', () => {
    const rows = [channelRow('A', 100, 10, 3, 6_000), channelRow('B', 100, 10, 2, 6_000), channelRow('C', 50, 5, 1, 2_500)];
    expect(valueFinding(rows)).toMatch(/^The 3 campaigns with spend can't be ranked by cost per approval: their intervals overlap, allowing for the 3 compared \(lowest, A: £2,000 per approval .*; highest, B: £3,000 \(£/);
  });

  it('widens the intervals for the number of campaigns: a gap clear for two may not be for twelve', () => {
    const pair = [channelRow('Cheap', 400, 80, 20, 10_000), channelRow('Dear', 300, 10, 6, 16_000)];
    expect(valueFinding(pair)).toMatch(/^Best value: Cheap.*Worst: Dear/);
    const twelve = [...pair, ...Array.from({ length: 10 }, (_, i) => channelRow(`Middle ${i}`, 300, 30, 10, 10_000))];
    expect(valueFinding(twelve)).toMatch(/^The 12 campaigns with spend can't be ranked/);
  });

  it('can name a campaign with no approvals as the worst only when even its lowest cost is clear of the best', () => {
    const rows = [channelRow('Cheap', 400, 80, 40, 20_000), channelRow('Nothing yet', 300, 10, 0, 60_000)];
    expect(valueFinding(rows)).toMatch(/Worst: Nothing yet, no approvals yet from £60,000 \(at least £16,265 per approval/);
  });

  it('does not name as the worst a campaign whose dearness may be approvals still to come from its open enquiries', () => {
    const spring = channelRow('Spring radio', 200, 40, 20, 10_000);
    const autumn = (high: number) => channelRow('Autumn social', 200, 20, 3, 10_000, { openNow: 150, expectedApprovals: { value: high / 2, low: 0, high } });
    expect(valueFinding([spring, autumn(0)])).toMatch(/^Best value: Spring radio.*Worst: Autumn social/);
    const held = valueFinding([spring, autumn(25)])!;
    expect(held).toMatch(/^The 2 campaigns with spend can't be ranked by cost per approval: not yet \(lowest, Spring radio/);
    expect(held).toContain('Autumn social costs more so far, but its open enquiries may bring up to 25 more approvals, so it is not called dearer yet.');
    expect(held).not.toContain('overlap');
  });

  it('handles no spend, no approvals and a single campaign', () => {
    expect(valueFinding([channelRow('A', 10, 1, 1)])).toBeNull();
    expect(valueFinding([channelRow('A', 10, 1, 0, 500), channelRow('B', 10, 1, 0, 500)])).toBe('None of the 2 campaigns with spend has led to an approval yet, so cost per approval cannot be compared.');
    expect(valueFinding([channelRow('A', 10, 4, 2, 500)])).toMatch(/^A is the only campaign with spend: £250 per approval/);
  });
});

describe('conversionFinding', () => {
  it('ranks by enquiry-to-approval only when the intervals are clear of each other', () => {
    const rows = [channelRow('Web', 1000, 200, 150), channelRow('Radio', 1000, 100, 30), channelRow(BLANK, 50, 5, 1)];
    expect(conversionFinding(rows, 'source')).toMatch(/^Highest conversion: Web, 15% of 1,000 enquiries approved \(95% interval 13%–17%\)\. Lowest: Radio, 3\.0% of 1,000 enquiries approved .* 50 enquiries have no source recorded\.$/);
    const close = [channelRow('Web', 40, 5, 4), channelRow('Radio', 40, 5, 3)];
    expect(conversionFinding(close, 'campaign')).toMatch(/^The 2 campaigns can't be ranked by conversion/);
  });

  it('allows for every pair that could have been picked: the same gap named between two services is not named among fifteen', () => {
    const two = [channelRow('Lydford', 600, 90, 51), channelRow('Jarrow', 600, 60, 23)];
    expect(conversionFinding(two, 'service')).toMatch(/^Highest conversion: Lydford, 8\.5% .* Lowest: Jarrow, 3\.8% .*; the gap is clear of chance \(p [<=] 0\.0\d+\)\.$/);
    const fifteen = [...two, ...Array.from({ length: 13 }, (_, i) => channelRow(`Council ${i}`, 600, 70, 36))];
    expect(conversionFinding(fifteen, 'service')).toMatch(/^The 15 services can't be ranked by conversion: no gap between them is clear of chance, allowing for the 105 pairs among the 15 services \(highest: Lydford/);
    // A gap that holds even so is named, with its adjusted p.
    const clear = [channelRow('Web', 1000, 200, 150), channelRow('Radio', 1000, 100, 30), ...Array.from({ length: 13 }, (_, i) => channelRow(`Other ${i}`, 600, 70, 50))];
    expect(conversionFinding(clear, 'source')).toMatch(/Lowest: Radio, 3\.0% .*; the gap is clear of chance \(adjusted p < 0\.001, allowing for the 105 pairs among the 15 sources\)\.$/);
    expect(conversionFinding([channelRow(BLANK, 50, 5, 1)], 'source')).toMatch(/^No enquiry has a source recorded/);
  });

  it('is of decided enquiries: a service whose enquiries are mostly still open is not the lowest for that', () => {
    // B converts its decided enquiries as A does, but 160 of its 255 are still open.
    const a = channelRow('Service A', 300, 60, 30);
    const b = channelRow('Service B', 255, 20, 10, null, { openNow: 160 });
    const s = conversionFinding([a, b], 'service');
    expect(s).toMatch(/^The 2 services can't be ranked by conversion/);
    expect(s).toMatch(/highest: Service B, [\d.]+% of 95 decided enquiries approved/);
    expect(s).toContain('the 160 enquiries still open are left out, as they may yet be approved.');
    // Counted against all enquiries, B's 3.9% would be named the lowest, clear of chance.
    expect(conversionFinding([channelRow('A', 30, 0, 0, null, { openNow: 30 }), channelRow('B', 5, 0, 0, null, { openNow: 5 })], 'campaign'))
      .toBe('No campaign has a decided enquiry yet: all 35 enquiries with a campaign recorded are still open, so none can be ranked by conversion.');
    const asBefore = channelRow('Service B', 255, 20, 10);
    expect(conversionFinding([a, asBefore], 'service')).toMatch(/^Highest conversion: Service A.*Lowest: Service B, 3\.9%/);
  });

  it('with one campaign (a filter on it) says what it converts without ranking it against nothing', () => {
    const one = conversionFinding([channelRow('Web', 1000, 200, 150)], 'campaign');
    expect(one).toMatch(/^Only one campaign has enquiries here: Web, 15% of 1,000 enquiries approved \(95% interval 13%–17%\)\. There is nothing to rank it against\.$/);
    expect(one).not.toMatch(/too few/i);
  });
});

describe('campaignsFinding: the view\'s finding, which the report prints too', () => {
  const rows = [channelRow(BLANK, 2482, 300, 145), channelRow('Community Champions', 151, 40, 18), channelRow('Digital Always-On', 467, 60, 16)];
  it('without spend: conversion, and what to add to compare costs (or why not, under a date filter)', () => {
    expect(campaignsFinding(rows, 'campaign', { dated: false, services: null, servicesText: '' }))
      .toBe(`${conversionFinding(rows, 'campaign')} Add each campaign's spend (below the table) to compare cost per approval.`);
    expect(campaignsFinding(rows, 'campaign', { dated: true, services: null, servicesText: '' })).toBe(`${conversionFinding(rows, 'campaign')} ${DATED_COSTS}`);
    expect(campaignsFinding(rows, 'source', { dated: true, services: null, servicesText: '' })).toBe(conversionFinding(rows, 'source'));
  });
  it('with spend by campaign: value for money', () => {
    const costed = [rows[0], channelRow('Community Champions', 151, 40, 18, 18_600), channelRow('Digital Always-On', 467, 60, 16, 31_200)];
    expect(campaignsFinding(costed, 'campaign', { dated: false, services: null, servicesText: '' })).toBe(valueFinding(costed));
  });
  it('names the blank one as "No … recorded"', () => {
    expect(channelLabel('service')(BLANK)).toBe('No service recorded');
    expect(channelLabel('campaign')('Radio')).toBe('Radio');
  });
});

