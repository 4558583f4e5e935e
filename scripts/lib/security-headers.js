/**
 * The one source of the app's Content Security Policy and security headers. Read by svelte.config.js (SvelteKit's
 * `kit.csp` puts the policy in a `<meta>` tag of every page, with the hashes of that page's inline scripts), by the
 * build step that writes `build/_headers` (Netlify / Cloudflare Pages format), and by scripts/serve.ts, which sends the
 * same headers. Plain JavaScript: svelte.config.js is loaded by Node without a TypeScript loader.
 *
 * Why headers as well as the `<meta>` tag: a meta policy covers only its page. A worker (DuckDB, parquet-wasm, the
 * sorter) gets the policy of its own script's response, so without the header it could fetch any URL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Origins besides the app's own that the site lets the page read exports from (an analyst opening an export
 * published elsewhere by its address, on the Data page): none unless the site's operator names them when building,
 * `TERMSCOPE_CONNECT_SRC="https://data.example.org https://other.example"` (whole origins only; no wildcards, no
 * bare schemes such as `https:`). See docs/SECURITY.md, "Opening exports from other sites".
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function connectOrigins(value) {
  const words = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const word of words) {
    let ok = false;
    try {
      const url = new URL(word);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && !word.includes('*') && url.origin === word.replace(/\/+$/, '');
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`TERMSCOPE_CONNECT_SRC: "${word}" is not an origin such as https://data.example.org (scheme, host and optional port; nothing else)`);
  }
  return words.map((w) => w.replace(/\/+$/, ''));
}

/**
 * Directives in SvelteKit's shape: keywords unquoted ('self'), SvelteKit quotes them. `wasm-unsafe-eval` lets DuckDB
 * and parquet-wasm compile their wasm; no `unsafe-inline` or `unsafe-eval` for scripts. Styles keep `unsafe-inline`:
 * Svelte sets `style` attributes (chart geometry, grid row offsets) and a style cannot run code.
 * @type {Record<string, string[]>}
 */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self', 'wasm-unsafe-eval'],
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:', 'blob:'],
  'font-src': ['self'],
  // `blob:`: the DuckDB worker reads its wasm from the page's one downloaded copy (src/lib/db/engine.ts); a page can
  // only fetch blob: URLs of its own origin, so this reaches nothing outside.
  'connect-src': ['self', 'blob:', ...connectOrigins(process.env.TERMSCOPE_CONNECT_SRC)],
  'worker-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['none'],
  'form-action': ['none'],
  'frame-ancestors': ['none']
};

/** The other security headers, the same on every response. */
export const OTHER_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), ' +
    'display-capture=(), screen-wake-lock=(), xr-spatial-tracking=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin'
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', 'strict-dynamic', 'unsafe-hashes']);

/**
 * The policy as header text. `scriptHashes` ('sha256-…') are added to script-src: the inline bootstrap scripts
 * SvelteKit writes into the pages, which a header policy must allow as well as the page's own meta policy.
 * `connectSrc`: the connect-src sources the built pages carry (the build's `TERMSCOPE_CONNECT_SRC`).
 * @param {readonly string[]} [scriptHashes]
 * @param {readonly string[]} [connectSrc]
 * @returns {string}
 */
export function cspHeader(scriptHashes = [], connectSrc = CSP_DIRECTIVES['connect-src'] ?? ['self']) {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, sources]) => {
      const all = name === 'script-src' ? [...sources, ...scriptHashes] : name === 'connect-src' ? connectSrc : sources;
      const quoted = all.map((s) => (KEYWORDS.has(s) || /^sha(256|384|512)-/.test(s) ? `'${s}'` : s));
      return [name, ...quoted].join(' ');
    })
    .join('; ');
}

/**
 * Every `.html` file under `dir` (the built site).
 * @param {string} dir
 * @returns {string[]}
 */
function htmlFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Exports hold Parquet and JSON only; skipping them keeps start-up fast with a million-row export mounted.
    if (entry.isDirectory() && entry.name !== 'exports' && entry.name !== '_app') out.push(...htmlFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

/**
 * The script hashes of the built pages, read from the policies SvelteKit wrote into them (each page's `<meta
 * http-equiv="content-security-policy">`), sorted and deduplicated. Read from SvelteKit's output rather than hashed
 * again here, so the header allows exactly the scripts the pages' own policies allow.
 * @param {string} dir
 * @returns {string[]}
 */
export function pageScriptHashes(dir) {
  const hashes = new Set();
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, 'utf8');
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
    // A page without a policy of its own contributes no hash: its inline scripts stay blocked by the header.
    if (!meta) continue;
    const scriptSrc = (meta[1] ?? '').split(';').find((d) => d.trim().startsWith('script-src ')) ?? '';
    for (const match of scriptSrc.matchAll(/'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'/g)) hashes.add(/** @type {string} */ (match[1]));
  }
  return [...hashes].sort();
}

/**
 * Every security header for the site built into `dir`.
 * @param {string} dir
 * @returns {Record<string, string>}
 */
export function securityHeaders(dir) {
  return { 'Content-Security-Policy': cspHeader(pageScriptHashes(dir), pageConnectSources(dir)), ...OTHER_HEADERS };
}

/**
 * The connect-src sources the built site's pages carry (from its front page's `<meta>` policy), so the header sent
 * for a build is the policy it was built with, whatever the server's own environment says.
 * @param {string} dir
 * @returns {string[]}
 */
export function pageConnectSources(dir) {
  for (const file of htmlFiles(dir)) {
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(readFileSync(file, 'utf8'));
    const directive = (meta?.[1] ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
    if (directive) return directive.split(/\s+/).slice(1).map((s) => s.replace(/^'(.*)'$/, '$1'));
  }
  return CSP_DIRECTIVES['connect-src'] ?? ['self'];
}

/**
 * `_headers` for Netlify and Cloudflare Pages: the same headers on every path.
 * @param {Record<string, string>} headers
 * @returns {string}
 */
export function headersFile(headers) {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return `# Written by the build (scripts/lib/security-headers.js); see docs/SECURITY.md.\n/*\n${lines.join('\n')}\n`;
}

/**
 * Reads a `_headers` file back: the headers of its `/*` block.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseHeadersFile(text) {
  /** @type {Record<string, string>} */
  const out = {};
  let inAll = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    if (!inAll) continue;
    const colon = line.indexOf(':');
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}
