/**
 * `changes.atom`: the export's latest changes as an Atom 1.0 feed (RFC 4287), written beside the Parquet files so a
 * feed reader can follow an archive without running the app.
 *
 * One entry per change as `/changes` derives them (`changesQuery`, the same statement the app runs), newest first,
 * the latest `FEED_ENTRIES` of the whole history: a feed reader keeps what it has seen, and the full history is in
 * the export itself (and the /changes view's CSV).
 *
 * Stable ids: an entry's id is a name-based UUID (RFC 4122 version 5) of the source's name, the record, the version
 * and the kind of change — the same change gets the same id in every build of the same source, so a reader never
 * shows it twice, and a build at another time, on another machine, writes the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Manifest } from '../../src/lib/contract/schema';
import { CHANGE_LABELS, readChanges, type Change } from '../../src/lib/changes/feed';
import type { Db } from '../../src/lib/db/types';
import { changesQuery } from '../../src/lib/queries/changes';
import { NO_FILTER } from '../../src/lib/queries/version-filters';

export const FEED_FILE = 'changes.atom';
/** How many of the latest changes the feed holds. */
export const FEED_ENTRIES = 500;

/** A fixed namespace for Termscope's name-based UUIDs (itself a version 4 UUID, chosen once). */
const NAMESPACE = 'a4b9e3f2-6c1d-4e8a-9b7f-2d5c8e1f0a36';

/** RFC 4122 version 5 UUID (SHA-1, name-based) of `name` in `namespace`. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The id of one change: the same change of the same source always gets the same id. */
export function changeId(sourceName: string, change: Pick<Change, 'recordId' | 'version' | 'kind'>): string {
  return `urn:uuid:${uuidV5(['change', sourceName, change.recordId, String(change.version), change.kind].join('\u0000'))}`;
}

/** XML 1.0 cannot carry these characters at all (escaped or not): they are dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** `2024-03-01T00:00:00Z`: Atom dates are RFC 3339, UTC here (the export stores UTC). */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function severityText(key: string | null): string {
  return key === null ? 'none' : key;
}

/** One line saying what happened, e.g. "Severity raised (medium → high)". */
export function changeSummary(change: Change): string {
  const label = CHANGE_LABELS[change.kind];
  switch (change.kind) {
    case 'raised':
    case 'lowered':
    case 'rating_changed':
      return `${label} (${severityText(change.oldSeverity)} → ${severityText(change.newSeverity)})${change.textChanged ? ', text changed' : ''}`;
    case 'added':
      return `${label} (${severityText(change.newSeverity)})`;
    case 'removed':
      return `${label} (was ${severityText(change.oldSeverity)})`;
    default:
      return label;
  }
}

export interface FeedOptions {
  /** Where the app is published (`https://…`, no trailing slash needed): entries then link to the provision page. */
  siteUrl?: string;
  /** The app's `?export=` name for this export, kept in the links (absent: the app's default export). */
  exportName?: string;
}

/** The Atom document for `changes` (newest first) of the export described by `manifest`. */
export function atomFeed(manifest: Pick<Manifest, 'source' | 'generated_at'>, changes: readonly Change[], options: FeedOptions = {}): string {
  const { source } = manifest;
  const site = options.siteUrl?.replace(/\/+$/, '');
  const link = (recordId: string) => {
    if (site === undefined) return null;
    const url = new URL(`${site}/provisions/${encodeURIComponent(recordId)}`);
    if (options.exportName !== undefined) url.searchParams.set('export', options.exportName);
    return url.href;
  };
  // The newest change dates the feed; without changes, the export's own date.
  const updated = changes[0]?.changedAt ?? new Date(manifest.generated_at);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:uuid:${uuidV5(['feed', source.name].join('\u0000'))}</id>`,
    `  <title>${xmlText(`${source.name}: changes to provisions`)}</title>`,
    `  <subtitle>${xmlText(`The latest ${FEED_ENTRIES} changes (or fewer) to the classified provisions of ${source.name}, newest first.`)}</subtitle>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <author><name>${xmlText(source.attribution || source.name)}</name>${source.url ? `<uri>${xmlText(source.url)}</uri>` : ''}</author>`,
    `  <rights>${xmlText(`${source.licence}. ${source.attribution}`)}</rights>`,
    '  <generator>Termscope</generator>',
    ...(site !== undefined ? [`  <link rel="alternate" type="text/html" href="${xmlText(`${site}/changes`)}"/>`] : [])
  ];
  for (const c of changes) {
    const platform = c.platformName ?? c.platformId;
    const category = c.categoryName ?? c.categoryId;
    const href = link(c.recordId);
    const content = [
      changeSummary(c),
      `Platform: ${platform} (${c.platformId})`,
      `Category: ${category} (${c.categoryId})`,
      `Provision: ${c.title ?? '(untitled)'} (${c.recordId}), version ${c.version}`,
      `Day (UTC): ${c.day}`
    ].join('\n');
    lines.push(
      '  <entry>',
      `    <id>${changeId(source.name, c)}</id>`,
      `    <title>${xmlText(`${platform}: ${c.title ?? c.recordId} — ${changeSummary(c)}`)}</title>`,
      `    <updated>${rfc3339(c.changedAt)}</updated>`,
      `    <category term="${xmlText(c.categoryId)}" label="${xmlText(category)}"/>`,
      `    <category term="${c.kind}" scheme="urn:termscope:change-kind" label="${xmlText(CHANGE_LABELS[c.kind])}"/>`,
      ...(href !== null ? [`    <link rel="alternate" type="text/html" href="${xmlText(href)}"/>`] : []),
      `    <content type="text">${xmlText(content)}</content>`,
      '  </entry>'
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * The latest `FEED_ENTRIES` changes of the export in `db` (with its `provision_versions`), read with the app's own
 * statement over the whole history.
 */
export async function latestChanges(db: Db, limit = FEED_ENTRIES): Promise<Change[]> {
  const [range] = await db.query({
    sql: `SELECT CAST(min(valid_from) AS DATE)::VARCHAR AS first_day,
  CAST(greatest(max(valid_from), max(valid_to)) AS DATE)::VARCHAR AS last_day
FROM provision_versions`,
    params: []
  });
  const first = range?.first_day;
  const last = range?.last_day;
  if (typeof first !== 'string' || typeof last !== 'string') return [];
  return readChanges(await db.query(changesQuery({ filter: NO_FILTER, from: first, to: last, kinds: [] }, { limit, offset: 0 })));
}
