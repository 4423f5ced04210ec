/**
 * Sortable azure-devops-ui tables: columns declare a comparer, clicking a header sorts the (memoised)
 * items; the Table itself virtualises rows, so thousands of rows stay cheap to scroll.
 */
import * as React from 'react';
import { ColumnSorting, SimpleTableCell, SortOrder, type ITableColumn } from 'azure-devops-ui/Table';

export interface SortableColumn<T> {
  id: string;
  name: string;
  /** Proportional width (azure-devops-ui: negative numbers share the free space). */
  width: number;
  compare?: (a: T, b: T) => number;
  render: (item: T) => React.ReactNode;
  className?: string;
  ariaLabel?: string;
}

export interface SortState {
  id: string;
  order: SortOrder;
}

export function useSortedTable<T>(items: readonly T[], columns: Array<SortableColumn<T>>, initial: SortState | null) {
  const [sort, setSort] = React.useState<SortState | null>(initial);
  const sorted = React.useMemo(() => {
    const col = sort && columns.find((c) => c.id === sort.id);
    if (!col?.compare) return items as T[];
    const dir = sort!.order === SortOrder.descending ? -1 : 1;
    const compare = col.compare;
    return [...items].sort((a, b) => dir * compare(a, b));
  }, [items, sort, columns]);

  const tableColumns = React.useMemo<Array<ITableColumn<T>>>(
    () =>
      columns.map((c) => ({
        id: c.id,
        name: c.name,
        width: c.width,
        ariaLabel: c.ariaLabel,
        sortProps: c.compare
          ? { sortOrder: sort?.id === c.id ? sort.order : undefined, ariaLabelAscending: 'Sorted ascending', ariaLabelDescending: 'Sorted descending' }
          : undefined,
        renderCell: (_row: number, columnIndex: number, tableColumn: ITableColumn<T>, item: T) => (
          <SimpleTableCell key={`col-${columnIndex}`} columnIndex={columnIndex} tableColumn={tableColumn} className={c.className}>
            {c.render(item)}
          </SimpleTableCell>
        ),
      })),
    [columns, sort],
  );

  // The Table initialises its behaviours once: keep one instance, reading the current columns through a ref.
  const current = React.useRef(columns);
  current.current = columns;
  const behavior = React.useMemo(
    () =>
      new ColumnSorting<T>((columnIndex, proposed) => {
        const c = current.current[columnIndex];
        if (c?.compare) setSort({ id: c.id, order: proposed });
      }),
    [],
  );
  return { sorted, tableColumns, behavior, sort };
}

// One collator for every comparison: localeCompare with options builds one per call (sorting 50,000 resources).
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export const byText = (a: string | null | undefined, b: string | null | undefined) => collator.compare(a ?? '', b ?? '');
export const byNumber = (a: number, b: number) => a - b;
export { SortOrder };
