// @ts-check
/**
 * A small static file server for the benchmark: loopback only, correct MIME
 * types (the engine needs application/wasm), no caching, and optionally the
 * cross-origin-isolation headers (COOP/COEP/CORP) that DuckDB-WASM's threaded
 * 'coi' bundle needs for SharedArrayBuffer.
 *
 *   const s = await startServer({ mounts: { '/': 'dist', '/bare/': 'bench/out/bare-dist' }, coi: false });
 *   s.url  -> 'http://127.0.0.1:PORT/'
 *   await s.close();
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {{ mounts: Record<string, string>, coi?: boolean, port?: number }} opts
 *   mounts: URL prefix (ending in '/') -> folder. Longest prefix wins.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, requests: { url: string, status: number }[] }>}
 */
export async function startServer({ mounts, coi = false, port = 0 }) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => ({ prefix, dir: resolve(dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  /** @type {{ url: string, status: number }[]} */
  const requests = [];

  const server = createServer((req, res) => {
    const send = (/** @type {number} */ status, /** @type {string} */ text) => {
      requests.push({ url: req.url ?? '', status });
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'Bad URL');
    }
    const mount = table.find((m) => pathname.startsWith(m.prefix));
    if (!mount) return send(404, 'Not found');
    let rel = pathname.slice(mount.prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(mount.dir, rel));
    if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return send(403, 'Forbidden');
    let st;
    try {
      st = statSync(file);
    } catch {
      return send(404, 'Not found');
    }
    if (!st.isFile()) return send(404, 'Not found');
    /** @type {Record<string, string | number>} */
    const headers = {
      'Content-Type': MIME[/** @type {keyof typeof MIME} */ (extname(file).toLowerCase())] ?? 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (coi) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    requests.push({ url: req.url ?? '', status: 200 });
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(undefined));
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    port: addr.port,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok(undefined));
      }),
  };
}
