/**
 * Which files of an Open Terms Archive versions repository are documents. The engine writes one file per service
 * and terms type, `<service>/<terms type>.md`; everything else (README.md, LICENSE, .github/…) is not a document
 * and is reported as such, with the reason.
 */
import { createHash } from 'node:crypto';

export type PathKind = { document: true; service: string; termsType: string } | { document: false; reason: string };

/** Git modes of regular files; symbolic links (120000) and submodules (160000) are not documents. */
const REGULAR_FILE = new Set(['100644', '100755']);

export const NOT_A_DOCUMENT = {
  topLevel: 'a file at the top of the repository (README, LICENSE, …), not <service>/<terms type>.md',
  hidden: 'in a hidden folder or a hidden file (.github, …)',
  nested: 'more than one folder deep; documents are <service>/<terms type>.md',
  notMarkdown: 'not a Markdown (.md) file',
  notRegular: 'not a regular file (a symbolic link or a submodule)'
} as const;

/** Classifies a path of the repository; `mode` is git's file mode (null when the file was deleted). */
export function classifyPath(path: string, mode: string | null): PathKind {
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('.'))) return { document: false, reason: NOT_A_DOCUMENT.hidden };
  if (parts.length === 1) return { document: false, reason: NOT_A_DOCUMENT.topLevel };
  if (parts.length > 2) return { document: false, reason: NOT_A_DOCUMENT.nested };
  if (!parts[1]!.endsWith('.md') || parts[1] === '.md') return { document: false, reason: NOT_A_DOCUMENT.notMarkdown };
  if (mode !== null && !REGULAR_FILE.has(mode)) return { document: false, reason: NOT_A_DOCUMENT.notRegular };
  return { document: true, service: parts[0]!, termsType: parts[1]!.slice(0, -'.md'.length) };
}

/** "Claude.ai" → "claude-ai", "Le Chat" → "le-chat"; a name with no Latin letters or digits gets a short hash. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s !== '' ? s : `x-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * Hands out slugs that stay unique: the first name to claim a slug keeps it, a later different name that would
 * give the same slug gets "-2", "-3", … (in history order, so the same repository always gives the same ids).
 */
export class SlugRegistry {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  get(name: string): string {
    const known = this.byName.get(name);
    if (known) return known;
    const base = slug(name);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.byName.set(name, id);
    this.taken.add(id);
    return id;
  }
}
