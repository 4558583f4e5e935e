/**
 * Static server for the built app (`build/`): what `npm start`, the browser tests and the benchmarks load the app
 * from. `vite preview` answers Range requests with the whole file, so loading is measured here on a server that
 * behaves like a real static host / CDN.
 *
 *   tsx scripts/serve.ts [dir=build] [--port 4173] [--host 127.0.0.1]
 */
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lookup } from 'mrmime';
import sirv from 'sirv';
import { securityHeaders } from './lib/security-headers.js';

export interface ServeOptions {
  /** Folder to serve; must hold the SPA fallback `404.html` (adapter-static `fallback`). */
  dir: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Extra folders served under a URL prefix, e.g. `{ '/exports/bench-1m': '/tmp/big' }`: an export kept outside
   * `build/` (benchmarks, tests of broken exports) without copying the app.
   */
  mounts?: Record<string, string>;
  /**
   * Sent with every response. @default the Content Security Policy and security headers of the site in `dir`
   * (`securityHeaders`, the same the build writes to `_headers`)
   */
  headers?: Record<string, string>;
}

export interface StaticServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:4173`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const FALLBACK = '/404.html';
/** Vite puts content-hashed files here: safe to keep forever. Everything else (pages, exports) is revalidated. */
const IMMUTABLE_PREFIX = '/_app/immutable/';

/** Content type of a file path; mrmime does not know Parquet, and an empty type makes browsers sniff. */
export function contentType(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet') return 'application/octet-stream';
  const type = lookup(ext) ?? 'application/octet-stream';
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` header against a file of `size` bytes (RFC 9110 §14.1.2). Returns the inclusive range,
 * `'unsatisfiable'` (answer 416), or `null` to ignore the header and send the whole file — which the RFC allows for
 * anything we do not support (other units, several ranges, bad syntax).
 *
 * sirv parses ranges itself but turns `bytes=0-0` into the whole file and `bytes=-N` into the first N+1 bytes,
 * so ranged requests are answered here.
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

