#!/usr/bin/env node
/**
 * A deliberately plain static file server, to prove the built app needs
 * nothing special from a web server: it serves a folder under a URL sub-path
 * with ordinary MIME types and no extra headers (no CSP, COOP/COEP or cache
 * headers). Loopback only; no dependencies.
 *
 *   node scripts/serve-static.mjs --dir dist --base /teams/fostering/ --port 4399
 *
 * From code: `const { url, close } = await startServer({ dir, base, port })`
 * (port 0 picks a free port; `url` ends with the base path).
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep, extname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The MIME types a static host needs for this app (anything else is refused). */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** "/teams/fostering" or "teams/fostering/" -> "/teams/fostering/". */
function normaliseBase(base) {
  const parts = String(base ?? '/').split('/').filter(Boolean);
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/**
 * Starts the server on 127.0.0.1. `mimeTypes` overrides entries of MIME_TYPES
 * (tests use it to imitate a misconfigured server).
 * @param {{ dir: string, base?: string, port?: number, mimeTypes?: Record<string, string> }} options
 * @returns {Promise<{ url: string, origin: string, base: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ dir, base = '/', port = 0, mimeTypes = {} }) {
  const root = resolve(dir);
  const types = { ...MIME_TYPES, ...mimeTypes };
  const prefix = normaliseBase(base);
  const bare = prefix.slice(0, -1);

  const server = createServer(async (req, res) => {
    const send = (code, text, headers = {}) => {
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      // Like most servers, a folder without its trailing slash is redirected (relative asset URLs need the slash).
      if (bare && path === bare) return send(301, 'Moved\n', { Location: prefix });
      if (!path.startsWith(prefix)) return send(404, 'Not found\n');
      let rel;
      try {
        rel = decodeURIComponent(path.slice(prefix.length));
      } catch {
        return send(400, 'Bad request\n');
      }
      if (rel.includes('\0')) return send(400, 'Bad request\n');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = resolve(root, rel);
      if (file !== root && !file.startsWith(root + sep)) return send(404, 'Not found\n');
      const type = types[extname(file).toLowerCase()];
      if (!type) return send(404, 'Not found\n');
      let info;
      try {
        info = await stat(file);
      } catch {
        return send(404, 'Not found\n');
      }
      if (!info.isFile()) return send(404, 'Not found\n');
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size });
      if (req.method === 'HEAD') return res.end();
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      if (!res.headersSent) send(500, 'Server error\n');
      else res.destroy();
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    url: origin + prefix,
    origin,
    base: prefix,
    port: actualPort,
    close: () =>
      new Promise((ok, fail) => {
        server.closeAllConnections?.();
        server.close((e) => (e ? fail(e) : ok(undefined)));
      }),
  };
}

function parseArgs(argv) {
  const opts = { dir: 'dist', base: '/', port: 4399 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--dir') opts.dir = value();
    else if (flag === '--base') opts.base = value();
    else if (flag === '--port') opts.port = Number(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('Usage: node scripts/serve-static.mjs [--dir dist] [--base /sub/path/] [--port 4399]');
      process.exit(0);
    } else {
      console.error(`Unknown option ${argv[i]} (try --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    console.error('--port must be a number from 0 to 65535');
    process.exit(2);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  const { url, close } = await startServer(opts);
  console.log(`Serving ${resolve(opts.dir)} at ${url} (Ctrl+C to stop)`);
  const stop = () => close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
