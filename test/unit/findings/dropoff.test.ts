import { describe, expect, it } from 'vitest';
import { dropoffFinding } from '../../../src/lib/findings/dropoff';
import type { ReasonRow } from '../../../src/lib/funnel/reasons';

const stages = [{ id: 'enquiry', name: 'Enquiry' }, { id: 'initial_visit', name: 'Initial visit' }, { id: 'panel', name: 'Panel' }];

describe('dropoffFinding', () => {
  it('names the biggest reason, its share of those who left, who ended it and where most of them left', () => {
    const rows: ReasonRow[] = [
      { stage: 'enquiry', code: 'LOST_CONTACT', n: 998 },
      { stage: 'initial_visit', code: 'LOST_CONTACT', n: 70 },
      { stage: 'enquiry', code: 'AW0', n: 458 },
      { stage: 'panel', code: 'PANEL_NOT_SUITABLE', n: 9 },
    ];
    expect(dropoffFinding(rows, stages, 120)).toBe(
      'Lost contact / no response ended 1,068 enquiries (70% of the 1,535 who left; an administrative close), 998 of them at enquiry.',
    );
  });

  it('says "all of them" when one stage holds them all, and names a tie', () => {
    const rows: ReasonRow[] = [{ stage: 'panel', code: 'PANEL_NOT_SUITABLE', n: 4 }, { stage: 'initial_visit', code: 'AW4', n: 4 }];
    const s = dropoffFinding(rows, stages, 0);
    expect(s).toMatch(/ended 4 enquiries \(as many as /);
    expect(s).toMatch(/all of them at (panel|initial visit)\.$/);
  });

  it('leavers with no reason recorded are no reason: counted, and the biggest reason among the rest named', () => {
    const rows: ReasonRow[] = [
      { stage: 'enquiry', code: 'NOT_KNOWN', n: 1500 },
      { stage: 'initial_visit', code: 'NOT_KNOWN', n: 152 },
      { stage: 'enquiry', code: 'LOST_CONTACT', n: 600 },
      { stage: 'enquiry', code: 'AW0', n: 400 },
    ];
    expect(dropoffFinding(rows, stages, 0)).toBe(
      '1,652 of the 2,652 who left (62%) have no reason recorded or recognised, 1,500 of them at enquiry. '
      + 'Of the others, Lost contact / no response ended 600 enquiries (60% of the 1,000 others; an administrative close), all of them at enquiry.',
    );
    expect(dropoffFinding([{ stage: 'panel', code: 'NOT_KNOWN', n: 3 }], stages, 0)).toBe('3 of the 3 who left (100%) have no reason recorded or recognised, all of them at panel.');
    // Not the most: named in its place like any other.
    expect(dropoffFinding([...rows.slice(2), { stage: 'enquiry', code: 'NOT_KNOWN', n: 10 }], stages, 0)).toMatch(/^Lost contact \/ no response ended 600 enquiries \(59% of the 1,010 who left;/);
  });

  it('a withdrawal with no reason read (Ofsted\'s "other or unknown") is said as that, and the biggest reason given named after it', () => {
    const rows: ReasonRow[] = [
      { stage: 'enquiry', code: 'AW0', n: 300 },
      { stage: 'initial_visit', code: 'AW0', n: 8 },
      { stage: 'enquiry', code: 'LOST_CONTACT', n: 40 },
      { stage: 'panel', code: 'PANEL_NOT_SUITABLE', n: 25 },
    ];
    expect(dropoffFinding(rows, stages, 0)).toBe(
      '308 (83% of the 373 who left) withdrew without a reason the rules read (Ofsted\'s "other or unknown"), 300 of them at enquiry. '
      + 'The biggest reason given: Lost contact / no response ended 40 enquiries (11% of the 373 who left; an administrative close), all of them at enquiry.',
    );
    // Alone, it is still named as the reason; "not recorded" after it is no reason given.
    expect(dropoffFinding(rows.slice(0, 2), stages, 0)).toMatch(/^Other or unknown ended 308 enquiries/);
    expect(dropoffFinding([...rows.slice(0, 2), { stage: 'enquiry', code: 'NOT_KNOWN', n: 200 }], stages, 0)).toMatch(/^Other or unknown ended 308 enquiries/);
    // Under the leavers with no reason, the same: not "withdrew without a reason" among those "with a reason".
    const under = dropoffFinding([{ stage: 'enquiry', code: 'NOT_KNOWN', n: 500 }, ...rows], stages, 0);
    expect(under).toContain('Of the others, 308 (83% of the 373 others) withdrew without a reason the rules read');
    expect(under).not.toContain('with a reason');
  });

  it('never counts open enquiries as lost', () => {
    expect(dropoffFinding([], stages, 12)).toBe('Nobody has left under these filters; 12 enquiries are still open.');
    expect(dropoffFinding([], stages, 0)).toBe('Nobody has left under these filters.');
  });
});
