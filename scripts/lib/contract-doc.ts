/**
 * The contract section of docs/DATA.md, rendered from schema.ts so the documentation cannot drift from the code
 * (`tsx scripts/contract-doc.ts --write` updates it; a test fails when it is stale).
 */
import { TABLES, type ColumnSpec, type TableSpec } from '../../src/lib/contract/schema';

export const START = '<!-- contract:start (generated from src/lib/contract/schema.ts by scripts/contract-doc.ts; do not edit) -->';
export const END = '<!-- contract:end -->';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function rule(c: ColumnSpec): string {
  const parts: string[] = [];
  if (c.enum) parts.push(`one of ${c.enum.map((v) => `\`${v}\``).join(', ')}`);
  if (c.pattern) parts.push(c.pattern.description);
  if (c.references) parts.push(`→ \`${c.references.table}.${c.references.column}\``);
  return parts.join('; ');
}

function table(spec: TableSpec): string {
  const lines = [
    `### \`${spec.name}\`${spec.derived ? ' (optional; computed by the export writer, not an input)' : spec.optional ? ' (optional)' : ''}`,
    '',
    `${spec.description} Key: ${spec.key.map((k) => `\`${k}\``).join(' + ')}. Our tools write it as \`${spec.name}.parquet\`.`,
    '',
    '| column | type | required | values / refers to | meaning |',
    '|---|---|---|---|---|',
    ...spec.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${c.required ? 'yes' : ''} | ${cell(rule(c))} | ${c.addedIn !== undefined ? `*v${c.addedIn}* ` : ''}${cell(c.description)} |`)
  ];
  return lines.join('\n');
}

export function renderContract(): string {
  const fks = TABLES.flatMap((t) =>
    t.columns.filter((c) => c.references).map((c) => `- \`${t.name}.${c.name}\` → \`${c.references!.table}.${c.references!.column}\``)
  );
  return [
    START,
    '',
    ...TABLES.map(table).flatMap((t) => [t, '']),
    '### Keys and foreign keys',
    '',
    ...TABLES.map((t) => `- \`${t.name}\`: ${t.key.map((k) => `\`${k}\``).join(' + ')} unique and non-null`),
    ...fks,
    '',
    END
  ].join('\n');
}

/** `doc` with its contract section replaced by the current rendering. */
export function updateDoc(doc: string): string {
  const start = doc.indexOf(START.slice(0, 24));
  const end = doc.indexOf(END);
  if (start === -1 || end === -1) throw new Error('docs/DATA.md has no contract section markers');
  return doc.slice(0, start) + renderContract() + doc.slice(end + END.length);
}
