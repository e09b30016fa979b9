import { withholding, type CountSum } from './disclosure';

/**
 * Disclosure control for the shapes summaries publish: a table whose columns
 * add up to totals a reader can find elsewhere (the funnel on the same paper,
 * or the service's returns to Ofsted), and a group compared with everyone
 * else. Those totals are taken as known whatever the paper shows (a total of
 * 1-4 as known to be 1-4), so the table is safe on its own.
 */

/**
 * How a count is published: as it is ('shown'), withheld with its label
 * ("<5" for 1-4, else "suppressed"), or withheld as "suppressed" whatever it
 * is ('relabelled': its "<5" would give it away, see withholding).
 */
export type Shown = 'shown' | 'withheld' | 'relabelled';

/** How each cell of a table is published: shown(row, column). */
export type WithheldCells = (row: number, column: number) => Shown;

/**
 * The cells to withhold in a table of counts whose columns add up to known
 * totals, so that no count of 1-4 can be worked back from the rest (e.g.
 * campaigns with 120, 3 and 40 enquiries against 163 in all: the 3 takes
 * the 40 with it). `order` lists column pairs [larger, smaller] that every
 * row keeps (applications never exceed enquiries), which a reader can use too.
 */
export function withheldTable(
  grid: readonly (readonly number[])[], columns: number, order: readonly (readonly [number, number])[] = [],
): WithheldCells {
  const rows = grid.length;
  const cell = (r: number, c: number) => r * columns + c;
  const counts = grid.flatMap((row) => row.slice(0, columns));
  const sums: CountSum[] = [];
  const fixed = new Set<number>();
  for (let c = 0; c < columns; c++) {
    fixed.add(counts.length);
    sums.push({ total: counts.length, parts: grid.map((_, r) => cell(r, c)) });
    counts.push(grid.reduce((a, row) => a + row[c], 0));
  }
  // Each row's differences (enquiries less applications): never published, but not negative.
  const unpublished = new Set<number>();
  grid.forEach((row, r) => order.forEach(([larger, smaller]) => {
    unpublished.add(counts.length);
    sums.push({ total: cell(r, larger), parts: [cell(r, smaller), counts.length] });
    counts.push(row[larger] - row[smaller]);
  }));
  const { hidden, relabelled } = withholding(counts, sums, { fixed, unpublished });
  return (r, c) => shownAs(cell(r, c), hidden, relabelled);
}

function shownAs(i: number, hidden: ReadonlySet<number>, relabelled: ReadonlySet<number>): Shown {
  return relabelled.has(i) ? 'relabelled' : hidden.has(i) ? 'withheld' : 'shown';
}

/** Successes out of n: one side of a comparison. */
export interface Side {
  successes: number;
  n: number;
}

/** What a comparison may publish of each side: its n, and its rate (successes / n). */
export interface WithheldComparison {
  n: [Shown, Shown];
  /** Whether each side's rate is withheld. */
  rate: [boolean, boolean];
}

/**
 * A group against everyone else, as a rate and n each: the two n add up to
 * the step's total, the successes to those who went on and the rest to those
 * who left, all of which the funnel publishes. A rate is withheld with either
 * of its counts (successes or not) and whenever its n is; counts go with them
 * until none of 1-4 can be worked back (e.g. the group's 3 successes from the
 * step's 40 less everyone else's rate times n).
 */
export function withheldComparison(a: Side, b: Side): WithheldComparison {
  // n_a, n_b, successes a, failures a, successes b, failures b, then the three totals.
  const counts = [a.n, b.n, a.successes, a.n - a.successes, b.successes, b.n - b.successes];
  counts.push(a.n + b.n, a.successes + b.successes, counts[3] + counts[5]);
  const sums: CountSum[] = [
    { total: 6, parts: [0, 1] }, { total: 7, parts: [2, 4] }, { total: 8, parts: [3, 5] },
    { total: 0, parts: [2, 3] }, { total: 1, parts: [4, 5] },
  ];
  const links = [[0, 2], [0, 3], [2, 3], [3, 2], [1, 4], [1, 5], [4, 5], [5, 4]] as const;
  const { hidden, relabelled } = withholding(counts, sums, { fixed: new Set([6, 7, 8]), unlabelled: new Set([2, 3, 4, 5]), links });
  return { n: [shownAs(0, hidden, relabelled), shownAs(1, hidden, relabelled)], rate: [hidden.has(2), hidden.has(4)] };
}
