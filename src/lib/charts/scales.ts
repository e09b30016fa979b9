import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3';
import { textWidth } from './chartParts';

/**
 * The scales a frame can own, declared by each chart with its default domain,
 * format and axis title (the chart's options override them), and built once the
 * frame knows where the plot area lies.
 */

export interface LinearScaleSpec {
  type: 'linear';
  domain: readonly number[];
  /** Round the domain out to tidy ticks (default true). */
  nice?: boolean;
  /** Tick count, or a function of the plot's length in px. */
  ticks?: number | ((length: number) => number);
  format: (v: number) => string;
  label?: string;
  /** Grid lines across the plot at each tick (default: on for y, off for x). */
  grid?: boolean;
  /** False: place marks with the scale but draw no axis. */
  axis?: boolean;
}

export interface BandScaleSpec {
  type: 'band';
  domain: readonly string[];
  paddingInner?: number;
  paddingOuter?: number;
  label?: string;
  axis?: boolean;
}

export type ScaleSpec = LinearScaleSpec | BandScaleSpec;
export type Scale = ScaleLinear<number, number> | ScaleBand<string>;

/** Axis tick text is 11 px. */
export const TICK_FONT = 11;

/** The scale with its domain (not yet its range): linear extents are widened to cover `extra` values. */
export function makeScale(spec: ScaleSpec, extra: readonly number[] = []): Scale {
  if (spec.type === 'band') {
    return scaleBand<string>().domain(spec.domain).paddingInner(spec.paddingInner ?? 0).paddingOuter(spec.paddingOuter ?? 0);
  }
  const values = [...spec.domain, ...extra].filter(Number.isFinite);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) hi = lo + 1;
  const s = scaleLinear().domain([lo, hi]);
  if (spec.nice !== false) s.nice();
  return s;
}

/** The tick values the axis will show along `length` px. */
export function tickValues(spec: ScaleSpec, scale: Scale, length: number, horizontal: boolean): (number | string)[] {
  if (spec.type === 'band' || !('ticks' in scale)) {
    const domain = (scale as ScaleBand<string>).domain();
    if (!horizontal || !domain.length) return domain;
    // Thin period labels that would not fit side by side.
    const labelW = Math.max(...domain.map((p) => textWidth(p, TICK_FONT))) + 10;
    const every = Math.max(1, Math.ceil(labelW / (length / domain.length)));
    return domain.filter((_, i) => i % every === 0);
  }
  const n = typeof spec.ticks === 'function' ? spec.ticks(length) : spec.ticks ?? (horizontal ? Math.max(2, Math.floor(length / 70)) : 5);
  return (scale as ScaleLinear<number, number>).ticks(n);
}

/** Tick text for a value on this axis. */
export function tickText(spec: ScaleSpec, v: number | string): string {
  return spec.type === 'band' ? String(v) : spec.format(+v);
}

/** A position function: numbers through a linear scale, categories at their band's centre. */
export function position(scale: Scale): (v: number | string) => number {
  if ('bandwidth' in scale) return (v) => (scale(String(v)) ?? 0) + scale.bandwidth() / 2;
  return (v) => scale(+v);
}
