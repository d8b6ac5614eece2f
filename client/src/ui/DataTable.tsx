import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SortHeading } from './SortHeading';
import { nextSort, pageCount, sortRows, type RowSort, type SortValue } from './tableRows';

export interface Column<Row> {
  /** Names the column: its React key and what the sorting refers to. */
  key: string;
  /** The translated heading; read aloud only, not shown, when `hiddenHeader` (an actions column). */
  header: string;
  hiddenHeader?: boolean;
  /** What a row shows in this column; screens whose rows have their own state render rows whole (`renderRow`). */
  cell?: (row: Row) => ReactNode;
  /** A cell class (`nowrap`, `muted`, `number`), also on the heading. */
  className?: string;
  /** The data-testid of its cells. */
  cellTestId?: string;
  /** The column heads its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Makes the column sortable by this value. */
  sortBy?: (row: Row) => SortValue;
}

export type RowAttributes = Record<`data-${string}`, string | number | boolean | undefined>;

interface DataTableProps<Row> {
  columns: ReadonlyArray<Column<Row>>;
  /** Undefined while loading: the headings show, the empty state does not. */
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string | number;
  /** The data-* attributes of a row, by which tests and styles find it. */
  rowAttributes?: (row: Row) => RowAttributes;
  /** Renders a whole row (or rows) itself, for rows with state of their own; `cell`s are then unused. */
  renderRow?: (row: Row) => ReactNode;
  /** Shown in the table when there are no rows (a table that cannot be empty has none). */
  empty?: string;
  /** Rows per page; all on one page without it. */
  pageSize?: number;
  /** Classes of the table besides `table`. */
  className?: string;
  caption?: string;
  testId?: string;
}

/** The office screens' one table: headings, sorting by a column, an empty state and paging. */
export function DataTable<Row>({ columns, rows, rowKey, rowAttributes, renderRow, empty, pageSize, className, caption, testId }: DataTableProps<Row>) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<RowSort>();
  const [page, setPage] = useState(0);
  const sortColumn = columns.find((column) => column.key === sort?.key);
  const sorted = sortRows(rows ?? [], sortColumn?.sortBy && sort ? { value: sortColumn.sortBy, descending: sort.descending } : undefined, i18n.language);
  const pages = pageCount(sorted.length, pageSize);
  const shownPage = Math.min(page, pages - 1);
  const shown = pageSize ? sorted.slice(shownPage * pageSize, (shownPage + 1) * pageSize) : sorted;

  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              if (column.hiddenHeader) return <th key={column.key} aria-label={column.header} />;
              if (!column.sortBy) {
                return (
                  <th key={column.key} scope="col" className={column.className}>
                    {column.header}
                  </th>
                );
              }
              return (
                <SortHeading
                  key={column.key}
                  label={column.header}
                  className={column.className}
                  sorting={sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  onSort={() => setSort(nextSort(sort, column.key))}
                />
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows?.length === 0 && empty && (
            <tr className="table-empty">
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {shown.map((row) =>
            renderRow ? (
              <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
            ) : (
              <tr key={rowKey(row)} {...rowAttributes?.(row)}>
                {columns.map((column) => {
                  const Cell = column.rowHeader ? 'th' : 'td';
                  return (
                    <Cell key={column.key} scope={column.rowHeader ? 'row' : undefined} className={column.className} data-testid={column.cellTestId}>
                      {column.cell?.(row)}
                    </Cell>
                  );
                })}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="table-pager" aria-label={t('common.table.pages')}>
          <button type="button" className="btn btn-small" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
            {t('common.table.previous')}
          </button>
          <span>{t('common.table.page', { page: shownPage + 1, pages })}</span>
          <button type="button" className="btn btn-small" disabled={shownPage === pages - 1} onClick={() => setPage(shownPage + 1)}>
            {t('common.table.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
