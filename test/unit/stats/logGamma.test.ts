import { describe, expect, it } from 'vitest';
import { logChoose, logFactorial, logGamma } from '../../../src/lib/stats/logGamma';

describe('logGamma', () => {
  it('matches reference values (R lgamma / scipy.special.gammaln)', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13); // Γ(1/2) = √π
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(3.7)).toBeCloseTo(1.428072326665388, 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 10); // ln(100!)
    expect(logGamma(1e5) / 1051287.7089736569).toBeCloseTo(1, 14);
  });

  it('uses the reflection formula below 1/2', () => {
    expect(logGamma(0.25)).toBeCloseTo(1.2880225246980774, 13); // ln Γ(1/4)
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383853, 12);
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    for (const x of [0.3, 1.7, 12.5, 140.2, 5000.5]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 9);
    }
  });

  it('rejects x <= 0 and non-finite x', () => {
    for (const x of [0, -1, Number.NaN, Infinity]) expect(() => logGamma(x)).toThrow(RangeError);
  });
});

describe('logFactorial', () => {
  it('equals ln(n!) computed directly for small n', () => {
    let factorial = 1;
    for (let n = 0; n <= 20; n++) {
      if (n > 0) factorial *= n;
      expect(logFactorial(n)).toBeCloseTo(Math.log(factorial), 12);
    }
  });

  it('rejects negative and fractional n', () => {
    expect(() => logFactorial(-1)).toThrow(RangeError);
    expect(() => logFactorial(2.5)).toThrow(RangeError);
  });
});

describe('logChoose', () => {
  it('gives binomial coefficients', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2_598_960, 4); // poker hands
    expect(logChoose(7, 0)).toBe(0);
    expect(logChoose(7, 7)).toBe(0);
  });
});
