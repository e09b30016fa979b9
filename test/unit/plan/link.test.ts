import { describe, expect, test } from 'vitest';
import { defaultBy, readChoices, PLAN_KEYS } from '../../../src/lib/plan/link';

describe('planner link state', () => {
  test('the date is read as the date box reads it: ISO or UK style; impossible dates unset', () => {
    const by = (text: string) => readChoices({ [PLAN_KEYS.by]: text }).by;
    expect(by('2028-03-31')).toBe('2028-03-31');
    expect(by(' 31/03/2028 ')).toBe('2028-03-31');
    expect(by('1/4/28')).toBe('2028-04-01');
    expect(by('31/02/2028')).toBeNull();
    expect(by('2028-02-30')).toBeNull();
    expect(by('next March')).toBeNull();
    expect(by('')).toBeNull();
  });
  test('choices read back from the ui record; unreadable ones unset', () => {
    const c = readChoices({ [PLAN_KEYS.target]: '30', [PLAN_KEYS.by]: '2028-03-31', [PLAN_KEYS.convStage]: 'stage1', [PLAN_KEYS.convPoints]: '-5', [PLAN_KEYS.fastDays]: 'x' });
    expect(c).toMatchObject({ target: 30, by: '2028-03-31', convStage: 'stage1', convPoints: -5, fastDays: 30, moveFrom: null, moveAmount: 0 });
    // Unset, the changes start from a modest step, not from nothing.
    expect(readChoices({})).toMatchObject({ convPoints: 5, fastDays: 30 });
    expect(readChoices({ [PLAN_KEYS.target]: '-1', [PLAN_KEYS.by]: '2028-13-01' })).toMatchObject({ target: null, by: null });
    // Keys are letters only, as the URL state requires.
    for (const k of Object.values(PLAN_KEYS)) expect(k).toMatch(/^[a-z]{1,20}$/);
  });
  test('the default date is the 31 March at least a year ahead', () => {
    expect(defaultBy('2026-10-31')).toBe('2028-03-31');
    expect(defaultBy('2026-03-15')).toBe('2027-03-31');
    expect(defaultBy('2026-04-01')).toBe('2028-03-31');
  });
});
