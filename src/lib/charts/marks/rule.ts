import type { Sel } from '../chartParts';

/** A straight line from (x1, y1) to (x2, y2): limits, guides, marked rates. */
export function rule(
  parent: Sel<SVGGElement>, x1: number, y1: number, x2: number, y2: number,
  s: { stroke: string; width?: number; dash?: string },
): Sel<SVGLineElement> {
  return parent.append('line').attr('x1', x1).attr('x2', x2).attr('y1', y1).attr('y2', y2)
    .attr('stroke', s.stroke).attr('stroke-width', s.width ?? 1).attr('stroke-dasharray', s.dash || null);
}
