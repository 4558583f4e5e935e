/**
 * Platform vs platform's whole state, in its URL: `/platforms/compare?ids=verbalyn,quillora&asOf=2024-06-30&show=differences`.
 *
 * `ids` is one comma-separated list, as the issue that asked for the view writes it: the order of the ids is the
 * order of the columns, so it is kept (unlike the sets of other views, which are sorted). Platform ids cannot hold a
 * comma (`ID_PATTERN`), so the list is unambiguous; repeated keys (`?ids=a&ids=b`, as a form sends them) are read too.
 */
import { assertIds, dayParam, enumParam, ID_PATTERN, ID_REASON, sameList, type Param } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';
import { MAX_COMPARED } from '$lib/queries/platform-compare';

/** An ordered list of distinct identifiers, at most `max`, written `a,b,c`. */
export function orderedIdsParam({ max }: { max: number }): Param<string[]> {
  return {
    default: [],
    multiple: true,
    read(raw) {
      const ignored: { raw: string; reason: string }[] = [];
      const ids: string[] = [];
      for (const part of raw.flatMap((r) => r.split(','))) {
        const id = part.trim();
        if (id === '') continue;
        if (!ID_PATTERN.test(id)) ignored.push({ raw: id, reason: ID_REASON });
        else if (ids.includes(id)) ignored.push({ raw: id, reason: 'already in the list' });
        else if (ids.length >= max) ignored.push({ raw: id, reason: `at most ${max} platforms are compared side by side` });
        else ids.push(id);
      }
      return { value: ids, ignored };
    },
    write(value) {
      if (value.length === 0) return [];
      assertIds(value);
      if (new Set(value).size !== value.length || value.length > max) throw new RangeError(`Not a list of at most ${max} distinct ids: ${value.join(', ')}`);
      return [value.join(',')];
    },
    equals: sameList
  };
}

export const SHOW = ['all', 'differences'] as const;
export type Show = (typeof SHOW)[number];

const specs = {
  /** The platforms, in column order. */
  ids: orderedIdsParam({ max: MAX_COMPARED }),
  /** Null = the export's latest state. */
  asOf: dayParam({ min: '1990-01-01' }),
  /** `differences`: only the categories where the platforms differ (a gap, or another worst severity). */
  show: enumParam(SHOW, 'all')
};

export const platformCompareParams = defineParams(specs);
export type PlatformCompareParams = ParamValues<typeof specs>;

/**
 * `URLSearchParams` writes the list's commas as `%2C`; they are legal in a query and read back the same, so the
 * links the page makes show them as the issue writes them: `?ids=a,b`.
 */
export function readableSearch(search: string): string {
  return search.replace(/(^|[?&])ids=([^&#]*)/, (_, lead: string, value: string) => `${lead}ids=${value.replaceAll('%2C', ',')}`);
}
