/**
 * docs/BENCHMARKS.md is written by several scripts, each owning one section between its own markers
 * (`<!-- name:start -->` … `<!-- name:end -->`), so one benchmark can run alone without losing the others' numbers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../start';

export interface SectionMarkers {
  start: string;
  end: string;
}

export function sectionMarkers(name: string): SectionMarkers {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** `markdown` with the section between `markers` replaced by `section` (which carries the markers), or appended. */
export function withSection(markdown: string, markers: SectionMarkers, section: string): string {
  const start = markdown.indexOf(markers.start);
  const end = markdown.indexOf(markers.end);
  if (start !== -1 && end > start) return `${markdown.slice(0, start)}${section}${markdown.slice(end + markers.end.length)}`;
  return `${markdown.replace(/\s*$/, '')}\n\n${section}\n`;
}

/**
 * Prints a benchmark's section and, unless `write` is false (`--no-write`), puts it in docs/BENCHMARKS.md (a new file
 * when there is none yet); `what` names the section in the message ("the timeline section").
 */
export async function reportSection(section: string, markers: SectionMarkers, what: string, write: boolean): Promise<void> {
  console.log(`\n${section}`);
  if (!write) return;
  const path = join(ROOT, 'docs', 'BENCHMARKS.md');
  const current = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
  await writeFile(path, withSection(current, markers, section));
  console.log(`\nWrote ${what} of ${path}`);
}
