/**
 * What an Open Terms Archive commit message says about the version it records. The engine writes, for example:
 *
 *   Record new changes of Llama API Terms of Service
 *
 *   This version was recorded after extracting from and assembling the following snapshots from 4 source documents:
 *   - https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/54c413c5…
 *   - …
 *
 *   X-engine-version: 14.0.0
 *
 * or "… after extracting from snapshot https://…/commit/…" for a document with one source.
 */
import { URL_PATTERN } from '../../../src/lib/contract/schema';

export type RecordKind = 'first_record' | 'changes' | 'technical_upgrade' | 'other';

export interface CommitInfo {
  subject: string;
  kind: RecordKind;
  /** Every http(s) link in the message that the contract accepts as a URL, in message order (the snapshots). */
  links: string[];
  /** Links in the message the contract refuses (reported, never used). */
  badLinks: string[];
  /** The `X-engine-version` trailer, when there is one. */
  engineVersion: string | null;
}

/** The subjects the Open Terms Archive engine writes, by the kind of record they announce. */
const SUBJECTS: readonly [RegExp, RecordKind][] = [
  [/^First record of /, 'first_record'],
  [/^Record new changes of /, 'changes'],
  [/^Apply technical or declaration upgrade on /, 'technical_upgrade']
];

export function parseCommitMessage(message: string): CommitInfo {
  const subject = message.split('\n', 1)[0]!.trim();
  const kind = SUBJECTS.find(([pattern]) => pattern.test(subject))?.[1] ?? 'other';
  const links: string[] = [];
  const badLinks: string[] = [];
  for (const m of message.matchAll(/https?:\/\/[^\s<>()"'`]+/g)) {
    // A link that ends a sentence keeps no trailing punctuation.
    const link = m[0].replace(/[.,;:!?]+$/, '');
    (URL_PATTERN.regex.test(link) ? links : badLinks).push(link);
  }
  const engine = /^X-engine-version:\s*(\S+)\s*$/m.exec(message);
  return { subject, kind, links, badLinks, engineVersion: engine ? engine[1]! : null };
}

/**
 * The collection and its GitHub organisation, read from a snapshot link: by Open Terms Archive's convention the
 * snapshots of collection `c` live in `<owner>/c-snapshots` and its versions in `<owner>/c-versions`.
 */
export function collectionFromLink(link: string): { owner: string; collection: string } | null {
  const m = /^https:\/\/github\.com\/([^/]+)\/([^/]+)-snapshots\/commit\/[0-9a-f]+$/.exec(link);
  return m ? { owner: m[1]!, collection: m[2]! } : null;
}
