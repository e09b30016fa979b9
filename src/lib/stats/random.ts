/**
 * Seeded random numbers (the planner's simulation, statistical tests), so the same data and
 * inputs always give the same intervals (and tests are deterministic).
 */

/** mulberry32: floats in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function normalDraw(rnd: () => number): number {
  let u = rnd();
  while (u <= 0) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** A Gamma(shape, 1) draw (Marsaglia and Tsang; boosted for shape < 1). */
function gammaDraw(rnd: () => number, shape: number): number {
  if (shape < 1) {
    let u = rnd();
    while (u <= 0) u = rnd();
    return gammaDraw(rnd, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(rnd);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rnd();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw. */
export function betaDraw(rnd: () => number, a: number, b: number): number {
  const x = gammaDraw(rnd, a);
  const y = gammaDraw(rnd, b);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}

/**
 * The Poisson(mean) count at cumulative probability u: exact by summing the
 * probabilities up to a mean of 200, then the normal approximation with a
 * continuity correction (accurate to a count or so there).
 */
export function poissonQuantile(u: number, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 200) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalQuantile(u)));
  let k = 0;
  let prob = Math.exp(-mean);
  let cum = prob;
  while (cum < u && k < 10_000) {
    k++;
    prob *= mean / k;
    cum += prob;
  }
  return k;
}

/** A binomial draw: Bernoulli trials when few, otherwise the normal approximation. */
export function binomialDraw(rnd: () => number, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 60 || n * p * (1 - p) < 9) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rnd() < p) k++;
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normalDraw(rnd))));
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
