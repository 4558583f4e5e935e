/**
 * A ToS;DR source folder → the export builder's input (`<table>.jsonl` + `source.json`, docs/DATA.md). Services and
 * cases are read whole (they are small); points stream through one file at a time and their provisions go straight
 * to provisions.jsonl, so memory holds the platforms, the cases, one entry per document and the report's tallies,
 * never the points. Output order is fixed (platforms and documents by id, provisions in point-file order), so the
 * same input gives the same files.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOC_TYPES, POLARITIES, SEVERITIES } from '../../../src/lib/contract/schema';
import { caseKey, readCases } from './cases';
import { DocumentRegistry } from './documents';
import { JsonlWriter } from './jsonl-writer';
import type { Mappings } from './mappings';
import { chooseCategory, judgePoint, pointId, pointPlatforms, pointTexts, pointTopics, provisionRow } from './points';
import { emptyReport, Tally, type ImportReport, type PointSkipReason, POINT_SKIP_REASONS } from './report';
import { readServices } from './services';
import { listJsonFiles, readRecord, stem, textField } from './source-files';

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
  for (const file of await listJsonFiles(srcDir, 'topics', false)) {
    report.topics.files++;
    const read = readRecord(srcDir, 'topics', file);
    if (!read.ok) {
      report.topics.unreadable.push({ file: `topics/${file}`, error: read.error });
      continue;
    }
    const id = textField(read.record.id) ?? stem(file);
    if (!mappings.topicCategory.has(id.toLowerCase())) report.topics.not_in_mapping.push(id);
  }
}

export async function transformTosdr(srcDir: string, builderDir: string, options: { dataAsOf: string; mappings: Mappings }): Promise<ImportReport> {
  const { mappings } = options;
  const report = emptyReport({ ...TOSDR_SOURCE, data_as_of: options.dataAsOf });
  const services = await readServices(srcDir, mappings, report);
  const cases = await readCases(srcDir, report);
  await checkTopics(srcDir, mappings, report);
  const pointFiles = await listJsonFiles(srcDir, 'points', true);

  const documents = new DocumentRegistry();
  const provisions = new JsonlWriter(join(builderDir, 'provisions.jsonl'));
  const skipped = new Tally();
  const unknownCases = new Tally();
  const unknownServices = new Tally();
  const unknownTopics = new Tally();
  const unknownRatings = new Tally();
  const droppedSummaries = new Tally();
  const unmapped = new Map<string, { case: string; rating: string | null; points: number; in_mapping: boolean }>();
  const categories = new Tally();
  const severities = new Tally();
  const polarities = new Tally();
  const platformsUsed = new Set<string>();
  const firstFileOfId = new Map<string, string>();
  const duplicateIds = new Map<string, string[]>();
  const skip = (reason: PointSkipReason) => skipped.add(reason);

  try {
    for (const file of pointFiles) {
      report.points.files++;
      const read = readRecord(srcDir, 'points', file);
      if (!read.ok) {
        report.points.unreadable.push({ file: `points/${file}`, error: read.error });
        skip('unreadable');
        continue;
      }
      const point = read.record;
      const id = pointId(point, stem(file));
      const first = firstFileOfId.get(id);
      if (first !== undefined) {
        const files = duplicateIds.get(id) ?? [`points/${first}`];
        files.push(`points/${file}`);
        duplicateIds.set(id, files);
        skip('duplicate_id');
        continue;
      }
      firstFileOfId.set(id, file);

      const verdict = judgePoint(point, cases);
      if (!verdict.approved) {
        if (verdict.reason === 'unknown_case') unknownCases.add(verdict.caseName!);
        skip(verdict.reason);
        continue;
      }
      report.points.approved++;
      const { caseRecord } = verdict;
      const topics = pointTopics(point);
      for (const topic of topics) if (!mappings.topicCategory.has(topic.toLowerCase())) unknownTopics.add(topic);

      const { platforms, unknown, skipped: toSkippedServices } = pointPlatforms(point, services);
      for (const ref of new Set(unknown)) unknownServices.add(ref);
      if (platforms.length === 0) {
        skip(unknown.length > 0 ? 'unknown_service' : toSkippedServices > 0 ? 'skipped_service' : 'no_service');
        continue;
      }
      const category = chooseCategory(mappings, caseRecord, topics);
      if (category.category === null) {
        const key = caseKey(caseRecord.name);
        const entry = unmapped.get(key) ?? { case: caseRecord.name, rating: caseRecord.rating, points: 0, in_mapping: mappings.caseCategory.has(key) };
        entry.points++;
        unmapped.set(key, entry);
        skip('no_category');
        continue;
      }

      report.points.imported++;
      report.points.category_source[category.from]++;
      if (platforms.length > 1) report.points.multi_platform++;
      const texts = pointTexts(point, caseRecord, mappings.boilerplateSummaries);
      if (texts.droppedSummary !== null) droppedSummaries.add(texts.droppedSummary);
      for (const field of ['title', 'summary', 'clause_text'] as const) if (texts.html[field]) report.points.html_converted[field]++;
      if (texts.clause === null) report.points.without_quote++;
      for (const platform of platforms) {
        const row = provisionRow({
          id,
          multi: platforms.length > 1,
          platform,
          documentId: documents.documentFor(platform, point.quoteDoc),
          category: category as typeof category & { category: string },
          caseRecord,
          topics,
          texts,
          mappings
        });
        if (row.severity === null && caseRecord.rating !== null) unknownRatings.add(caseRecord.rating);
        await provisions.write(row);
        platformsUsed.add(platform.platform_id);
        categories.add(row.category_id);
        severities.add(row.severity ?? 'unrated');
        polarities.add(row.polarity ?? 'unrated');
        if (row.document_id === null) report.imported.provisions_without_document++;
        if (row.severity === null) report.imported.provisions_unrated++;
      }
    }
  } finally {
    await provisions.close();
  }

  const platforms = new JsonlWriter(join(builderDir, 'platforms.jsonl'));
  for (const p of services.platforms) {
    await platforms.write({
      platform_id: p.platform_id,
      name: p.name,
      website: p.website,
      source_ids: p.sourceIds.length > 0 ? p.sourceIds : null,
      source_slugs: p.sourceSlugs.length > 0 ? p.sourceSlugs : null,
      source_grade: p.grade,
      source_url: p.sourceIds.length > 0 ? `${SERVICE_URL}${p.sourceIds[0]}` : null
    });
  }
  await platforms.close();

  const documentRows = documents.rows(mappings.docTypes, report);
  const documentsFile = new JsonlWriter(join(builderDir, 'documents.jsonl'));
  for (const row of documentRows) await documentsFile.write(row);
  await documentsFile.close();

  // The categories the provisions use, in the taxonomy's order (see data/taxonomy/README.md).
  const categoriesFile = new JsonlWriter(join(builderDir, 'categories.jsonl'));
  for (const c of mappings.categories) {
    if (categories.get(c.id) === 0) continue;
    await categoriesFile.write({
      category_id: c.id,
      name: c.name,
      group_name: c.group,
      description: c.description,
      short_label: c.short_label,
      question: c.question
    });
    report.categories_used.push({ category_id: c.id, provisions: categories.get(c.id) });
  }
  await categoriesFile.close();
  await writeFile(join(builderDir, 'source.json'), `${JSON.stringify(TOSDR_SOURCE, null, 2)}\n`);

  report.imported.platforms = services.platforms.length;
  report.imported.platforms_without_provisions = services.platforms.filter((p) => !platformsUsed.has(p.platform_id)).length;
  report.imported.documents = documentRows.length;
  report.imported.categories = report.categories_used.length;
  report.imported.provisions = provisions.rows;
  report.points.skipped = skipped.record(Object.keys(POINT_SKIP_REASONS)) as ImportReport['points']['skipped'];
  report.points.duplicate_ids = [...duplicateIds].map(([id, files]) => ({ id, files }));
  report.points.unknown_cases = unknownCases.list();
  report.points.unknown_services = unknownServices.list();
  report.points.unknown_topics = unknownTopics.list();
  report.points.unknown_ratings = unknownRatings.list();
  report.points.summaries_dropped = droppedSummaries.list();
  report.points.unmapped_cases = [...unmapped.values()].sort((a, b) => b.points - a.points || (a.case < b.case ? -1 : a.case > b.case ? 1 : 0));
  report.severity = severities.record([...SEVERITIES, 'unrated']);
  report.polarity = polarities.record([...POLARITIES, 'unrated']);
  report.documents.by_doc_type = Object.fromEntries(DOC_TYPES.filter((t) => t in report.documents.by_doc_type).map((t) => [t, report.documents.by_doc_type[t]!]));
  return report;
}
