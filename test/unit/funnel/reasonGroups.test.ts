import { describe, expect, it } from 'vitest';
import { EXIT_GROUPS, exitGroupOf, groupReasons, reasonsAtStage, reasonTotals } from '../../../src/lib/funnel/reasonGroups';
import { EXIT_CATEGORIES, type ReasonRow } from '../../../src/lib/funnel/reasons';

const rows: ReasonRow[] = [
  { stage: 'enquiry', code: 'LOST_CONTACT', n: 998 },
  { stage: 'enquiry', code: 'AW0', n: 458 },
  { stage: 'enquiry', code: 'COUNSELLED_OUT', n: 153 },
  { stage: 'initial_visit', code: 'AW0', n: 111 },
  { stage: 'initial_visit', code: 'COUNSELLED_OUT', n: 102 },
  { stage: 'initial_visit', code: 'LOST_CONTACT', n: 63 },
  { stage: 'panel', code: 'PANEL_NOT_SUITABLE', n: 9 },
  { stage: 'panel', code: 'AW3', n: 0 },
];

describe('reason grouping', () => {
  it('maps every category onto who ended it: Ofsted AW codes and other agencies to the applicant', () => {
    for (const c of EXIT_CATEGORIES) expect(EXIT_GROUPS).toContain(exitGroupOf(c.code));
    for (const code of ['AW0', 'AW1', 'AW2', 'AW3', 'AW4', 'AW5', 'OTHER_AGENCY']) expect(exitGroupOf(code)).toBe('Applicant withdrew');
    for (const code of ['COUNSELLED_OUT', 'CHECKS', 'PANEL_NOT_SUITABLE']) expect(exitGroupOf(code)).toBe('Agency decision');
    for (const code of ['LOST_CONTACT', 'DUPLICATE', 'KINSHIP']) expect(exitGroupOf(code)).toBe('Administrative');
    // Neither why nor who is recorded: not the applicant's withdrawal.
    expect(exitGroupOf('NOT_KNOWN')).toBe('Not known');
  });

  it('totals each reason over the stages, largest first, leaving out empty ones', () => {
    const t = reasonTotals(rows);
    expect(t.map((x) => [x.code, x.total])).toEqual([['LOST_CONTACT', 1061], ['AW0', 569], ['COUNSELLED_OUT', 255], ['PANEL_NOT_SUITABLE', 9]]);
    expect(t[0].byStage).toEqual({ enquiry: 998, initial_visit: 63 });
  });

  it('groups by who ended it, groups and reasons largest first, totals adding up', () => {
    const g = groupReasons(rows);
    expect(g.map((x) => [x.group, x.total])).toEqual([['Administrative', 1061], ['Applicant withdrew', 569], ['Agency decision', 264]]);
    expect(g[2].reasons.map((r) => r.code)).toEqual(['COUNSELLED_OUT', 'PANEL_NOT_SUITABLE']);
    expect(g.reduce((a, x) => a + x.total, 0)).toBe(rows.reduce((a, r) => a + r.n, 0));
  });

  it('lists one stage\'s reasons largest first', () => {
    expect(reasonsAtStage(rows, 'initial_visit').map((r) => [r.code, r.n, r.group])).toEqual([
      ['AW0', 111, 'Applicant withdrew'], ['COUNSELLED_OUT', 102, 'Agency decision'], ['LOST_CONTACT', 63, 'Administrative'],
    ]);
    expect(reasonsAtStage(rows, 'panel')).toHaveLength(1);
    expect(reasonsAtStage(rows, 'stage2')).toEqual([]);
  });
});
