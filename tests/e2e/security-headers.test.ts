/**
 * The Content Security Policy and security headers: the build's `_headers` and scripts/serve.ts send the same ones,
 * the header allows exactly the inline scripts of the built pages (hashed here independently of SvelteKit), and the
 * browser enforces the policy — a request to another origin or a blob: worker is blocked and reported, which is what
 * makes every other browser test fail on a violation (tests/e2e/browser.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { CSP_DIRECTIVES, OTHER_HEADERS, parseHeadersFile } from '../../scripts/lib/security-headers.js';
import { REMOTE_ORIGIN } from './remote-origin';
import { openApp } from './app';
import { assertNoCspViolations, waitForDb } from './browser';

const APP_DIR = inject('appDir');
const APP_URL = inject('appUrl');

/** Every inline script of every built page, hashed as CSP does (SHA-256 of the element's text, base64). */
async function inlineScriptHashes(): Promise<string[]> {
  const hashes = new Set<string>();
  for (const name of (await readdir(APP_DIR, { recursive: true })).filter((n) => n.endsWith('.html') && !n.startsWith('exports'))) {
    const html = await readFile(join(APP_DIR, name), 'utf8');
    for (const [, body] of html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`sha256-${createHash('sha256').update(body!).digest('base64')}`);
    }
  }
  return [...hashes].sort();
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  test('_headers and the server send the same headers on pages, scripts, wasm, exports and 404s', async () => {
    const file = parseHeadersFile(await readFile(join(APP_DIR, '_headers'), 'utf8'));
    expect(Object.keys(file).sort()).toEqual(['Content-Security-Policy', ...Object.keys(OTHER_HEADERS)].sort());
    const assets = await readdir(join(APP_DIR, '_app', 'immutable', 'workers'));
    const paths = ['/', '/sql', '/provisions/CA-P-000001', '/exports/demo/manifest.json', '/no-such-file.js', `/_app/immutable/workers/${assets[0]}`];
    for (const path of paths) {
      const response = await fetch(`${APP_URL}${path}`);
      for (const [name, value] of Object.entries(file)) expect(response.headers.get(name), `${name} of ${path}`).toBe(value);
    }
  });

  test('the policy is strict, and its script hashes are exactly the built pages’ inline scripts', async () => {
    const policy = directives(parseHeadersFile(await readFile(join(APP_DIR, '_headers'), 'utf8'))['Content-Security-Policy']!);
    const hashes = await inlineScriptHashes();
    expect(hashes.length).toBeGreaterThan(0);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", ...hashes.map((h) => `'${h}'`)]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // Only the app's origin, its own blob: URLs (the engine's wasm), and the one origin the test build allows for the
    // Data page's URL tests (remote-origin.ts).
    expect([["'self'", 'blob:'], ["'self'", 'blob:', REMOTE_ORIGIN]]).toContainEqual(policy.get('connect-src'));
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect([...policy.keys()]).toEqual(Object.keys(CSP_DIRECTIVES));
    // Each page also carries its own <meta> policy (SvelteKit's kit.csp), with its own hash only.
    const index = await readFile(join(APP_DIR, 'index.html'), 'utf8');
    expect(index).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  });

  test('the browser enforces it: another origin and a blob: worker are blocked and reported', async () => {
    const app = await openApp('/');
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    const fetched = await app.page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'fetched', (e: Error) => e.name));
    expect(fetched).toBe('TypeError');
    await app.page.evaluate(() => {
      const worker = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
      worker.onmessage = () => document.documentElement.setAttribute('data-blob-worker', 'ran');
    });
    await expect.poll(() => app.cspViolations.join('\n')).toMatch(/Creating a worker from 'blob:.*"worker-src 'self'"/);
    expect(app.cspViolations.join('\n')).toMatch(/Connecting to 'http:\/\/127\.0\.0\.2:9\/x' violates .*"connect-src 'self' blob:( http:\/\/127\.0\.0\.1:47913)?"/);
    expect(await app.page.locator('html').getAttribute('data-blob-worker')).toBeNull();
    expect(() => assertNoCspViolations(app.page)).toThrow(/Content Security Policy violation/);
    // The violations were the point of this test: clear them so the end-of-test check does not fail it.
    app.cspViolations.length = 0;
    expect(app.requests.filter((url) => url.includes('127.0.0.2'))).toEqual([]);
  });
});
