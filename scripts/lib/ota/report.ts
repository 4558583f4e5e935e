/**
 * What an Open Terms Archive import read, kept and skipped, with counts and reasons: printed at the end of the
 * import and written as `import-report.json` beside the export. It holds no wall-clock time and no path of this
 * machine, so the same repository gives the same report.
 */

export interface CountedReason {
  reason: string;
  count: number;
}

export interface ImportReport {
  source: {
    collection: string;
    /** The versions repository on GitHub, when the snapshot links name it (Open Terms Archive's naming convention). */
    versions_repository: string | null;
    head_commit: string;
    first_commit_at: string;
    last_commit_at: string;
    data_as_of: string;
  };
  commits: {
    total: number;
    /** By the subject the engine wrote: first_record, changes, technical_upgrade, other. */
    by_kind: Record<string, number>;
    /** Commits that record no version of a document (template set-up, README edits): subject and what they touched. */
    without_document_version: { commit: string; subject: string; documents_deleted: number; other_files: number }[];
  };
  /** Files of the repository that are not documents, each with the reason and how many commits touched it. */
  files_not_documents: { path: string; reason: string; commits: number }[];
  versions: {
    /** Versions of documents the commits record (one per document and commit that adds or modifies it). */
    read: number;
    /** Kept as snapshots. */
    snapshots: number;
    first_of_document: number;
    changed: number;
    /** Same text as the previous snapshot once normalised: snapshot kept with changed = false, no provision changes. */
    formatting_only: number;
    /** Not documents: skipped entirely (no snapshot, no provision change), by reason. */
    skipped: CountedReason[];
    /** A later version recorded at the same instant or earlier than the one before it: that one never took effect. */
    superseded_at_same_instant: number;
    /** Kept as snapshots, but their commit message names no snapshot: archive_url is null. */
    without_snapshot_link: number;
    /** Links in commit messages that are not http(s) URLs the contract accepts (never used). */
    refused_links: string[];
  };
  /** Paragraphs left out of versions as page furniture (cookie banners), by pattern. */
  page_furniture: Record<string, number>;
  platforms: number;
  documents: {
    total: number;
    in_repository_at_head: number;
    by_doc_type: Record<string, number>;
    /** Terms types data/rules/ota/terms-types.json does not list: they got its default doc_type. */
    terms_types_not_in_rules: string[];
    /** Documents deleted from the repository: their history is kept and their provisions end as removed. */
    removed: { document_id: string; removed_at: string }[];
  };
  categories: number;
  provisions: {
    total: number;
    active: number;
    removed: number;
    by_category: Record<string, number>;
    /** Per rule: the provisions it classifies now and the versions it classified. */
    by_rule: Record<string, { provisions: number; versions: number }>;
    /** Rules that matched no paragraph of any version. */
    rules_without_match: string[];
    /**
     * Paragraphs a rule picked that repeat an earlier paragraph of the same version (same category and comparison
     * key), summed over the snapshots: the repeat is the same provision, not another one.
     */
    repeated_paragraphs: number;
  };
  provision_versions: {
    total: number;
    by_change_kind: Record<string, number>;
    /** `added` versions of provisions that came back after being removed. */
    reinstated: number;
    /** Provisions that stopped being in force (removed from the text or with their document), counting returns. */
    removals: number;
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The report for people, in a few dozen lines; `limit` caps the lists (import-report.json has them all). */
export function formatImportReport(r: ImportReport, limit = 12): string {
  const lines: string[] = [];
  const add = (...parts: string[]) => lines.push(parts.join(''));
  const more = (n: number) => (n > limit ? [`      … and ${n - limit} more (import-report.json lists all)`] : []);
  const { source: s, versions: v, provisions: p, provision_versions: pv, documents: d } = r;
  add(`Open Terms Archive collection "${s.collection}" at ${s.head_commit.slice(0, 12)} `, `(${s.first_commit_at} → ${s.last_commit_at}; data as of ${s.data_as_of})`);
  add('Imported:');
  add(`  ${plural(r.platforms, 'platform')}, ${plural(d.total, 'document')} (${d.in_repository_at_head} in the repository at HEAD), `, plural(r.categories, 'category', 'categories'));
  add(`  ${plural(v.snapshots, 'snapshot')}: ${v.first_of_document} first versions, ${v.changed} changed, `, `${v.formatting_only} formatting-only (changed = false)`);
  add(`  ${plural(p.total, 'provision')} (${p.active} active, ${p.removed} removed)`);
  const kinds = Object.entries(pv.by_change_kind).map(([k, n]) => `${k} ${n}`).join(', ');
  add(`  ${plural(pv.total, 'provision version')}: ${kinds} (${pv.reinstated} of the added are returns); ${pv.removals} removals`);
  add('  provisions by rule (now / versions):');
  for (const [rule, n] of Object.entries(p.by_rule)) add(`    ${rule.padEnd(58)} ${String(n.provisions).padStart(5)} / ${n.versions}`);
  if (p.rules_without_match.length > 0) add(`  rules that matched nothing: ${p.rules_without_match.join(', ')}`);
  add(`  ${plural(p.repeated_paragraphs, 'paragraph')} repeating another of the same version (summed over snapshots) counted once`);
  add(`  doc types: ${Object.entries(d.by_doc_type).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (d.terms_types_not_in_rules.length > 0) {
    add(`  terms types not in terms-types.json (got the default doc type): ${d.terms_types_not_in_rules.join(', ')}`);
  }
  if (d.removed.length > 0) {
    add(`  ${plural(d.removed.length, 'document')} removed from the repository (history kept, provisions removed):`);
    for (const doc of d.removed.slice(0, limit)) add(`    ${doc.document_id} at ${doc.removed_at}`);
    lines.push(...more(d.removed.length));
  }
  add('Skipped or adjusted:');
  add(`  ${plural(v.read, 'version')} read; ${plural(v.read - v.snapshots, 'version')} skipped:`);
  for (const skipped of v.skipped) add(`    ${String(skipped.count).padStart(5)}  ${skipped.reason}`);
  add(`  ${v.formatting_only} formatting-only versions kept as snapshots but created no provision version`);
  add(`  ${v.superseded_at_same_instant} versions superseded by a later version recorded at the same instant `, '(snapshots kept; provisions read from the later one)');
  add(`  ${v.without_snapshot_link} snapshots whose commit names no snapshot link (archive_url left empty)`);
  if (v.refused_links.length > 0) add(`  links refused (not http(s) URLs with a host): ${v.refused_links.slice(0, limit).join(', ')}`);
  for (const [pattern, n] of Object.entries(r.page_furniture)) add(`  ${plural(n, 'paragraph')} left out as page furniture (${pattern})`);
  add(`  ${plural(r.files_not_documents.length, 'file')} that are not documents:`);
  for (const f of r.files_not_documents.slice(0, limit)) add(`    ${f.path} (${plural(f.commits, 'commit')}): ${f.reason}`);
  lines.push(...more(r.files_not_documents.length));
  add(`  ${plural(r.commits.without_document_version.length, 'commit')} of ${r.commits.total} record no document version:`);
  for (const c of r.commits.without_document_version.slice(0, limit)) {
    add(`    ${c.commit.slice(0, 12)} "${c.subject}" (${c.documents_deleted} documents deleted, ${c.other_files} other files)`);
  }
  lines.push(...more(r.commits.without_document_version.length));
  return lines.join('\n');
}
