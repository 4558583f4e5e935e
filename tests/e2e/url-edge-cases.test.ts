/**
 * Small failures of issue 9 (section 4 of its list): ids with broken percent-encoding end in the not-found message
 * instead of an uncaught URIError; a record whose id is `..` (a dot segment no URL can carry in its path) is
 * reachable; and after a failed export, the "Termscope" link to `/` loads the demo instead of keeping the error panel.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { provisionHref } from '../../src/lib/compare/links';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT } from '../helpers/fixture';
import { clientGoto, openApp } from './app';
import { waitForDb, waitForLoadError } from './browser';
import { servedExports } from './served-exports';

/** The fixture with provision FX-P-001 renamed to `..` (and its versions). */
const server = servedExports('url-edges', async (work) => {
  const input = join(work, 'input');
  await cp(FIXTURE_DIR, input, { recursive: true });
  for (const table of ['provisions', 'provision_versions']) {
    const path = join(input, `${table}.jsonl`);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll('"record_id":"FX-P-001"', '"record_id":".."'));
  }
  const out = join(work, 'dots');
  const result = await buildExport(input, out, { generatedAt: FIXTURE_GENERATED_AT });
  if (!result.ok) throw new Error(`fixture with a ".." id did not build:\n${result.errors.join('\n')}`);
  return { '/exports/dots': out };
});

const uncaught = (errors: readonly string[]) => errors.filter((e) => e.startsWith('uncaught'));

describe('URL edge cases', () => {
  test('broken percent-encoding in an id ends in the not-found message, loaded directly or reached in the app', async () => {
    const app = await openApp('/provisions/%E0%A4%A');
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    const message = app.page.getByTestId('not-found');
    await expect.poll(() => message.locator('h1 code').innerText().catch(() => null), { timeout: 30_000 }).toBe('%E0%A4%A');
    for (const [path, shown] of [
      ['/provisions/%E0%A4%A', '%E0%A4%A'],
      ['/platforms/%ZZ', '%ZZ'],
      ['/provisions/ok%E0%A4%A%41', 'ok%E0%A4%A%41']
    ] as const) {
      await clientGoto(app.page, '/');
      await clientGoto(app.page, path);
      await expect.poll(() => app.page.getByTestId('not-found').locator('h1 code').innerText().catch(() => null), { message: path, timeout: 30_000 }).toBe(shown);
    }
    expect(uncaught(app.consoleErrors)).toEqual([]);
  });

  test('a record whose id is ".." has a page, reached by its link and loaded directly', async () => {
    const href = provisionHref('', '..', new URL(`${server.url}/?export=dots`));
    expect(href).toBe('/provisions?id=..&export=dots');
    const app = await openApp(href, server.url);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    const pageEl = app.page.getByTestId('provision-page');
    await pageEl.waitFor({ timeout: 30_000 });
    expect(await pageEl.innerText()).toContain('Prompts and outputs used to train models');
    expect(await app.page.locator('.url-note').count()).toBe(0);
    await clientGoto(app.page, '/?export=dots');
    await clientGoto(app.page, href);
    await app.page.getByTestId('provision-page').waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('provision-page').innerText()).toContain('Prompts and outputs used to train models');
    expect(uncaught(app.consoleErrors)).toEqual([]);
  });

  test('after a failed export, the "Termscope" link opens the demo without the error panel', async () => {
    const app = await openApp('/compare?export=no-such-export');
    const error = await waitForLoadError(app.page);
    expect(error).toContain('/exports/no-such-export/manifest.json');
    await app.page.locator('header a.brand').click();
    await app.page.waitForURL(`${app.appUrl}/`);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    expect(await app.page.getByTestId('load-error').count()).toBe(0);
    await app.page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(uncaught(app.consoleErrors)).toEqual([]);
  });
});
