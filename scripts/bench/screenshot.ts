/**
 * docs/screenshot.png for the README: the built app's overview of the demo export, once it shows live numbers.
 *
 *   tsx scripts/bench/screenshot.ts [--out docs/screenshot.png] [--width 1280] [--height 1100]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, waitForDb, assertSameOrigin } from '../../tests/e2e/browser';
import { startServer } from '../serve';
import { ROOT, snapshotApp } from '../start';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'docs', 'screenshot.png') },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '1100' }
  }
});

const app = await snapshotApp();
const server = await startServer({ dir: app.dir, port: 0 });
const session = await launchBrowser();
try {
  const { page } = session;
  await page.setViewportSize({ width: Number(args.width), height: Number(args.height) });
  await page.goto(`${server.url}/`);
  await waitForDb(page, { consoleErrors: session.consoleErrors });
  await page.locator('[data-overview-source="live"]').waitFor({ state: 'attached' });
  await page.locator('[data-testid="severity-by-category-chart"] svg').first().waitFor({ state: 'visible' });
  // Transitions and web fonts settle before the picture is taken, not after.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  assertSameOrigin(session, server.url);
  await page.screenshot({ path: args.out, fullPage: false });
  console.log(`Wrote ${args.out}`);
} finally {
  await session.close();
  await server.close();
  await app.remove();
}
