/** How a column is sorted, as aria-sort names it; undefined while the table is sorted by another. */
export type Sorting = 'ascending' | 'descending' | undefined;

/** A sortable column's heading: a button that sorts by it, and the way it is sorted when it is. */
export function SortHeading({
  label,
  sorting,
  title,
  className,
  onSort,
}: {
  label: string;
  sorting: Sorting;
  title?: string;
  className?: string | undefined;
  onSort: () => void;
}) {
  return (
    <th scope="col" className={className} aria-sort={sorting}>
      <button type="button" className="sort-button" title={title} onClick={onSort}>
        {label}
        <span aria-hidden="true">{sorting === 'ascending' ? ' ▲' : sorting === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}
