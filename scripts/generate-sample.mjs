#!/usr/bin/env node
/**
 * Writes the synthetic sample export (see data/README.md).
 *
 *   node scripts/generate-sample.mjs
 *     -> data/sample-enquiries.csv (wide, 3,500 enquiries, seed 20231)
 *        data/sample-campaign-costs.csv
 *        data/sample-carers.csv (carers list: one row per approved household)
 *        data/sample-hub-westmere.csv, data/sample-hub-eastbrook.csv (a two-service regional hub)
 *
 *   node scripts/generate-sample.mjs --count 1000000 --seed 7 --shape wide --out /tmp/big.csv
 *
 * Flags: --count N  --seed S  --shape wide|events|status  --out PATH
 *        --start yyyy-mm-dd  --as-of yyyy-mm-dd  --costs PATH (also write the cost sheet)
 *        --carers PATH (also write the carers list)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  campaignSpend, summarise, iterateEnquiries, toCostSheetCsv, writeEventLogCsv, writeStatusListCsv, writeWideCsv,
  generateCarers, toCarersCsv,
} from './sample/generate.mjs';
import { hubSample } from './sample/hub.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_COUNT = 3500;
const DEFAULT_SEED = 20231;

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = 'true';
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
        out[a.slice(2)] = v;
        i++;
      }
    } else throw new Error(`Unexpected argument "${a}"`);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('Usage: node scripts/generate-sample.mjs [--count N] [--seed S] [--shape wide|events|status] [--out PATH] [--start yyyy-mm-dd] [--as-of yyyy-mm-dd] [--costs PATH] [--carers PATH]');
    return;
  }
  const known = new Set(['count', 'seed', 'shape', 'out', 'start', 'as-of', 'costs', 'carers']);
  for (const k of Object.keys(args)) if (!known.has(k)) throw new Error(`Unknown flag --${k}`);
  const count = args.count === undefined ? DEFAULT_COUNT : Number(args.count);
  const seed = args.seed === undefined ? DEFAULT_SEED : Number(args.seed);
  if (!Number.isInteger(count) || count < 0) throw new Error('--count must be a whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const shape = args.shape ?? 'wide';
  if (!['wide', 'events', 'status'].includes(shape)) throw new Error('--shape must be wide, events or status');
  const defaultName = shape === 'wide' ? 'sample-enquiries.csv' : `sample-enquiries-${shape}.csv`;
  const out = resolve(args.out ?? resolve(ROOT, 'data', defaultName));
  const opts = { count, seed, start: args.start, asOf: args['as-of'] };
  const noArgs = process.argv.length <= 2;

  mkdirSync(dirname(out), { recursive: true });
  const t0 = performance.now();
  const write = shape === 'wide' ? writeWideCsv : shape === 'events' ? writeEventLogCsv : writeStatusListCsv;
  const res = await write(out, opts);
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `Wrote ${res.rows.toLocaleString('en-GB')} rows (${res.enquiries.toLocaleString('en-GB')} enquiries, ` +
      `${(res.bytes / 1e6).toFixed(1)} MB, ${shape}) to ${out} in ${secs.toFixed(1)} s`,
  );

  const costs = args.costs ?? (noArgs ? resolve(ROOT, 'data', 'sample-campaign-costs.csv') : undefined);
  if (costs) {
    mkdirSync(dirname(resolve(costs)), { recursive: true });
    writeFileSync(resolve(costs), toCostSheetCsv(campaignSpend()), 'utf8');
    console.log(`Wrote campaign costs to ${resolve(costs)}`);
  }

  const carers = args.carers ?? (noArgs ? resolve(ROOT, 'data', 'sample-carers.csv') : undefined);
  if (carers) {
    mkdirSync(dirname(resolve(carers)), { recursive: true });
    const list = generateCarers(opts);
    writeFileSync(resolve(carers), toCarersCsv(list), 'utf8');
    const linked = list.filter((c) => c.enquiryRef).length;
    console.log(`Wrote the carers list (${list.length} households, ${linked} linked to an enquiry) to ${resolve(carers)}`);
  }

  if (noArgs) {
    for (const h of hubSample()) {
      writeFileSync(resolve(ROOT, 'data', h.file), h.csv, 'utf8');
      console.log(`Wrote the hub sample's ${h.service} export (${h.count.toLocaleString('en-GB')} enquiries) to ${resolve(ROOT, 'data', h.file)}`);
    }
  }

  if (count <= 200000) {
    // Streams again (cheap at this size) to print the figures quoted in data/README.md.
    const s = summarise(iterateEnquiries(opts));
    const pct = (/** @type {number} */ n) => `${((100 * n) / Math.max(1, s.enquiries)).toFixed(1)}%`;
    console.log(`Duplicate rows: ${s.duplicateRows}. Open (In progress / On Hold): ${s.open}.`);
    for (const [stage, n] of Object.entries(s.reached)) console.log(`  reached ${stage.padEnd(14)} ${String(n).padStart(7)}  ${pct(n)}`);
    console.log(`  approvals / applications: ${((100 * s.reached.approved) / Math.max(1, s.reached.application)).toFixed(1)}%`);
    console.log('  statuses:', JSON.stringify(s.byStatus));
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
