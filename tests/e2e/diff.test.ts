/**
 * The clause diff on the provision page of the built app: by default the last two versions, side by side, with the
 * words that changed marked and each side's text exactly the version's clause text (read in Node from the same
 * files); another pair can be picked; a source without per-version text says so and shows what changed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { clauseDiff } from '../../src/lib/changes/clause-diff';
import { openLoaded } from './open-loaded';
import { TEXTLESS_RECORD, withTimeExports } from './timeline-exports';

const files = withTimeExports();

const openDiff = (path: string) =>
  openLoaded(path, files.server.url, (page) => page.locator('[data-testid="clause-diff"][data-loaded="true"]').waitFor({ timeout: 60_000 }));

const sideText = (page: Page, which: 'older' | 'newer') => page.getByTestId(`diff-${which}`).locator('p.text').textContent();
const marked = (page: Page, tag: 'ins' | 'del') => page.locator(`[data-testid="clause-diff"] ${tag}`).allTextContents();

describe('clause diff on the demo export', () => {
  test('shows the last two versions side by side with their words marked, and another pair on request', async () => {
    // A provision with at least three versions whose last two texts differ.
    const [pick] = await files.demo.db.query(`
      WITH v AS (
        SELECT record_id, version, clause_sha256,
          lag(clause_sha256) OVER (PARTITION BY record_id ORDER BY version) AS before,
          count(*) OVER (PARTITION BY record_id) AS n,
          max(version) OVER (PARTITION BY record_id) AS last
        FROM provision_versions)
      SELECT record_id FROM v WHERE n >= 3 AND version = last AND clause_sha256 <> before ORDER BY record_id LIMIT 1`);
    const id = pick!.record_id as string;
    const versions = await files.demo.db.query('SELECT version, clause_text FROM provision_versions WHERE record_id = ? ORDER BY version', [id]);
    const [a, b] = versions.slice(-2) as { version: number; clause_text: string }[];

    const { page, consoleErrors } = await openDiff(`/provisions/${id}`);
    await expect(page.getByTestId('diff-from').inputValue()).resolves.toBe(String(a!.version));
    await expect(page.getByTestId('diff-to').inputValue()).resolves.toBe(String(b!.version));
    expect(await sideText(page, 'older')).toBe(a!.clause_text);
    expect(await sideText(page, 'newer')).toBe(b!.clause_text);
    const expected = clauseDiff(a!.clause_text, b!.clause_text);
    expect(await marked(page, 'ins')).toEqual(expected.right.filter((p) => p.kind === 'added').map((p) => p.text));
    expect(await marked(page, 'del')).toEqual(expected.left.filter((p) => p.kind === 'removed').map((p) => p.text));
    expect(expected.addedWords + expected.removedWords).toBeGreaterThan(0);

    const first = versions[0] as { version: number; clause_text: string };
    await page.getByTestId('diff-from').selectOption(String(first.version));
    await page.waitForFunction(
      (key) => document.querySelector<HTMLElement>('[data-testid="clause-diff"]')?.dataset.diffKey === key &&
        document.querySelector<HTMLElement>('[data-testid="clause-diff"]')?.dataset.loaded === 'true',
      `${id}:${first.version}:${b!.version}`
    );
    expect(await sideText(page, 'older')).toBe(first.clause_text);
    expect(await sideText(page, 'newer')).toBe(b!.clause_text);
    expect(consoleErrors).toEqual([]);
  });
});

describe('clause diff without per-version text', () => {
  test('says the text is not carried and shows hashes, severities and dates', async () => {
    const { page } = await openDiff(`/provisions/${TEXTLESS_RECORD}?export=fx-gaps`);
    await expect(page.getByTestId('diff-no-text').innerText()).resolves.toMatch(/does not carry the clause text of version 2.*hashes differ/s);
    const facts = await page.getByTestId('diff-facts').innerText();
    expect(facts).toMatch(/High/);
    expect(facts).toMatch(/Critical/);
    expect(facts).toMatch(/Feb 29, 2024/);
    await expect(page.getByTestId('hash-verdict').innerText()).resolves.toBe('different text');
  });
});
