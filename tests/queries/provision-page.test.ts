/**
 * The provision page's loader over the fixture (including exports without the optional tables and a document without
 * captures), its citation text (the same in every time zone), its links and its URL state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import { citationText, utcStamp } from '../../src/lib/provision/citation';
import { loadProvisionPage } from '../../src/lib/provision/load-provision';
import { compareHref, platformHref, provisionHref } from '../../src/lib/compare/links';
import { externalHref, platformsHref } from '../../src/lib/provision/links';
import { provisionParams } from '../../src/lib/provision/params';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { nodeDbAdapter } from '../helpers/node-db-adapter';

const fixture = openedExport(loadFixture);

const ALL = [...TABLE_NAMES];
const db = () => nodeDbAdapter(fixture.loaded.db);
const SOURCE = { name: 'Fixture export', licence: 'CC0-1.0', attribution: 'Test' };

describe('loadProvisionPage', () => {
  it('reads a provision with every part, typed', async () => {
    const data = (await loadProvisionPage(db(), 'FX-P-016', ALL))!;
    const raw = fixtureRows('provisions').find((p) => p.record_id === 'FX-P-016')!;
    expect(data.provision).toMatchObject({
      record_id: 'FX-P-016',
      title: raw.title,
      severity: 'critical',
      status: 'active',
      clause_text: raw.clause_text,
      user_actions: [],
      agencies: raw.agencies,
      first_tracked: new Date(raw.first_tracked as string),
      document: { document_id: 'FX-D-005', title: 'Chattersmith Terms of Service', doc_type: 'terms_of_service', last_updated: '2024-06-01' },
      platform: { platform_id: 'chattersmith', name: 'Chattersmith', sector: 'Generative AI', jurisdiction: 'FR' },
      category: { category_id: 'mandatory_arbitration', name: 'Mandatory arbitration', group_name: 'Disputes & liability' }
    });
    expect(data.provision.clause_text).toContain('\n');
    expect(data.snapshots).toHaveLength(fixtureRows('snapshots').filter((s) => s.document_id === 'FX-D-005').length);
    expect(data.citationSnapshot).toMatchObject({ snapshot_id: 'FX-S-023', captured_at: new Date('2026-09-28T06:00:00Z') });
    expect(data.versions).toHaveLength(fixtureRows('provision_versions').filter((v) => v.record_id === 'FX-P-016').length);
    expect(data.others!.map((o) => o.record_id).sort()).toEqual(['FX-P-011', 'FX-P-014', 'FX-P-015']);
  });

  it('returns null for an id the export does not have', async () => {
    expect(await loadProvisionPage(db(), 'FX-P-404', ALL)).toBeNull();
    expect(await loadProvisionPage(db(), '<script>alert(1)</script>', ALL)).toBeNull();
  });

  it('reads an unrated and a removed provision', async () => {
    expect((await loadProvisionPage(db(), 'FX-P-026', ALL))!.provision).toMatchObject({ severity: null, user_actions: null });
    expect((await loadProvisionPage(db(), 'FX-P-009', ALL))!.provision).toMatchObject({
      status: 'removed',
      removed_at: new Date('2024-08-01T00:00:00Z')
    });
  });

  describe('an export without provision_versions and snapshots', () => {
    let bare: LoadedExport;
    beforeAll(async () => {
      bare = await loadFixture();
      await bare.db.exec('DROP TABLE provision_versions; DROP TABLE snapshots');
    });
    afterAll(() => bare?.db.close());

    it('does not query the missing tables, and says the parts are absent', async () => {
      const tables = ALL.filter((t) => t !== 'provision_versions' && t !== 'snapshots');
      const data = (await loadProvisionPage(nodeDbAdapter(bare.db), 'FX-P-001', tables))!;
      expect(data.versions).toBeNull();
      expect(data.snapshots).toBeNull();
      expect(data.citationSnapshot).toBeNull();
      expect(data.others!.length).toBeGreaterThan(0);
      const text = citationText({ provision: data.provision, snapshot: null, hasSnapshots: false, source: SOURCE, generatedAt: '2026-10-01T00:00:00Z' });
      expect(text).toContain('No captures of the document are in this export.');
    });
  });

  it('a document without captures gives an empty evidence list and no cited capture', async () => {
    const own = await loadFixture();
    try {
      await own.db.exec(`DELETE FROM snapshots WHERE document_id = 'FX-D-001'`);
      const data = (await loadProvisionPage(nodeDbAdapter(own.db), 'FX-P-005', ALL))!;
      expect(data.snapshots).toEqual([]);
      expect(data.citationSnapshot).toBeNull();
      const text = citationText({ provision: data.provision, snapshot: null, hasSnapshots: true, source: SOURCE, generatedAt: '2026-10-01T00:00:00Z' });
      expect(text).toContain('No capture of the document taken at or before the last verification');
    } finally {
      own.db.close();
    }
  });
});

describe('citationText', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('reads as expected, with full hash, UTC times and the source', async () => {
    const data = (await loadProvisionPage(db(), 'FX-P-016', ALL))!;
    const text = citationText({
      provision: data.provision,
      snapshot: data.citationSnapshot,
      hasSnapshots: true,
      source: SOURCE,
      generatedAt: '2026-10-01T00:00:00Z'
    });
    expect(text).toBe(
      'Chattersmith, “Chattersmith Terms of Service” (terms of service), provision “Arbitration and class-action waiver”, ' +
        'record FX-P-016. Published at https://chattersmith.example/terms. Last verified 2026-09-28 06:00 UTC. ' +
        'Evidence: capture FX-S-023 of 2026-09-28 06:00 UTC, SHA-256 13b97a25fb55deb0eed285a26bf54d516e7c482477a2018ebd4b5d925acf6c99, ' +
        'archived at https://archive.example/20260928060000/https://chattersmith.example/terms. ' +
        'Data: Fixture export (CC0-1.0), export of 2026-10-01 00:00 UTC, via Termscope.'
    );
  });

  it('is the same text in every time zone', async () => {
    const data = (await loadProvisionPage(db(), 'FX-P-009', ALL))!;
    const make = () =>
      citationText({ provision: data.provision, snapshot: data.citationSnapshot, hasSnapshots: true, source: SOURCE, generatedAt: '2026-10-01T00:00:00Z' });
    const texts = new Set<string>();
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata', 'UTC', 'Pacific/Pago_Pago']) {
      process.env.TZ = tz;
      expect(new Date(2024, 0, 1).getTimezoneOffset(), `TZ ${tz} took effect`).toBe(tzOffset(tz));
      texts.add(make());
    }
    expect(texts.size).toBe(1);
    const [text] = texts;
    // A removed provision: its removal, its last verification, and the capture before it (not the latest capture).
    expect(text).toContain('Removed 2024-08-01 00:00 UTC; last verified 2024-07-31 06:00 UTC.');
    expect(text).toContain('capture FX-S-012 of 2024-03-04 06:00 UTC');
  });

  it('utcStamp writes seconds only when there are some', () => {
    expect(utcStamp(new Date('2024-02-29T23:59:07Z'))).toBe('2024-02-29 23:59:07 UTC');
    expect(utcStamp(new Date('2024-02-29T23:59:00.500Z'))).toBe('2024-02-29 23:59 UTC');
    expect(() => utcStamp(new Date('nope'))).toThrow(RangeError);
  });
});

/** Offset on 2024-01-01 of the zones above, in minutes west of UTC (as getTimezoneOffset gives it). */
function tzOffset(tz: string): number {
  return { 'America/Los_Angeles': 480, 'Pacific/Kiritimati': -840, 'Asia/Kolkata': -330, UTC: 0, 'Pacific/Pago_Pago': 660 }[tz]!;
}

