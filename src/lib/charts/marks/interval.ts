import type { Sel } from '../chartParts';

/** A horizontal interval from x `a` to `b` at height `y`, with end caps. */
export function intervalBar(parent: Sel<SVGGElement>, a: number, b: number, y: number, colour: string): void {
  parent.append('line').attr('class', 'interval').attr('x1', a).attr('x2', b).attr('y1', y).attr('y2', y)
    .attr('stroke', colour).attr('stroke-width', 2);
  for (const e of [a, b]) {
    parent.append('line').attr('class', 'cap').attr('x1', e).attr('x2', e).attr('y1', y - 4).attr('y2', y + 4)
      .attr('stroke', colour).attr('stroke-width', 1.5);
  }
}
