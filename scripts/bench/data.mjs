// @ts-check
/**
 * The benchmark's input files: wide exports made by the sample generator
 * (scripts/sample/generate.mjs) with a fixed seed, written to bench/out/ and
 * reused when a file of the same enquiry count, seed and generator is there.
 * Next to each CSV a .json sidecar records its rows, bytes and the true
 * reached counts per stage (the generator's own summary), used to check the
 * app's funnel and the arquero pipeline.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { iterateEnquiries, summarise, writeWideCsv } from '../sample/generate.mjs';

export const SEED = 7;

/** A fingerprint of the generator source, so a changed generator regenerates. @param {string} root */
function generatorHash(root) {
  return createHash('sha256').update(readFileSync(join(root, 'scripts/sample/generate.mjs'))).digest('hex').slice(0, 16);
}

/**
 * @param {{ root: string, outDir: string, count: number, log?: (s: string) => void }} o
 * @returns {Promise<{ path: string, count: number, rows: number, enquiries: number, bytes: number, reached: Record<string, number>, reused: boolean, generateMs: number | null }>}
 */
export async function ensureWideFile({ root, outDir, count, log = () => {} }) {
  const path = join(outDir, `wide-${count}.csv`);
  const metaPath = path.replace(/\.csv$/, '.json');
  const gen = generatorHash(root);
  if (existsSync(path) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
      if (meta.count === count && meta.seed === SEED && meta.generator === gen && statSync(path).size === meta.bytes) {
        log(`  reusing ${path} (${(meta.bytes / 1e6).toFixed(1)} MB)`);
        return { ...meta, path, reused: true, generateMs: null };
      }
    } catch {
      /* regenerate */
    }
  }
  log(`  generating ${count.toLocaleString('en-GB')} enquiries -> ${path}`);
  const opts = { count, seed: SEED };
  const t0 = performance.now();
  const res = await writeWideCsv(path, opts);
  const generateMs = performance.now() - t0;
  const s = summarise(iterateEnquiries(opts));
  const meta = { count, seed: SEED, generator: gen, rows: res.rows, enquiries: res.enquiries, bytes: statSync(path).size, reached: s.reached };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
  log(`  wrote ${(meta.bytes / 1e6).toFixed(1)} MB in ${(generateMs / 1000).toFixed(1)} s`);
  return { ...meta, path, reused: false, generateMs };
}