describe('links (the shared ones as these pages use them)', () => {
  const here = new URL('http://x/provisions/FX-P-001?export=fixture&snapshotsPage=2');
  it('keep the export and nothing else, and encode ids as one path segment', () => {
    expect(provisionHref('', 'FX-P-002', here)).toBe('/provisions/FX-P-002?export=fixture');
    expect(platformHref('/app', 'a/b?c#d', here)).toBe('/app/platforms/a%2Fb%3Fc%23d?export=fixture');
    expect(compareHref('', 'ai_training_data', here)).toBe('/compare?category=ai_training_data&export=fixture');
    expect(provisionHref('', 'FX-P-002', new URL('http://x/'))).toBe('/provisions/FX-P-002');
    expect(platformsHref('/app', here)).toBe('/app/platforms?export=fixture');
  });

  it('externalHref links only http(s) URLs', () => {
    expect(externalHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>', '//evil.example', 'https://', 'ftp://x', null, '']) {
      expect(externalHref(bad), String(bad)).toBeNull();
    }
  });
});

describe('provision URL state', () => {
  it('reads page and sorts, and notes what it ignores', () => {
    const ok = provisionParams.parse(new URLSearchParams('snapshotsPage=3&snapshotsSort=-sha256&othersSort=title'));
    expect(ok.notes).toEqual([]);
    expect(ok.value).toMatchObject({ snapshotsPage: 3, snapshotsSort: { column: 'sha256', direction: 'desc' }, othersSort: { column: 'title', direction: 'asc' } });
    const bad = provisionParams.parse(new URLSearchParams("snapshotsPage=0&snapshotsSort=drop;table&versionsSort=-x'&foo=1"));
    expect(bad.value).toEqual(provisionParams.defaults);
    expect(bad.notes).toHaveLength(4);
    expect(provisionParams.serialize(provisionParams.defaults).toString()).toBe('');
  });
});
