import { describe, expect, it } from 'vitest';
import { nextSort, pageCount, sortRows, type SortValue } from '../src/ui/tableRows';

interface Row {
  name: string;
  minutes: number | null;
}

const rows: Row[] = [
  { name: 'Huyện Ninh Sơn', minutes: 40 },
  { name: 'Đài truyền hình', minutes: null },
  { name: 'Huyện Bác Ái', minutes: 5 },
  { name: 'Dân tộc', minutes: 40 },
  { name: 'huyện Ninh Hải', minutes: 120 },
];
const byName = (row: Row): SortValue => row.name;
const byMinutes = (row: Row): SortValue => row.minutes;
const names = (sorted: readonly Row[]) => sorted.map((row) => row.name);

describe('sorting an office table by a column', () => {
  it('keeps the list as given until a column is chosen', () => {
    expect(sortRows(rows, undefined, 'vi')).toBe(rows);
  });

  it('reads Vietnamese as Vietnamese: đ after d, case and accents aside', () => {
    expect(names(sortRows(rows, { value: byName, descending: false }, 'vi'))).toEqual([
      'Dân tộc',
      'Đài truyền hình',
      'Huyện Bác Ái',
      'huyện Ninh Hải',
      'Huyện Ninh Sơn',
    ]);
  });

  it("orders numbers by value, keeps equal rows in the list's order, and puts missing values last either way", () => {
    expect(names(sortRows(rows, { value: byMinutes, descending: false }, 'vi'))).toEqual([
      'Huyện Bác Ái',
      'Huyện Ninh Sơn',
      'Dân tộc',
      'huyện Ninh Hải',
      'Đài truyền hình',
    ]);
    expect(names(sortRows(rows, { value: byMinutes, descending: true }, 'vi'))).toEqual([
      'huyện Ninh Hải',
      'Huyện Ninh Sơn',
      'Dân tộc',
      'Huyện Bác Ái',
      'Đài truyền hình',
    ]);
  });

  it('does not reorder the rows it was given', () => {
    const before = [...rows];
    sortRows(rows, { value: byName, descending: true }, 'vi');
    expect(rows).toEqual(before);
  });

  it("cycles a heading through ascending, descending and the list's own order", () => {
    const ascending = nextSort(undefined, 'name');
    expect(ascending).toEqual({ key: 'name', descending: false });
    const descending = nextSort(ascending, 'name');
    expect(descending).toEqual({ key: 'name', descending: true });
    expect(nextSort(descending, 'name')).toBeUndefined();
    expect(nextSort(descending, 'minutes')).toEqual({ key: 'minutes', descending: false });
  });
});

describe('paging an office table', () => {
  it('counts whole pages, and one page for an empty or unpaged table', () => {
    expect(pageCount(150, 50)).toBe(3);
    expect(pageCount(151, 50)).toBe(4);
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(500, undefined)).toBe(1);
  });
});
