// @ts-check
/**
 * The arquero-only pipeline, for comparison (runs in Node, not the browser):
 * read the file and parse the wide CSV with aq.fromCSV (every column kept as
 * text, stage dates parsed from dd/mm/yyyy to yyyymmdd numbers while parsing), merge
 * duplicate rows of one enquiry (earliest date per stage), take each enquiry's
 * furthest stage with a date, and count how many reached each stage.
 *
 * This is the "dates only" definition: unlike the app it ignores status and
 * outcome columns (an approved status without a decision date, say), so its
 * counts can differ slightly from the app's funnel.
 *
 * Not aq.loadCSV: its streamed parser in arquero 8.0.3 cuts a quoted field
 * that straddles a stream chunk ("Process too long, felt chased for documen" +
 * the rest of the line swallowed into the next column), which lost 70 of the
 * 1,002,949 rows of the 1M file. A file over MAX_TEXT is parsed in pieces cut
 * at line ends (the generator never puts a line break inside a quoted field)
 * because one JS string cannot hold it.
 *
 *   node scripts/bench/arquero.mjs FILE.csv   -> one JSON line on stdout
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';

const MAX_TEXT = 256 * 1024 * 1024;

const STAGES = [
  ['enquiry', 'Date of Enquiry'],
  ['initial_visit', 'Initial Home Visit Date'],
  ['application', 'Application Received'],
  ['stage1', 'Stage One Completed'],
  ['stage2', 'Stage Two Completed'],
  ['panel', 'Panel Date'],
  ['approved', 'ADM Decision Date'],
];

/** dd/mm/yyyy -> yyyymmdd (a number that sorts like the date), else null. @param {string} s */
function ukDate(s) {
  if (!s || s.length !== 10 || s[2] !== '/' || s[5] !== '/') return null;
  const d = +s.slice(0, 2), m = +s.slice(3, 5), y = +s.slice(6);
  if (!(d >= 1 && d <= 31 && m >= 1 && m <= 12 && y > 1900)) return null;
  return y * 10000 + m * 100 + d;
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node scripts/bench/arquero.mjs FILE.csv');
  const t0 = performance.now();
  /** @type {Record<string, (s: string) => unknown>} */
  const parse = {};
  for (const [, col] of STAGES) parse[col] = ukDate;
  const bytes = readFileSync(file);
  let dt;
  let pieces = 0;
  if (bytes.length <= MAX_TEXT) {
    dt = aq.fromCSV(bytes.toString('utf8'), { autoType: false, parse });
    pieces = 1;
  } else {
    /** @type {string[] | undefined} */
    let names;
    for (let at = 0; at < bytes.length; ) {
      let end = Math.min(bytes.length, at + MAX_TEXT);
      if (end < bytes.length) end = bytes.lastIndexOf(0x0a, end) + 1;
      const part = aq.fromCSV(bytes.subarray(at, end).toString('utf8'), names ? { autoType: false, parse, header: false, names } : { autoType: false, parse });
      names ??= part.columnNames();
      dt = dt ? dt.concat(part) : part;
      pieces++;
      at = end;
    }
  }
  if (!dt) throw new Error('empty file');
  const t1 = performance.now();

  const s = STAGES.map((_, i) => `s${i}`);
  // One row per enquiry: earliest date per stage over duplicate rows.
  /** @type {Record<string, string>} */
  const rollup = {};
  STAGES.forEach(([, col], i) => (rollup[s[i]] = `d => op.min(d[${JSON.stringify(col)}])`));
  const perEnquiry = dt.groupby('Ref No').rollup(rollup);
  // Furthest stage: the last stage with a date (a stage skipped before a later dated one counts as passed).
  const furthestExpr = 'd => ' + s.map((c, i) => `(d.${c} != null ? ${i + 1} : 0)`).reduce((a, b) => `op.greatest(${a}, ${b})`);
  const withFurthest = perEnquiry.derive({ furthest: furthestExpr });
  const hist = withFurthest.groupby('furthest').count().objects();
  /** @type {Record<string, number>} */
  const reached = {};
  STAGES.forEach(([id], i) => (reached[id] = hist.filter((/** @type {any} */ h) => h.furthest >= i + 1).reduce((a, /** @type {any} */ h) => a + h.count, 0)));
  const t2 = performance.now();

  const ru = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({
      method: `aq.fromCSV in ${pieces} piece${pieces === 1 ? '' : 's'}`,
      rows: dt.numRows(),
      enquiries: perEnquiry.numRows(),
      reached,
      parseMs: t1 - t0,
      computeMs: t2 - t1,
      totalMs: t2 - t0,
      maxRssBytes: ru.maxRSS * 1024,
      node: process.version,
    }) + '\n',
  );
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(1);
});