function cacheControl(pathname: string): string {
  return pathname.startsWith(IMMUTABLE_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Same weak validator sirv sends, so a 206 and a 200 of one file agree. */
function etag(stats: Stats): string {
  return `W/"${stats.size}-${stats.mtime.getTime()}"`;
}

function rawPath(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/** Decoded the way sirv decodes it, so both agree on which file a URL names. */
function decodePath(req: IncomingMessage): string | null {
  try {
    return decodeURI(rawPath(req));
  } catch {
    return null;
  }
}

/** The regular file a URL path names inside `root`, refusing traversal and dotfiles. */
function fileFor(root: string, pathname: string): { abs: string; stats: Stats } | null {
  if (pathname.includes('\0') || /\/\.(?!well-known\/)/.test(pathname)) return null;
  const abs = resolve(root, `.${pathname}`);
  if (!abs.startsWith(root + sep)) return null;
  try {
    const stats = statSync(abs);
    return stats.isFile() ? { abs, stats } : null;
  } catch {
    return null;
  }
}

/** Answers a ranged GET/HEAD; returns false when the request should get the whole file instead. */
function sendRange(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  const header = req.headers.range;
  if (!header) return false;
  const pathname = decodePath(req);
  const file = pathname && fileFor(root, pathname);
  if (!pathname || !file) return false;
  // A ranged request for more of a file the browser holds parts of carries If-Range: the range is only wanted if the
  // file is still the same. Chromium sends back the ETag it was given, which is weak here (sirv's), and a weak tag
  // never matches under RFC 9110 §13.1.5 — so every such request got the whole file, and every other block that
  // DuckDB read from an attached engine file downloaded all of it. Size and modification time identify the bytes
  // as well as the strong ETag nginx makes of the same two values, so the tag is compared as if strong, and so is
  // the Last-Modified date; anything else still gets the whole file.
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag(file.stats) && ifRange !== etag(file.stats).slice(2) && ifRange !== file.stats.mtime.toUTCString()) {
    return false;
  }
  const range = parseRange(header, file.stats.size);
  if (range === null) return false;
  const common = {
    'Accept-Ranges': 'bytes',
    'Cache-Control': cacheControl(pathname),
    'X-Content-Type-Options': 'nosniff'
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${file.stats.size}` });
    res.end();
    return true;
  }
  res.writeHead(206, {
    ...common,
    'Content-Type': contentType(file.abs),
    'Content-Length': range.end - range.start + 1,
    'Content-Range': `bytes ${range.start}-${range.end}/${file.stats.size}`,
    'Last-Modified': file.stats.mtime.toUTCString(),
    ETag: etag(file.stats)
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file.abs, range).pipe(res);
  return true;
}

/** A request for a page (not an asset): gets the SPA fallback instead of a 404. */
function wantsPage(req: IncomingMessage, pathname: string): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') || extname(pathname) === '';
}

function notFound(res: ServerResponse, pathname: string): void {
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  });
  res.end(`Not found: ${pathname}\n`);
}

/** The request handler alone, for embedding in another node:http server. */
export function staticHandler(dir: string): Handler {
  const root = resolve(dir);
  const assets = sirv(root, {
    // Look files up on each request, so files written after start-up (a regenerated export) are served as they are.
    dev: true,
    etag: true,
    dotfiles: false,
    extensions: ['html'],
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', cacheControl(pathname));
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Pages resolve to `<path>.html` and get sirv's text/html; only fix what it cannot type.
      if (extname(pathname) !== '') res.setHeader('Content-Type', contentType(pathname));
    }
  });

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const pathname = decodePath(req);
    if (pathname === null) {
      // Broken percent-encoding (`/provisions/%E0%A4%A`): no file has that name, but a page path still gets the app,
      // which says that no record has that id, as static SPA hosts answer.
      if (!wantsPage(req, rawPath(req))) return notFound(res, rawPath(req));
      req.url = FALLBACK;
      assets(req, res, () => notFound(res, rawPath(req)));
      return;
    }
    if (/\/\.(?!well-known\/)/.test(pathname)) return notFound(res, rawPath(req));
    if (sendRange(root, req, res)) return;
    delete req.headers.range;
    assets(req, res, () => {
      if (!wantsPage(req, pathname)) return notFound(res, pathname);
      // Client-rendered pages (a provision, a platform) boot from the fallback; 200 as static SPA hosts answer.
      req.url = FALLBACK;
      assets(req, res, () => notFound(res, pathname));
    });
  };
}

function withMounts(app: Handler, mounts: Record<string, string>): Handler {
  const mounted = Object.entries(mounts).map(([prefix, dir]) => {
    if (!/^\/[^?#]*[^/]$/.test(prefix)) throw new Error(`Mount prefix must start with "/" and not end with one: ${prefix}`);
    if (!existsSync(dir)) throw new Error(`Mounted folder not found: ${dir}`);
    return { prefix, handler: staticHandler(dir) };
  });
  return (req, res) => {
    const url = req.url ?? '/';
    const mount = mounted.find(({ prefix }) => url.startsWith(`${prefix}/`));
    if (!mount) return app(req, res);
    req.url = url.slice(mount.prefix.length);
    mount.handler(req, res);
  };
}

/**
 * The same headers on every response, pages, workers' scripts and exports alike: a worker's policy is the one its
 * script arrives with, so a policy on the pages alone would leave the DuckDB worker free to fetch anything.
 */
function withHeaders(app: Handler, headers: Record<string, string>): Handler {
  const entries = Object.entries(headers);
  return (req, res) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    app(req, res);
  };
}

/** Serves `dir` until `close()`; rejects with the listen error (e.g. `code: 'EADDRINUSE'`). */
export async function startServer({ dir, port = 0, host = '127.0.0.1', mounts = {}, headers }: ServeOptions): Promise<StaticServer> {
  const root = resolve(dir);
  if (!existsSync(resolve(root, `.${FALLBACK}`))) {
    throw new Error(`${root}${FALLBACK} not found: build the app first (npm run build).`);
  }
  const server = createServer(withHeaders(withMounts(staticHandler(root), mounts), headers ?? securityHeaders(root)));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((error) => (error ? fail(error) : ok()));
        server.closeAllConnections();
      })
  };
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dir = args[0] && !args[0].startsWith('--') ? args[0] : 'build';
  const server = await startServer({
    dir,
    port: Number(argValue(args, '--port') ?? process.env.PORT ?? 4173),
    host: argValue(args, '--host') ?? '127.0.0.1'
  });
  console.log(`Serving ${resolve(dir)} at ${server.url}/`);
}
