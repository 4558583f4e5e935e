/** The regulation cells as the matrix grid's data: rows by law then name in numeric order, only the columns used. */
import { describe, expect, it } from 'vitest';
import { regulationMatrix } from '../../src/lib/regulations/regulation-matrix';
import type { RegulationCell } from '../../src/lib/queries/regulations';

const cell = (name: string, law: string, column_id: string, provisions = 1): RegulationCell => ({ name, law, column_id, provisions, worst: 'high' });

describe('regulationMatrix', () => {
  it('orders rows by law then name with numbers in order, and keeps only the columns cited in', () => {
    const data = regulationMatrix(
      [cell('GDPR Art. 17', 'GDPR', 'b'), cell('CCPA §1798.100', 'CCPA', 'a'), cell('GDPR Art. 5', 'GDPR', 'a', 3), cell('GDPR Art. 5', 'GDPR', 'b'), cell('BIPA', 'BIPA', 'b')],
      [
        { column_id: 'a', name: 'Alpha', group_name: null, short_label: null },
        { column_id: 'unused', name: 'Unused', group_name: null, short_label: null },
        { column_id: 'b', name: 'Beta', group_name: 'G', short_label: 'B' }
      ]
    );
    expect(data.platforms.map((p) => p.platform_id)).toEqual(['BIPA', 'CCPA §1798.100', 'GDPR Art. 5', 'GDPR Art. 17']);
    expect(data.platforms[2]).toEqual({ platform_id: 'GDPR Art. 5', name: 'GDPR Art. 5', sector: 'GDPR', jurisdiction: null });
    expect(data.categories).toEqual([
      { category_id: 'a', name: 'Alpha', group_name: null, short_label: null },
      { category_id: 'b', name: 'Beta', group_name: 'G', short_label: 'B' }
    ]);
    expect(data.cells.get('GDPR Art. 5')?.get('a')).toEqual({ provisions: 3, worst: 'high' });
    expect(data.cells.get('GDPR Art. 17')?.has('a')).toBe(false);
  });
});
