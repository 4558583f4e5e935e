/**
 * `changes.atom` (issue 10, "watch and feed"): the builder and the demo generator write an Atom 1.0 feed beside the
 * Parquet files, one entry per change, with ids that stay the same from build to build. The entries are checked
 * against the change rules written again in plain TypeScript (tests/queries/changes-reference.ts) over the export's
 * own versions; the document's well-formedness is checked by a browser's XML parser in tests/e2e/changes.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { generateDemo } from '../../scripts/generate-demo';
import { atomFeed, changeId, FEED_ENTRIES, FEED_FILE, uuidV5, xmlText } from '../../scripts/lib/atom-feed';
import { loadExport, readManifest } from '../../scripts/lib/export-io';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT } from '../helpers/fixture';
import { allChanges } from '../queries/changes-reference';
import type { RefVersion } from '../queries/time-reference';
import { tempDirs } from './temp';

const tempDir = tempDirs('atom-feed');

interface Entry {
  id: string;
  title: string;
  updated: string;
  terms: string[];
  link: string | null;
  content: string;
}

const unescape = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const one = (block: string, re: RegExp) => unescape(re.exec(block)?.[1] ?? '');

/** The feed's entries, read with patterns (the writer puts one element per line). */
function entries(xml: string): Entry[] {
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, block]) => ({
    id: one(block!, /<id>([^<]*)<\/id>/),
    title: one(block!, /<title>([^<]*)<\/title>/),
    updated: one(block!, /<updated>([^<]*)<\/updated>/),
    terms: [...block!.matchAll(/<category term="([^"]*)"/g)].map((m) => unescape(m[1]!)),
    link: /<link rel="alternate" type="text\/html" href="([^"]*)"/.exec(block!)?.[1] ?? null,
    content: one(block!, /<content type="text">([^<]*)<\/content>/)
  }));
}

async function versionsOf(dir: string): Promise<RefVersion[]> {
  const { db } = await loadExport(dir);
  try {
    const rows = await db.query('SELECT record_id, version, platform_id, category_id, severity, valid_from, valid_to, change_kind, clause_sha256, clause_text FROM provision_versions');
    return rows.map((r) => ({
      record_id: String(r.record_id),
      version: Number(r.version),
      platform_id: String(r.platform_id),
      category_id: String(r.category_id),
      severity: (r.severity as string | null) ?? null,
      valid_from: r.valid_from === null ? null : new Date(r.valid_from as string | Date),
      valid_to: r.valid_to === null ? null : new Date(r.valid_to as string | Date),
      change_kind: (r.change_kind as string | null) ?? null,
      clause_sha256: (r.clause_sha256 as string | null) ?? null,
      clause_text: (r.clause_text as string | null) ?? null
    }));
  } finally {
    db.close();
  }
}

const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, 'Z');

describe('uuidV5 and xmlText', () => {
  it('gives the RFC 4122 name-based UUID (the Python uuid5 value for www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it('escapes markup and drops what XML 1.0 cannot hold', () => {
    expect(xmlText('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
    expect(xmlText('bell\u0007 tab\t nul\u0000 lone\uD800 pair\uD83D\uDE00')).toBe('bell tab\t nul lone pair\uD83D\uDE00');
  });
});

describe('changes.atom written with the export', () => {
  it('holds the latest changes of the fixture, each once, as the change rules in TypeScript find them', async () => {
    const out = join(tempDir(), 'fixture');
    const result = await buildExport(FIXTURE_DIR, out, { generatedAt: FIXTURE_GENERATED_AT, siteUrl: 'https://termscope.example.org/app/' });
    expect(result.ok).toBe(true);
    const manifest = await readManifest(out);
    expect(manifest.precomputed?.feed).toBe(FEED_FILE);
    const xml = readFileSync(join(out, FEED_FILE), 'utf8');
    const got = entries(xml);

    const reference = allChanges(await versionsOf(out)).sort((a, b) => b.changed_at.getTime() - a.changed_at.getTime());
    expect(reference.length).toBeGreaterThan(0);
    expect(reference.length).toBeLessThan(FEED_ENTRIES); // the fixture is small: every change is in the feed
    expect(got).toHaveLength(reference.length);
    const key = (c: { record_id: string; version: number; kind: string }) => `${c.record_id} v${c.version} ${c.kind}`;
    const byId = new Map(reference.map((c) => [changeId(manifest.source.name, { recordId: c.record_id, version: c.version, kind: c.kind }), c]));
    expect(byId.size).toBe(reference.length); // ids are unique
    for (const entry of got) {
      const change = byId.get(entry.id);
      expect(change, `entry ${entry.id} (${entry.title}) is no change of the reference`).toBeDefined();
      expect(entry.updated, key(change!)).toBe(iso(change!.changed_at));
      expect(entry.terms, key(change!)).toEqual([change!.category_id, change!.kind]);
      expect(entry.content).toContain(`(${change!.record_id}), version ${change!.version}`);
      expect(entry.link).toBe(`https://termscope.example.org/app/provisions/${encodeURIComponent(change!.record_id)}`);
    }
    // Newest first, and the feed is dated by its newest change.
    const times = got.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(one(xml.slice(0, xml.indexOf('<entry>')), /<updated>([^<]*)<\/updated>/)).toBe(got[0]!.updated);
  });

  it('keeps the latest FEED_ENTRIES of a larger history, with the same ids and bytes in every build', async () => {
    const [a, b] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    await generateDemo({ out: a, today: '2026-11-29', provisions: 2000 });
    await generateDemo({ out: b, today: '2026-11-29', provisions: 2000 });
    const xml = readFileSync(join(a, FEED_FILE), 'utf8');
    expect(readFileSync(join(b, FEED_FILE), 'utf8')).toBe(xml);
    const got = entries(xml);
    const reference = allChanges(await versionsOf(a)).sort((x, y) => y.changed_at.getTime() - x.changed_at.getTime());
    expect(reference.length).toBeGreaterThan(FEED_ENTRIES);
    expect(got).toHaveLength(FEED_ENTRIES);
    // The same instants as the reference's latest changes (ties at the cut may be any of the changes at that instant).
    expect(got.map((e) => e.updated)).toEqual(reference.slice(0, FEED_ENTRIES).map((c) => iso(c.changed_at)));
    expect(new Set(got.map((e) => e.id)).size).toBe(FEED_ENTRIES);
    // Without a site URL the entries carry their text, no link.
    expect(got.every((e) => e.link === null && e.content.length > 0)).toBe(true);
  });

  it('escapes what the records hold and is dated by the export when there is no change', () => {
    const xml = atomFeed(
      { source: { name: 'A & B <feed>', licence: 'CC-BY-4.0', attribution: 'Us "quoted"' }, generated_at: '2026-01-02T03:04:05Z' },
      []
    );
    expect(xml).toContain('<title>A &amp; B &lt;feed&gt;: changes to provisions</title>');
    expect(xml).toContain('<updated>2026-01-02T03:04:05Z</updated>');
    expect(xml).toContain('<author><name>Us &quot;quoted&quot;</name></author>');
    expect(entries(xml)).toEqual([]);
  });

  it('refuses a site URL that is not http(s)', async () => {
    const out = join(tempDir(), 'no-history');
    const bad = await buildExport(FIXTURE_DIR, out, { generatedAt: FIXTURE_GENERATED_AT, siteUrl: 'javascript:alert(1)' });
    expect(bad).toEqual({ ok: false, errors: ['site URL: "javascript:alert(1)" is not an http(s) URL'], more: 0 });
  });
});
