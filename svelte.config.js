import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES, headersFile, securityHeaders } from './scripts/lib/security-headers.js';

const OUT = 'build';
const staticAdapter = adapter({ pages: OUT, assets: OUT, fallback: '404.html', precompress: false, strict: true });

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The whole app is static files. Pages whose path depends on the data (a provision, a platform) are
    // rendered in the browser from the fallback page, so any static host can serve them. After the pages are written,
    // `_headers` gets the same policy as a header (with every page's inline-script hashes), for Netlify and Cloudflare
    // Pages; docs/SECURITY.md says how to send it from other hosts.
    adapter: {
      name: 'adapter-static+headers',
      async adapt(builder) {
        await staticAdapter.adapt(builder);
        writeFileSync(join(OUT, '_headers'), headersFile(securityHeaders(OUT)));
      }
    },
    // Hash mode: prerendered pages carry their inline scripts' hashes in a <meta> policy (no nonce without a server).
    csp: { mode: 'hash', directives: CSP_DIRECTIVES },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
