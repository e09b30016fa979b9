import { area, curveLinear, curveStepAfter, line } from 'd3';
import type { Sel } from '../chartParts';

/** A line's look: colour, width, dash pattern ('' = solid) and whether it steps. */
export interface LineStyle {
  stroke: string;
  width?: number;
  dash?: string;
  /** Step after each point (survival, cumulative incidence) instead of joining points straight. */
  step?: boolean;
}

type Point = readonly [number, number];

/** One path through one or more runs of points (a gap between runs): dash patterns tell series apart. */
export function linePath(parent: Sel<SVGGElement>, runs: readonly (readonly Point[])[], s: LineStyle): Sel<SVGPathElement> {
  const gen = line<Point>().x((p) => p[0]).y((p) => p[1]).curve(s.step ? curveStepAfter : curveLinear);
  return parent.append('path').attr('d', runs.map((r) => gen(r) ?? '').join(''))
    .attr('fill', 'none').attr('stroke', s.stroke).attr('stroke-width', s.width ?? 2)
    .attr('stroke-dasharray', s.dash || null);
}

/** A shaded band between a lower and an upper line (an interval), hidden from assistive technology. */
export function bandPath(
  parent: Sel<SVGGElement>, pts: readonly { x: number; low: number; high: number }[], fill: string, opacity = 1, step = false,
): Sel<SVGPathElement> {
  const gen = area<{ x: number; low: number; high: number }>().x((p) => p.x).y0((p) => p.low).y1((p) => p.high)
    .curve(step ? curveStepAfter : curveLinear);
  return parent.append('path').attr('class', 'band').attr('aria-hidden', 'true').attr('d', gen([...pts]) ?? '')
    .attr('fill', fill).attr('fill-opacity', opacity === 1 ? null : opacity);
}
