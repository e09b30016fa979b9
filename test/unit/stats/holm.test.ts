import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { holmAdjust } from '../../../src/lib/stats/holm';

describe('holmAdjust', () => {
  test('the Holm-Bonferroni worked example (four hypotheses, alpha 0.05)', () => {
    // Published example: p = 0.01, 0.04, 0.03, 0.005; only H1 and H4 are rejected at 5%.
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005]).map((x) => Number(x!.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02]);
  });

  test("as R's p.adjust(method = 'holm') with a fifth, large p-value", () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm") -> 0.04 0.09 0.09 0.025 0.2
    const got = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2]);
    expect(got.map((x) => Number(x!.toFixed(10)))).toEqual([0.04, 0.09, 0.09, 0.025, 0.2]);
  });

  test("as R's p.adjust with ties and capping at 1", () => {
    // R: p.adjust(c(0.001, 0.001, 0.02, 0.5, 0.9), "holm") -> 0.005 0.005 0.06 1.0 1.0
    const got = holmAdjust([0.001, 0.001, 0.02, 0.5, 0.9]);
    expect(got.map((x) => Number(x!.toFixed(10)))).toEqual([0.005, 0.005, 0.06, 1, 1]);
  });

  test("as R's p.adjust where step-down monotonicity lifts a later value", () => {
    // R: p.adjust(c(0.0001, 0.0123, 0.0355, 0.0456, 0.2), "holm")
    // 0.0005 0.0492 0.1065 0.1065 0.2000
    const got = holmAdjust([0.0001, 0.0123, 0.0355, 0.0456, 0.2]);
    expect(got.map((x) => Number(x!.toFixed(10)))).toEqual([0.0005, 0.0492, 0.1065, 0.1065, 0.2]);
  });

  test('nulls are outside the family and stay null', () => {
    expect(holmAdjust([null, 0.01, null, 0.02])).toEqual([null, 0.02, null, 0.02]);
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([null])).toEqual([null]);
  });

  test('rejects values that are not p-values', () => {
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });

  test('properties: never below the raw p, at most 1, order preserved, a single test unchanged', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }), (ps) => {
      const adj = holmAdjust(ps) as number[];
      ps.forEach((p, i) => {
        expect(adj[i]).toBeGreaterThanOrEqual(p);
        expect(adj[i]).toBeLessThanOrEqual(1);
        ps.forEach((q, j) => { if (p < q) expect(adj[i]).toBeLessThanOrEqual(adj[j]); });
      });
      expect(holmAdjust([ps[0]])).toEqual([ps[0]]);
    }));
  });
});
