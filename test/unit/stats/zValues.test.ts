import { describe, expect, it } from 'vitest';
import { Z_95, Z_998 } from '../../../src/lib/stats/zValues';

/** Standard normal CDF by Simpson's rule on the density from 0: accurate to ~1e-12 here. */
function normalCdf(z: number): number {
  const steps = 20_000;
  const h = z / steps;
  const density = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = density(0) + density(z);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * density(i * h);
  return 0.5 + (sum * h) / 3;
}

describe('z values', () => {
  it('are the normal quantiles to full double precision', () => {
    // R: qnorm(0.975) = 1.959963984540054, qnorm(0.999) = 3.090232306167813
    // (scipy's norm.ppf gives the same doubles).
    expect(Z_95).toBe(1.959963984540054);
    expect(Z_998).toBe(3.090232306167813);
  });

  it('leave 2.5% and 0.1% in each tail', () => {
    expect(normalCdf(Z_95)).toBeCloseTo(0.975, 11);
    expect(normalCdf(Z_998)).toBeCloseTo(0.999, 11);
  });
});
