/**
 * A ToS;DR source folder → the export builder's input (`<table>.jsonl` + `source.json`, docs/DATA.md). Services and
 * cases are read whole (they are small); points stream through one file at a time and their provisions go straight
 * to provisions.jsonl, so memory holds the platforms, the cases, one entry per document and the report's tallies,
 * never the points. Output order is fixed (platforms and documents by id, provisions in point-file order), so the
 * same input gives the same files.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { POLARITIES, SEVERITIES } from '../../../src/lib/contract/schema';
import { caseKey, readCases, type CaseRecord } from './cases';
import { DocumentRegistry, type DocumentRow } from './documents';
import { JsonlWriter } from '../jsonl-writer';
import type { Mappings } from './mappings';
import { chooseCategory, judgePoint, pointId, pointPlatforms, pointTexts, pointTopics, provisionRow, type ProvisionRow } from './points';
import { compareText, emptyReport, POINT_SKIP_REASONS, Tally, type ImportReport, type PointSkipReason } from './report';
import { readServices, type Platform, type ServiceIndex } from './services';
import { listJsonFiles, readRecord, readRecords, stem, textField } from './source-files';
import { categoryRow } from '../taxonomy';

/** The source as the manifest names it (licence and attribution as ToS;DR publishes its data). */
export const TOSDR_SOURCE = {
  name: 'ToS;DR',
  licence: 'CC-BY-SA-3.0',
  attribution: 'ToS;DR contributors, tosdr.org',
  url: 'https://tosdr.org'
} as const;

/** Where a service's page is at ToS;DR. */
export const SERVICE_URL = 'https://edit.tosdr.org/services/';

/** Topics are not needed to import (points name them), but a topic the mapping lacks is worth knowing about. */
async function checkTopics(srcDir: string, mappings: Mappings, report: ImportReport): Promise<void> {
  for await (const { file, record } of readRecords(srcDir, 'topics', false, report.topics)) {
    const id = textField(record.id) ?? stem(file);
    if (!mappings.topicCategory.has(id.toLowerCase())) report.topics.not_in_mapping.push(id);
  }
}

/** What the point loop counts, turned into the report's lists once every point has been seen. */
class PointTallies {
  readonly skipped = new Tally();
  readonly unknownCases = new Tally();
  readonly unknownServices = new Tally();
  readonly unknownTopics = new Tally();
  readonly unknownRatings = new Tally();
  readonly droppedSummaries = new Tally();
  readonly categories = new Tally();
  readonly severities = new Tally();
  readonly polarities = new Tally();
  readonly platformsUsed = new Set<string>();
  private readonly unmapped = new Map<string, ImportReport['points']['unmapped_cases'][number]>();
  private readonly firstFileOfId = new Map<string, string>();
  private readonly duplicateIds = new Map<string, string[]>();

  skip(reason: PointSkipReason): void {
    this.skipped.add(reason);
  }

  /** True when an earlier file had this point id (the later file is then skipped). */
  isDuplicate(id: string, file: string): boolean {
    const first = this.firstFileOfId.get(id);
    if (first === undefined) {
      this.firstFileOfId.set(id, file);
      return false;
    }
    const files = this.duplicateIds.get(id) ?? [`points/${first}`];
    files.push(`points/${file}`);
    this.duplicateIds.set(id, files);
    return true;
  }

  unmappedCase(caseRecord: CaseRecord, mappings: Mappings): void {
    const key = caseKey(caseRecord.name);
    const entry = this.unmapped.get(key) ?? {
      case: caseRecord.name,
      rating: caseRecord.rating,
      points: 0,
      in_mapping: mappings.caseCategory.has(key)
    };
    entry.points++;
    this.unmapped.set(key, entry);
  }

  provision(row: ProvisionRow, report: ImportReport): void {
    if (row.severity === null && row.source_rating !== null) this.unknownRatings.add(row.source_rating);
    this.platformsUsed.add(row.platform_id);
    this.categories.add(row.category_id);
    this.severities.add(row.severity ?? 'unrated');
    this.polarities.add(row.polarity ?? 'unrated');
    if (row.document_id === null) report.imported.provisions_without_document++;
    if (row.severity === null) report.imported.provisions_unrated++;
  }

  finish(report: ImportReport): void {
    const points = report.points;
    points.skipped = this.skipped.record(Object.keys(POINT_SKIP_REASONS)) as ImportReport['points']['skipped'];
    points.duplicate_ids = [...this.duplicateIds].map(([id, files]) => ({ id, files }));
    points.unknown_cases = this.unknownCases.list();
    points.unknown_services = this.unknownServices.list();
    points.unknown_topics = this.unknownTopics.list();
    points.unknown_ratings = this.unknownRatings.list();
    points.summaries_dropped = this.droppedSummaries.list();
    points.unmapped_cases = [...this.unmapped.values()].sort((a, b) => b.points - a.points || compareText(a.case, b.case));
    report.severity = this.severities.record([...SEVERITIES, 'unrated']);
    report.polarity = this.polarities.record([...POLARITIES, 'unrated']);
  }
}

interface PointContext {
  srcDir: string;
  mappings: Mappings;
  services: ServiceIndex;
  cases: ReadonlyMap<string, CaseRecord>;
  documents: DocumentRegistry;
  report: ImportReport;
  tallies: PointTallies;
}

