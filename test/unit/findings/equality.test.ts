import { describe, expect, test } from 'vitest';
import { equalityFinding, equalityHits, withinCellText } from '../../../src/lib/findings/equality';
import type { EqualityResult, EqualityStep } from '../../../src/lib/funnel/equality';

function step(stage: string, verdict: EqualityStep['verdict'], a: [number, number], b: [number, number], watch = false): EqualityStep {
  const ra = a[0] / a[1];
  const rb = b[0] / b[1];
  return {
    stage, verdict, watch, rateA: ra, rateB: rb, difference: ra - rb, pValue: 0.01, adjustedP: verdict === 'lower' ? 0.01 : 0.4,
    a: { rate: ra, low: ra - 0.1, high: ra + 0.1, n: a[1], successes: a[0] },
    b: { rate: rb, low: rb - 0.05, high: rb + 0.05, n: b[1], successes: b[0] },
  };
}

function field(column: string, comparisons: number, groups: [string, EqualityStep[]][]): EqualityResult {
  return {
    column, dimension: column, within: null, unrecorded: [], comparisons, pooled: null,
    groups: groups.map(([group, steps]) => ({
      group, enquiries: 100, small: false, steps,
      behindAt: steps.filter((s) => s.verdict === 'lower').map((s) => s.stage), watchAt: steps.filter((s) => s.watch).map((s) => s.stage),
    })),
  };
}

const stepName = (id: string) => `before ${id} → ${id}`;
const label = (g: string) => (g === '(blank)' ? 'Not recorded' : g);

describe('equality finding', () => {
  test('names the groups behind after adjustment, largest gap first, with the comparisons allowed for', () => {
    const results = [
      field('Ethnicity', 66, [
        ['Black African', [step('stage2', 'lower', [12, 40], [700, 900])]],
        ['Mixed', [step('application', 'lower', [30, 100], [400, 1000])]],
      ]),
      field('Disability', 24, [['Yes', [step('stage1', 'no clear difference', [10, 30], [300, 600], true)]]]),
    ];
    const hits = equalityHits(results);
    expect(hits.behind.map((h) => h.group)).toEqual(['Black African', 'Mixed']);
    expect(hits.watch.map((h) => h.group)).toEqual(['Yes']);
    expect(equalityFinding(results, stepName, label)).toBe(
      '2 groups fall behind after allowing for the 90 comparisons made across 2 fields: Black African (ethnicity) at before stage2 → stage2: 30% of 40 against 78% for everyone else; Mixed (ethnicity) at before application → application: 30% of 100 against 40% for everyone else.',
    );
  });

  test('none behind: says so, counts the comparisons, and only mentions watch items as not conclusive', () => {
    const results = [field('Age', 30, [['35-44', [step('application', 'no clear difference', [90, 270], [300, 740], true)]]]), field('Sex', 12, [])];
    expect(equalityFinding(results, stepName, label)).toBe(
      'No group falls behind the rest at any step once the 42 comparisons made across 2 fields are allowed for. 1 difference is worth watching but not conclusive.',
    );
  });

  test('one group, and nothing to compare', () => {
    const one = [field('Ethnicity', 1, [['(blank)', [step('stage1', 'lower', [1, 30], [50, 60])]]])];
    expect(equalityFinding(one, stepName, label)).toMatch(/^One group falls behind after allowing for the 1 comparison made across 1 field: Not recorded/);
    expect(equalityFinding([], stepName, label)).toMatch(/No equality fields/);
    expect(equalityFinding([field('Age', 0, [])], stepName, label)).toMatch(/nothing to compare/);
  });

  test('compared within services: told and ranked by the shortfall from the others\' rates in the same services, not the rates of all services together', () => {
    // A is ahead overall (73% against 37%) but behind within each service; B a little behind both ways.
    const a = { ...step('initial_visit', 'lower', [330, 450], [330, 900]), within: { observed: 330, expected: 375, n: 450 } };
    const b = { ...step('initial_visit', 'lower', [100, 200], [560, 1150]), within: { observed: 100, expected: 104, n: 200 } };
    const results = [{ ...field('Ethnicity', 6, [['A', [a]], ['B', [b]]]), within: 'Service' }];
    expect(equalityHits(results).behind.map((h) => h.group)).toEqual(['A', 'B']);
    expect(equalityFinding(results, stepName, label)).toContain('A (ethnicity) at before initial_visit → initial_visit: 73% of 450 where everyone else\'s rates in the same services would give 83%');
  });
});

describe('withinCellText', () => {
  test('says what a verdict within services rests on, only where there is a verdict (or a watch) to explain', () => {
    const within = { observed: 330, expected: 375, n: 450 };
    expect(withinCellText({ ...step('initial_visit', 'lower', [330, 450], [330, 900]), within })).toBe('within services: 73% of 450 where others\' rates give 83%');
    expect(withinCellText({ ...step('initial_visit', 'no clear difference', [330, 450], [330, 900], true), within })).toMatch(/^within services: 73%/);
    expect(withinCellText({ ...step('initial_visit', 'no clear difference', [330, 450], [330, 900]), within })).toBeNull();
    expect(withinCellText(step('initial_visit', 'lower', [330, 450], [330, 900]))).toBeNull();
    expect(withinCellText({ ...step('initial_visit', 'lower', [0, 1], [330, 900]), within: { observed: 0, expected: 0, n: 0 } })).toBeNull();
  });
});
