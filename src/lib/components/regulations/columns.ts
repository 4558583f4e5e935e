/**
 * The platform and category columns of the regulation and agency tables: shown as links (the snippets the table
 * passes), sorted by name, downloaded as name and id.
 */
import type { Snippet } from 'svelte';
import type { TableColumn } from '$lib/components/table/columns';

export interface PlatformAndCategory {
  platform_id: string;
  platform_name: string;
  category_id: string;
  category_name: string;
}

export function platformAndCategoryColumns<R extends PlatformAndCategory>(platform: Snippet<[R]>, category: Snippet<[R]>): TableColumn<R>[] {
  const column = (key: 'platform' | 'category', label: string, cell: Snippet<[R]>): TableColumn<R> => {
    const name = (r: R) => (key === 'platform' ? r.platform_name : r.category_name);
    const id = (r: R) => (key === 'platform' ? r.platform_id : r.category_id);
    return {
      key,
      label,
      kind: 'text',
      value: name,
      cell,
      csv: [
        { label, value: name },
        { label: `${label} ID`, value: id }
      ]
    };
  };
  return [column('platform', 'Platform', platform), column('category', 'Category', category)];
}
