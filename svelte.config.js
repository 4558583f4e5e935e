import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The whole app is static files. Pages whose path depends on the data (a provision, a platform) are
    // rendered in the browser from the fallback page, so any static host can serve them.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', precompress: false, strict: true }),
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
