/**
 * ToS;DR services → Termscope platforms. The published folder holds most services twice — `facebook.json` and
 * `182.json` — and sometimes two ids for one slug or two slugs for one id. Files that share an id or a slug (the file
 * name counts as one or the other) are one platform: a union-find over ids and slugs groups them. Services are few
 * (~1,500 in the full dump), so they are all held in memory; points then resolve their service names through
 * `ServiceIndex.resolve`.
 */
import { compareText, type ImportReport } from './report';
import { cleanServiceName, type NameRules } from './service-names';
import { readRecords, stem, textField, textList, type JsonRecord } from './source-files';
import { cleanWebsite } from './websites';

interface ServiceFile {
  file: string;
  stem: string;
  id: string | null;
  slug: string | null;
  record: JsonRecord;
}

export interface Platform {
  platform_id: string;
  name: string;
  website: string | null;
  /** ToS;DR's numeric ids and slugs of the merged files. */
  sourceIds: string[];
  sourceSlugs: string[];
  /** ToS;DR's class (A–E), when rated. */
  grade: string | null;
  /** Named document links of the service files (tosback2, fulltos): name → URL as written, first file first. */
  documentLinks: { name: string; url: string }[];
}

export type ServiceRef = { ok: true; platform: Platform } | { ok: false; skipped: boolean };

export class ServiceIndex {
  constructor(
    readonly platforms: Platform[],
    private readonly byNode: Map<string, Platform | 'skipped'>
  ) {}