/** Every point file, one at a time: approved and categorised points become provisions, the others are counted. */
async function importPoints(files: readonly string[], ctx: PointContext, out: JsonlWriter): Promise<void> {
  const { mappings, report, tallies } = ctx;
  for (const file of files) {
    report.points.files++;
    const read = readRecord(ctx.srcDir, 'points', file);
    if (!read.ok) {
      report.points.unreadable.push({ file: `points/${file}`, error: read.error });
      tallies.skip('unreadable');
      continue;
    }
    const point = read.record;
    const id = pointId(point, stem(file));
    if (tallies.isDuplicate(id, file)) {
      tallies.skip('duplicate_id');
      continue;
    }
    const verdict = judgePoint(point, ctx.cases);
    if (!verdict.approved) {
      if (verdict.reason === 'unknown_case') tallies.unknownCases.add(verdict.caseName!);
      tallies.skip(verdict.reason);
      continue;
    }
    report.points.approved++;
    const { caseRecord } = verdict;
    const topics = pointTopics(point);
    for (const topic of topics) if (!mappings.topicCategory.has(topic.toLowerCase())) tallies.unknownTopics.add(topic);

    const { platforms, unknown, skipped } = pointPlatforms(point, ctx.services);
    for (const ref of new Set(unknown)) tallies.unknownServices.add(ref);
    if (platforms.length === 0) {
      tallies.skip(unknown.length > 0 ? 'unknown_service' : skipped > 0 ? 'skipped_service' : 'no_service');
      continue;
    }
    const category = chooseCategory(mappings, caseRecord, topics);
    if (category.category === null) {
      tallies.unmappedCase(caseRecord, mappings);
      tallies.skip('no_category');
      continue;
    }

    report.points.imported++;
    report.points.category_source[category.from]++;
    if (platforms.length > 1) report.points.multi_platform++;
    const texts = pointTexts(point, caseRecord, mappings.boilerplateSummaries);
    if (texts.droppedSummary !== null) tallies.droppedSummaries.add(texts.droppedSummary);
    for (const field of ['title', 'summary', 'clause_text'] as const) if (texts.html[field]) report.points.html_converted[field]++;
    if (texts.clause === null) report.points.without_quote++;
    for (const platform of platforms) {
      const documentId = ctx.documents.documentFor(platform, point.quoteDoc);
      const row = provisionRow({ id, multi: platforms.length > 1, platform, documentId, category, caseRecord, topics, texts, mappings });
      await out.write(row);
      tallies.provision(row, report);
    }
  }
}

async function writeRows(path: string, rows: Iterable<object>): Promise<number> {
  const out = new JsonlWriter(path);
  try {
    for (const row of rows) await out.write(row);
  } finally {
    await out.close();
  }
  return out.rows;
}

/** Platform rows: ToS;DR's ids, slugs and grade as extra columns (kept in the export, docs/DATA.md). */
function platformRows(platforms: readonly Platform[]): object[] {
  return platforms.map((p) => ({
    platform_id: p.platform_id,
    name: p.name,
    website: p.website,
    source_ids: p.sourceIds.length > 0 ? p.sourceIds : null,
    source_slugs: p.sourceSlugs.length > 0 ? p.sourceSlugs : null,
    source_grade: p.grade,
    source_url: p.sourceIds.length > 0 ? `${SERVICE_URL}${p.sourceIds[0]}` : null
  }));
}

/** The categories the provisions use, in the taxonomy's order (see data/taxonomy/README.md). */
function categoryRows(mappings: Mappings, used: Tally, report: ImportReport): object[] {
  const rows = mappings.categories.filter((c) => used.get(c.id) > 0);
  report.categories_used = rows.map((c) => ({ category_id: c.id, provisions: used.get(c.id) }));
  return rows.map(categoryRow);
}

export async function transformTosdr(
  srcDir: string,
  builderDir: string,
  options: { dataAsOf: string; mappings: Mappings }
): Promise<ImportReport> {
  const { mappings } = options;
  const report = emptyReport({ ...TOSDR_SOURCE, data_as_of: options.dataAsOf });
  const services = await readServices(srcDir, mappings, report);
  const cases = await readCases(srcDir, report);
  await checkTopics(srcDir, mappings, report);
  const pointFiles = await listJsonFiles(srcDir, 'points', true);

  const documents = new DocumentRegistry();
  const tallies = new PointTallies();
  const provisions = new JsonlWriter(join(builderDir, 'provisions.jsonl'));
  try {
    await importPoints(pointFiles, { srcDir, mappings, services, cases, documents, report, tallies }, provisions);
  } finally {
    await provisions.close();
  }
  tallies.finish(report);

  const documentRows: DocumentRow[] = documents.rows(mappings.docTypes, report);
  report.imported.platforms = await writeRows(join(builderDir, 'platforms.jsonl'), platformRows(services.platforms));
  report.imported.documents = await writeRows(join(builderDir, 'documents.jsonl'), documentRows);
  report.imported.categories = await writeRows(join(builderDir, 'categories.jsonl'), categoryRows(mappings, tallies.categories, report));
  report.imported.provisions = provisions.rows;
  report.imported.platforms_without_provisions = services.platforms.filter((p) => !tallies.platformsUsed.has(p.platform_id)).length;
  await writeFile(join(builderDir, 'source.json'), `${JSON.stringify(TOSDR_SOURCE, null, 2)}\n`);
  return report;
}
