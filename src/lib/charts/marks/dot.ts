import type { SymbolType } from 'd3';
import { symbolPath, type Sel } from '../chartParts';

/** How a point marker looks: its shape, size (area, px²), turn and paint. */
export interface DotStyle {
  shape: SymbolType;
  size: number;
  fill: string;
  stroke: string;
  strokeWidth?: number;
  /** Degrees to turn the shape (180 points a triangle down). */
  rotate?: number;
}

/** A marker centred on (x, y): shapes tell series apart without colour. */
export function dot(parent: Sel<SVGGElement>, x: number, y: number, s: DotStyle): Sel<SVGPathElement> {
  return parent.append('path').attr('d', symbolPath(s.shape, s.size))
    .attr('transform', s.rotate === undefined ? `translate(${x},${y})` : `translate(${x},${y}) rotate(${s.rotate})`)
    .attr('fill', s.fill).attr('stroke', s.stroke).attr('stroke-width', s.strokeWidth ?? 1.5);
}
