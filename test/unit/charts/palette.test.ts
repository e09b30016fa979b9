import { describe, expect, it } from 'vitest';
import { COLOURS, EXIT_GROUP_STYLE, SERIES } from '../../../src/lib/charts/palette';
import { LINE_COLOURS, seriesColour } from '../../../src/lib/charts/chartParts';

// WCAG 2.2 relative luminance and contrast ratio (sRGB).
type Rgb = [number, number, number];
const channels = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
function contrast(a: string, b = '#ffffff'): number {
  const [hi, lo] = [luminance(channels(a).map(linear) as Rgb), luminance(channels(b).map(linear) as Rgb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
const CVD = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
} as const;
type Matrix = readonly (readonly number[])[];
const clamp = (v: number) => Math.min(1, Math.max(0, v));
const simulate = (hex: string, m: Matrix): Rgb => {
  const v = channels(hex).map(linear);
  return m.map((row) => clamp(row[0] * v[0] + row[1] * v[1] + row[2] * v[2])) as Rgb;
};

/** CIELAB (D65) of a linear-RGB colour. */
function lab([r, g, b]: Rgb): Rgb {
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
  const y = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
  const z = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005). */
function deltaE2000([l1, a1, b1]: Rgb, [l2, a2, b2]: Rgb): number {
  const rad = Math.PI / 180;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const [a1p, a2p] = [(1 + g) * a1, (1 + g) * a2];
  const [c1, c2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const [h1, h2] = [hue(b1, a1p), hue(b2, a2p)];
  let dh = c1 * c2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh * rad) / 2);
  const lBar = (l1 + l2) / 2;
  const cBarP = (c1 + c2) / 2;
  let hBar = h1 + h2;
  if (c1 * c2 !== 0) hBar = Math.abs(h1 - h2) <= 180 ? hBar / 2 : hBar < 360 ? (hBar + 360) / 2 : (hBar - 360) / 2;
  const t = 1 - 0.17 * Math.cos((hBar - 30) * rad) + 0.24 * Math.cos(2 * hBar * rad) + 0.32 * Math.cos((3 * hBar + 6) * rad) - 0.2 * Math.cos((4 * hBar - 63) * rad);
  const sl = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(2 * 30 * Math.exp(-(((hBar - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const [dl, dc, dhh] = [(l2 - l1) / sl, (c2 - c1) / sc, dH / sh];
  return Math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + rt * dc * dhh);
}

/** The closest pair of `colours` as seen through `m`: [ΔE00, colour, colour]. */
function closestPair(colours: readonly string[], m: Matrix): [number, string, string] {
  let best: [number, string, string] = [Infinity, '', ''];
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const d = deltaE2000(lab(simulate(colours[i], m)), lab(simulate(colours[j], m)));
      if (d < best[0]) best = [d, colours[i], colours[j]];
    }
  }
  return best;
}
const IDENTITY: Matrix = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

describe('palette', () => {
  it('the colour maths match published values', () => {
    expect(contrast('#000000')).toBeCloseTo(21, 9);
    expect(contrast('#767676')).toBeCloseTo(4.54, 2);
    expect(contrast('#E69F00')).toBeCloseTo(2.25, 2);
    // Sharma, Wu & Dalal's CIEDE2000 test pairs 1, 7, 17, 25 and 33.
    const pairs: [Rgb, Rgb, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
    ];
    for (const [a, b, d] of pairs) expect(deltaE2000(a, b)).toBeCloseTo(d, 4);
  });

  it('every colour a line, marker, bar or outline is drawn in meets 3:1 against white (WCAG 1.4.11)', () => {
    const drawn = [
      ...LINE_COLOURS,
      COLOURS.openOutline, COLOURS.continued, COLOURS.left, COLOURS.approved, COLOURS.neutral, COLOURS.text,
      ...Object.values(EXIT_GROUP_STYLE).map((s) => s.colour),
    ];
    const failing = drawn.filter((c) => contrast(c) < 3).map((c) => `${c} ${contrast(c).toFixed(2)}:1`);
    expect(failing).toEqual([]);
    // Every series index maps to one of them.
    for (let i = 0; i < 20; i++) expect(LINE_COLOURS).toContain(seriesColour(i));
    expect(LINE_COLOURS).toEqual(SERIES);
  });

  it('the pale fill is only pale: it needs its outline', () => {
    expect(contrast(COLOURS.open)).toBeLessThan(3);
    expect(contrast(COLOURS.openOutline)).toBeGreaterThanOrEqual(3);
  });

  // Thresholds, in CIEDE2000 under the Machado simulation. Darkening every
  // series colour to 3:1 squeezes them into the darker half of the lightness
  // range, so some pairs come closer than in the pale Okabe-Ito set. The line
  // drawn is that no pair may come closer than the closest pair the untouched
  // Okabe-Ito colours already have: blue / reddish purple, 12.2 under
  // protanopia (so 12 for protanopia, deuteranopia and normal vision), and
  // orange / reddish purple, 10.9 under tritanopia (so 10). ΔE00 about 1 is
  // just noticeable between large patches; thin lines and small markers need
  // several times that, and these keep a wide margin. (Orange darkened only
  // to 3:1 is about 6 from vermillion under deuteranopia: see the last test.)
  const MIN_DE = { normal: 12, protanopia: 12, deuteranopia: 12, tritanopia: 10 } as const;

  it('series colours stay apart with normal vision and simulated protanopia, deuteranopia and tritanopia', () => {
    const sims: [keyof typeof MIN_DE, Matrix][] = [['normal', IDENTITY], ...(Object.entries(CVD) as [keyof typeof CVD, Matrix][])];
    for (const [name, m] of sims) {
      const [d, a, b] = closestPair(LINE_COLOURS, m);
      expect(d, `${name}: ${a} and ${b} are ΔE00 ${d.toFixed(1)} apart`).toBeGreaterThanOrEqual(MIN_DE[name]);
    }
  });

  it('the thresholds would reject a darkened orange still close to vermillion', () => {
    // #BD893F is orange at 3.08:1: readable, but merged with vermillion under deuteranopia.
    expect(contrast('#BD893F')).toBeGreaterThanOrEqual(3);
    const withLighterOrange = LINE_COLOURS.map((c, i) => (i === 1 ? '#BD893F' : c));
    expect(closestPair(withLighterOrange, CVD.deuteranopia)).toEqual([expect.closeTo(6.1, 1), '#BD893F', '#D55E00']);
  });
});
