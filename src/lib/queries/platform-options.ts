/**
 * A platform as the filters and pickers list it — `{ platform_id, name, sector, jurisdiction }`, the columns of
 * `platformOptionsQuery` — read from a result row with the cell checks of `cells.ts`.
 */
import type { Row } from '../db/values';
import { nullableStringCell, stringCell } from './cells';

export interface PlatformOptionRow {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
}

export function readPlatformOption(what: string, row: Row): PlatformOptionRow {
  return {
    platform_id: stringCell(what, row, 'platform_id'),
    name: stringCell(what, row, 'name'),
    sector: nullableStringCell(what, row, 'sector'),
    jurisdiction: nullableStringCell(what, row, 'jurisdiction')
  };
}
