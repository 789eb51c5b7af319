/**
 * A list of records as a table, with the states every such list goes through: loading (skeleton rows shaped like
 * the columns), failed (with Retry), empty (saying what to do next), and the rows, with what follows them (paging).
 * Columns say their header, width and alignment and draw their cell; a cell that needs hooks renders a component.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState, Skeleton } from './states.tsx';

export interface Column<Row> {
  /** The header's text, also the column's key. */
  header: string;
  /** For a column whose cells speak for themselves (actions): the header is read out but not shown. */
  hideHeader?: boolean;
  /** The <col>'s width class (`w-24`); a column without one takes what is left. */
  width?: string;
  align?: 'left' | 'right';
  /** The cell's classes beyond its padding and alignment. */
  className?: string;
  cell: (row: Row) => ReactNode;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

/** What a feature's table forwards from its page: the rows (undefined while loading) and the other states. */
export interface TableStates<Row> {
  rows: readonly Row[] | undefined;
  /** What the loading state says, e.g. "Loading runs…". */
  loading: string;
  /** Set when the rows could not be loaded (shown above any rows still on screen). */
  error?: { title: string; message: string; onRetry: () => void } | null | false;
  /** Shown instead of the table when there are no rows. */
  empty: { title: string; body?: ReactNode; action?: ReactNode };
  /** Under the table when there are rows: "Show more", page links. */
  footer?: ReactNode;
}

interface DataTableProps<Row> extends TableStates<Row> {
  /** Names the table for screen readers. */
  caption: string;
  /** Columns left out of this view may be passed as `false`. */
  columns: readonly (Column<Row> | false)[];
  rowKey: (row: Row) => string;
  /** Test ids and data attributes of a row. */
  rowProps?: (row: Row) => RowAttributes;
  /** The width below which the table scrolls sideways instead of squeezing its columns, e.g. `min-w-[60rem]`. */
  minWidth: string;
  /** `top` for rows whose cells run to several lines. */
  verticalAlign?: 'top' | 'middle';
  'data-testid'?: string;
}

const TH = 'px-4 py-2.5 text-xs font-medium tracking-wide text-zinc-500 uppercase';
const FRAME = 'rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5';
const SKELETON_ROWS = [0, 1, 2, 3];

export function DataTable<Row>({ caption, columns, rowKey, rowProps, minWidth, verticalAlign = 'top', rows, loading, error, empty, footer, ...rest }: DataTableProps<Row>) {
  const shown = columns.filter((c): c is Column<Row> => c !== false);
  const align = (c: Column<Row>) => (c.align === 'right' ? 'text-right' : 'text-left');
  return (
    <>
      {!rows && !error && <TableSkeleton label={loading} columns={shown} />}
      {error && <ErrorState title={error.title} message={error.message} onRetry={error.onRetry} />}
      {rows?.length === 0 && (
        <EmptyState title={empty.title} action={empty.action}>
          {empty.body}
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <>
          <div className={`overflow-x-auto ${FRAME}`}>
            <table className={`w-full ${minWidth} table-fixed`} data-testid={rest['data-testid']}>
              <caption className="sr-only">{caption}</caption>
              <colgroup>
                {shown.map((c) => (
                  <col key={c.header} className={c.width} />
                ))}
              </colgroup>
              <thead className="border-b border-zinc-200 bg-zinc-50/60">
                <tr>
                  {shown.map((c) => (
                    <th key={c.header} scope="col" className={`${TH} ${align(c)}`}>
                      {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {rows.map((row) => {
                  const { className = '', ...attributes } = rowProps?.(row) ?? {};
                  return (
                    <tr key={rowKey(row)} {...attributes} className={`${verticalAlign === 'top' ? 'align-top' : ''} transition-colors hover:bg-zinc-50/70 ${className}`}>
                      {shown.map((c) => (
                        <td key={c.header} className={`px-4 py-3 ${c.align === 'right' ? 'text-right' : ''} ${c.className ?? ''}`}>
                          {c.cell(row)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {footer}
        </>
      )}
    </>
  );
}

/** Grey bars where the rows will be, one per column, as wide as the column. */
function TableSkeleton<Row>({ label, columns }: { label: string; columns: readonly Column<Row>[] }) {
  return (
    <LoadingState label={label}>
      <div className={`p-4 ${FRAME}`}>
        {SKELETON_ROWS.map((i) => (
          <div key={i} className="flex items-center gap-6 border-b border-zinc-100 py-3.5 last:border-0">
            {columns.map((c) => (
              <Skeleton key={c.header} className={`h-4 ${c.width ?? 'flex-1'}`} />
            ))}
          </div>
        ))}
      </div>
    </LoadingState>
  );
}
