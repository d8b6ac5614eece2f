/** What a sortable column sorts by; missing values go last whichever the direction. */
export type SortValue = string | number | null | undefined;

/** The column a table is sorted by, and which way. */
export interface RowSort {
  key: string;
  descending: boolean;
}

/** A click on a column's heading: sorts by it ascending, then descending, then back to the list's own order. */
export function nextSort(current: RowSort | undefined, key: string): RowSort | undefined {
  if (current?.key !== key) return { key, descending: false };
  return current.descending ? undefined : { key, descending: true };
}

/**
 * The rows in the order asked, or as given without one. Text compares as the language reads it
 * (Vietnamese: accents after the plain letter, đ after d), numbers by value; the sort is stable.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  order: { value: (row: Row) => SortValue; descending: boolean } | undefined,
  language: string,
): readonly Row[] {
  if (!order) return rows;
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
  const direction = order.descending ? -1 : 1;
  const compare = (a: SortValue, b: SortValue): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    const ordered = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
    return ordered * direction;
  };
  return rows
    .map((row, index) => ({ row, index, value: order.value(row) }))
    .sort((a, b) => compare(a.value, b.value) || a.index - b.index)
    .map(({ row }) => row);
}

/** How many pages the rows fill; one at least, so an empty table still has its page. */
export function pageCount(rows: number, pageSize: number | undefined): number {
  return pageSize ? Math.max(1, Math.ceil(rows / pageSize)) : 1;
}

/** Rows per page of the office's long lists (150 sites: three pages). */
export const PAGE_SIZE = 50;