  /** The platform a point's service name (a slug or a numeric id) refers to. */
  resolve(ref: string): ServiceRef {
    const value = ref.trim();
    const nodes = /^\d+$/.test(value) ? [`i:${value}`, `s:${value}`] : [`s:${value.toLowerCase()}`];
    for (const node of nodes) {
      const hit = this.byNode.get(node);
      if (hit === 'skipped') return { ok: false, skipped: true };
      if (hit) return { ok: true, platform: hit };
    }
    return { ok: false, skipped: false };
  }
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    if (!this.parent.has(x)) this.parent.set(x, x);
    // Path compression keeps later finds short.
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function nodesOf(s: ServiceFile): string[] {
  const nodes: string[] = [];
  if (s.id !== null) nodes.push(`i:${s.id}`);
  if (s.slug !== null) nodes.push(`s:${s.slug.toLowerCase()}`);
  nodes.push(/^\d+$/.test(s.stem) ? `i:${s.stem}` : `s:${s.stem.toLowerCase()}`);
  return nodes;
}

/** A platform id from a slug: lower case, runs of other characters as one "-". */
function slugId(slug: string): string {
  return slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A file named after its own slug is the service's main file; numeric-id files are copies. */
function isSlugFile(s: ServiceFile): boolean {
  return s.slug !== null && s.stem.toLowerCase() === s.slug.toLowerCase() && !/^\d+$/.test(s.stem);
}

function numericOrder(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b);
  return na !== nb ? (na ? -1 : 1) : compareText(a, b);
}

function documentLinks(record: JsonRecord): { name: string; url: string }[] {
  const links: { name: string; url: string }[] = [];
  for (const field of ['tosback2', 'fulltos']) {
    const value = record[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const url = textField((entry as JsonRecord).url);
      if (url === null) continue;
      for (const name of new Set([key, textField((entry as JsonRecord).name) ?? key])) links.push({ name, url });
    }
  }
  return links;
}

/** Website candidates of a service file: its `url` (ToS;DR sometimes lists several, comma-separated), then `urls`. */
function websiteCandidates(record: JsonRecord): string[] {
  const url = typeof record.url === 'string' ? record.url.split(',') : [];
  return [...url, ...textList(record.urls)].map((v) => v.trim()).filter((v) => v !== '');
}

/** Reads every service file, merges the files of one service, cleans names and websites. */
export async function readServices(srcDir: string, rules: NameRules, report: ImportReport): Promise<ServiceIndex> {
  const files: ServiceFile[] = [];
  for await (const { file, record } of readRecords(srcDir, 'services', true, report.services)) {
    files.push({ file, stem: stem(file), id: textField(record.id), slug: textField(record.slug), record });
  }

  const uf = new UnionFind();
  for (const s of files) {
    const [first, ...rest] = nodesOf(s);
    uf.find(first!);
    for (const node of rest) uf.union(first!, node);
  }
  const groups = new Map<string, ServiceFile[]>();
  for (const s of files) {
    const root = uf.find(nodesOf(s)[0]!);
    const group = groups.get(root);
    if (group) group.push(s);
    else groups.set(root, [s]);
  }

  const byNode = new Map<string, Platform | 'skipped'>();
  const taken = new Map<string, string[]>();
  const platforms: Platform[] = [];
  for (const group of groups.values()) {
    // Slug-named files first: they are the services' main records; the rest in reading order.
    const ordered = [...group.filter(isSlugFile), ...group.filter((s) => !isSlugFile(s))];
    const fileNames = group.map((s) => `services/${s.file}`);
    const ids = [...new Set(group.flatMap((s) => (s.id !== null ? [s.id] : /^\d+$/.test(s.stem) ? [s.stem] : [])))].sort(numericOrder);
    const slugs = [...new Set(group.flatMap((s) => (s.slug !== null ? [s.slug] : [])))].sort(compareText);

    let chosen: { name: string; raw: string | null; file: string } | null = null;
    let firstFailure: { raw: string | null; reason: string } | null = null;
    const otherNames: { name: string; file: string }[] = [];
    for (const s of ordered) {
      const raw = typeof s.record.name === 'string' ? s.record.name : null;
      const result = cleanServiceName(raw, rules);
      if (!result.ok) {
        firstFailure ??= { raw, reason: result.reason };
        continue;
      }
      if (chosen === null) chosen = { name: result.name, raw, file: s.file };
      else if (result.name !== chosen.name) otherNames.push({ name: result.name, file: `services/${s.file}` });
    }
    const nodes = group.flatMap(nodesOf);
    if (chosen === null) {
      report.services.skipped.push({ files: fileNames, name: firstFailure?.raw ?? null, reason: firstFailure?.reason ?? 'no name' });
      for (const node of nodes) byNode.set(node, 'skipped');
      continue;
    }

    const main = ordered.find(isSlugFile)?.slug ?? slugs.map(slugId).filter((s) => s !== '').sort(compareText)[0];
    let platformId = main !== undefined && slugId(main) !== '' ? slugId(main) : `service-${ids[0] ?? slugId(group[0]!.stem)}`;
    if (taken.has(platformId)) {
      report.services.id_collisions.push({ platform_id: platformId, files: [...taken.get(platformId)!, ...fileNames] });
      let n = 2;
      while (taken.has(`${platformId}-${n}`)) n++;
      platformId = `${platformId}-${n}`;
    }
    taken.set(platformId, fileNames);

    if (group.length > 1) report.services.merged.push({ platform_id: platformId, files: fileNames, ids, slugs });
    if (chosen.raw !== chosen.name) {
      report.services.names_cleaned.push({ platform_id: platformId, from: chosen.raw ?? '', to: chosen.name });
    }
    for (const other of otherNames) report.services.names_ignored.push({ platform_id: platformId, ...other });

    let website: string | null = null;
    const junkSeen = new Set<string>();
    for (const candidate of ordered.flatMap((s) => websiteCandidates(s.record))) {
      const result = cleanWebsite(candidate);
      if (result.ok) {
        website ??= result.url;
      } else if (!junkSeen.has(candidate)) {
        junkSeen.add(candidate);
        report.services.junk_websites.push({ platform_id: platformId, value: candidate, reason: result.reason });
      }
    }
    if (website === null) report.services.platforms_without_website++;

    // ToS;DR's class, A (best) to E; `false` when not rated.
    const grade = ordered
      .map((s) => (s.record.tosdr as JsonRecord | undefined)?.rated)
      .find((r) => typeof r === 'string' && /^[A-E]$/.test(r));
    const platform: Platform = {
      platform_id: platformId,
      name: chosen.name,
      website,
      sourceIds: ids,
      sourceSlugs: slugs,
      grade: typeof grade === 'string' ? grade : null,
      documentLinks: ordered.flatMap((s) => documentLinks(s.record))
    };
    platforms.push(platform);
    for (const node of nodes) byNode.set(node, platform);
  }
  platforms.sort((a, b) => compareText(a.platform_id, b.platform_id));
  report.services.merged.sort((a, b) => compareText(a.platform_id, b.platform_id));
  return new ServiceIndex(platforms, byNode);
}
