/**
 * docs/BENCHMARKS.md is written by several scripts, each owning one section between its own markers
 * (`<!-- name:start -->` … `<!-- name:end -->`), so one benchmark can run alone without losing the others' numbers.
 */
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
