/** The change feed's rules (`src/lib/queries/changes.ts`) written again in plain TypeScript, record by record. */
import { severityKey } from '../../src/lib/queries/severity';
import type { ChangeKind, ChangeSpec } from '../../src/lib/queries/changes';
import { matches, type RefPlatform, type RefVersion } from './time-reference';

export interface RefChange {
  changed_at: Date;
  kind: ChangeKind;
  record_id: string;
  version: number;
  platform_id: string;
  category_id: string;
  old_severity: string | null;
  new_severity: string | null;
  text_changed: boolean | null;
  recorded_change_kind: string | null;
}

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function textDiffers(prev: RefVersion, next: RefVersion): boolean {
  if (prev.clause_sha256 !== null && next.clause_sha256 !== null) return prev.clause_sha256 !== next.clause_sha256;
  if (prev.clause_text !== null && next.clause_text !== null) return prev.clause_text !== next.clause_text;
  return next.change_kind === 'text_changed';
}

function changeOf(prev: RefVersion, next: RefVersion): ChangeKind {
  const [a, b] = [prev.severity, next.severity];
  if (a !== null && b !== null && RANK[b]! > RANK[a]!) return 'raised';
  if (a !== null && b !== null && RANK[b]! < RANK[a]!) return 'lowered';
  if (a !== b) return 'rating_changed';
  return textDiffers(prev, next) ? 'text_changed' : 'other';
}

/** Every change of every record, before range and filters. */
export function allChanges(versions: readonly RefVersion[]): RefChange[] {
  const byRecord = new Map<string, RefVersion[]>();
  for (const v of versions) {
    if (!v.valid_from) continue;
    byRecord.set(v.record_id, [...(byRecord.get(v.record_id) ?? []), v]);
  }
  const out: RefChange[] = [];
  for (const list of byRecord.values()) {
    list.sort((x, y) => x.version - y.version);
    list.forEach((v, i) => {
      const prev = list[i - 1];
      const next = list[i + 1];
      const base = { record_id: v.record_id, version: v.version, platform_id: v.platform_id, category_id: v.category_id };
      const isMarker = v.change_kind === 'removed';
      const prevIsReal = prev !== undefined && prev.change_kind !== 'removed';
      const prevInForce = prevIsReal && (prev.valid_to === null || prev.valid_to.getTime() >= v.valid_from!.getTime());
      if (isMarker) {
        if (prevInForce) {
          out.push({ ...base, changed_at: v.valid_from!, kind: 'removed', old_severity: severityKey(prev.severity), new_severity: null, text_changed: null, recorded_change_kind: 'removed' });
        }
        return;
      }
      if (prevInForce) {
        out.push({ ...base, changed_at: v.valid_from!, kind: changeOf(prev, v), old_severity: severityKey(prev.severity), new_severity: severityKey(v.severity), text_changed: textDiffers(prev, v), recorded_change_kind: v.change_kind });
      } else {
        out.push({ ...base, changed_at: v.valid_from!, kind: 'added', old_severity: null, new_severity: severityKey(v.severity), text_changed: null, recorded_change_kind: v.change_kind });
      }
      if (v.valid_to !== null && (next === undefined || next.valid_from!.getTime() > v.valid_to.getTime())) {
        out.push({ ...base, changed_at: v.valid_to, kind: 'removed', old_severity: severityKey(v.severity), new_severity: null, text_changed: null, recorded_change_kind: null });
      }
    });
  }
  return out;
}

/** The feed for a spec, newest first, as the SQL orders it (names from `platforms` and `categories`). */
export function expectedChanges(
  versions: readonly RefVersion[],
  platforms: readonly RefPlatform[],
  categoryNames: ReadonlyMap<string, string>,
  spec: ChangeSpec,
  { withKinds = true } = {}
): (RefChange & { platform_name: string; category_name: string })[] {
  const start = Date.parse(`${spec.from}T00:00:00Z`);
  const end = Date.parse(`${spec.to}T00:00:00Z`) + 86_400_000;
  const sev = spec.filter.severities;
  const chosen = versions.filter((v) => matches(v, spec.filter, platforms, false));
  return allChanges(chosen)
    .filter((c) => c.changed_at.getTime() >= start && c.changed_at.getTime() < end)
    .filter((c) => sev.length === 0 || sev.includes(c.old_severity as never) || sev.includes(c.new_severity as never))
    .filter((c) => !withKinds || spec.kinds.length === 0 || spec.kinds.includes(c.kind) || (spec.kinds.includes('text_changed') && c.text_changed === true))
    .map((c) => ({
      ...c,
      platform_name: platforms.find((p) => p.platform_id === c.platform_id)?.name ?? '',
      category_name: categoryNames.get(c.category_id) ?? ''
    }))
    .sort(
      (a, b) =>
        b.changed_at.getTime() - a.changed_at.getTime() ||
        cmp(a.platform_name, b.platform_name) ||
        cmp(a.platform_id, b.platform_id) ||
        cmp(a.category_name, b.category_name) ||
        cmp(a.record_id, b.record_id) ||
        b.version - a.version ||
        cmp(a.kind, b.kind)
    );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
