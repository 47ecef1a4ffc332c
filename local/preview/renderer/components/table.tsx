/**
 * DynamicTable and Pagination. `@forge/react` sends the table as `DynamicTable` with two
 * `ContentWrapper` children (`head` holding `Cell`s, `rows` holding `Row`s of `Cell`s), so cell
 * content arrives already reconciled. Sorting and paging are local, as in the ADS table.
 */
import React, { useEffect, useRef, useState, type ReactNode } from 'react';
import { callHandler } from '../events';
import { textOf, type ForgeDoc } from '../forge-doc';
import { bool, hooks, renderDocs, renderValue, str, type ForgeComponent } from '../node';

interface TableCell {
  key: unknown;
  node: ForgeDoc;
}

interface TableRow {
  key: string;
  cells: TableCell[];
  node: ForgeDoc;
}

const wrapper = (node: ForgeDoc, name: string): ForgeDoc | undefined =>
  node.children.find((child) => child.type === 'ContentWrapper' && child.props.name === name);

function cellsOf(node: ForgeDoc | undefined): TableCell[] {
  return (node?.children ?? []).filter((child) => child.type === 'Cell').map((cell) => ({ key: cell.props.cellKey, node: cell }));
}

function rowsOf(node: ForgeDoc): TableRow[] {
  return (wrapper(node, 'rows')?.children ?? [])
    .filter((child) => child.type === 'Row')
    .map((row, index) => ({ key: str(row.props.rowKey) ?? row.key ?? String(index), cells: cellsOf(row), node: row }));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return (str(a) ?? '').localeCompare(str(b) ?? '', undefined, { numeric: true });
}

function Pager({ pages, page, onPage }: { pages: number; page: number; onPage: (page: number) => void }): React.JSX.Element {
  const numbers = Array.from({ length: pages }, (_, index) => index + 1);
  return (
    <nav className="forge-pagination" aria-label="Pagination">
      <button type="button" className="forge-button forge-button-subtle" disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label="Previous page">
        ‹
      </button>
      {numbers.map((number) => (
        <button
          key={number}
          type="button"
          className={`forge-button forge-button-subtle${number === page ? ' forge-selected' : ''}`}
          aria-current={number === page ? 'page' : undefined}
          aria-label={`Page ${number}`}
          onClick={() => onPage(number)}
        >
          {number}
        </button>
      ))}
      <button type="button" className="forge-button forge-button-subtle" disabled={page >= pages} onClick={() => onPage(page + 1)} aria-label="Next page">
        ›
      </button>
    </nav>
  );
}

/**
 * Whether the element's content is wider than the element. A table wider than its card scrolls
 * inside it (the card never spills); while it does, the scroll box is a labelled Tab stop, so it
 * can be scrolled from the keyboard.
 */
function useOverflowsX(): [React.RefObject<HTMLDivElement>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = (): void => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return [ref, overflows];
}

const DynamicTable: ForgeComponent = ({ node, props }) => {
  const [scrollBox, overflows] = useOverflowsX();
  const head = cellsOf(wrapper(node, 'head'));
  const allRows = rowsOf(node);
  const [sort, setSort] = useState<{ key: unknown; order: 'ASC' | 'DESC' } | null>(
    props.defaultSortKey !== undefined ? { key: props.defaultSortKey, order: props.defaultSortOrder === 'DESC' ? 'DESC' : 'ASC' } : null,
  );
  const [localPage, setLocalPage] = useState(typeof props.defaultPage === 'number' ? props.defaultPage : 1);
  const activeSort = props.sortKey !== undefined ? { key: props.sortKey, order: props.sortOrder === 'DESC' ? 'DESC' : 'ASC' } : sort;

  let rows = allRows;
  if (activeSort) {
    const column = head.findIndex((cell) => cell.key === activeSort.key);
    if (column >= 0) {
      rows = [...allRows].sort((a, b) => compareKeys(a.cells[column]?.key, b.cells[column]?.key) * (activeSort.order === 'DESC' ? -1 : 1));
    }
  }
  const rowsPerPage = typeof props.rowsPerPage === 'number' && props.rowsPerPage > 0 ? props.rowsPerPage : undefined;
  const pages = rowsPerPage ? Math.max(1, Math.ceil(rows.length / rowsPerPage)) : 1;
  const page = Math.min(typeof props.page === 'number' ? props.page : localPage, pages);
  const shown = rowsPerPage ? rows.slice((page - 1) * rowsPerPage, page * rowsPerPage) : rows;
  const loading = bool(props.isLoading);
  const columns = Math.max(head.length, ...allRows.map((row) => row.cells.length), 1);

  const setPage = (next: number): void => {
    setLocalPage(next);
    callHandler(props.onSetPage, next);
  };

  let body: ReactNode;
  if (shown.length === 0) {
    body = (
      <tr>
        <td colSpan={columns} className="forge-table-empty">
          {loading ? <span className="forge-spinner" role="status" aria-label="Loading" /> : props.emptyView !== undefined ? renderValue(props.emptyView) : 'No items.'}
        </td>
      </tr>
    );
  } else {
    body = shown.map((row, index) => (
      <tr key={row.key} className={props.highlightedRowIndex === index ? 'forge-highlighted' : undefined} data-forge-type="Row" {...(typeof row.node.props.testId === 'string' ? { 'data-testid': row.node.props.testId } : {})}>
        {row.cells.map((cell, cellIndex) => (
          <td key={cellIndex} colSpan={typeof cell.node.props.colSpan === 'number' ? cell.node.props.colSpan : undefined} data-forge-type="Cell">
            {renderDocs(cell.node.children)}
          </td>
        ))}
      </tr>
    ));
  }

  return (
    <div className={`forge-dynamic-table${loading ? ' forge-is-loading' : ''}`} {...hooks(node)}>
      <div
        ref={scrollBox}
        className="forge-table-scroll"
        {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': `${str(props.label) ?? (typeof props.caption === 'string' ? props.caption : 'Table')} (scrolls sideways)` } : {})}
      >
        <table aria-busy={loading} aria-label={str(props.label)}>
          {props.caption !== undefined ? <caption>{renderValue(props.caption)}</caption> : null}
          {head.length > 0 ? (
            <thead>
              <tr>
                {head.map((cell, index) => {
                  const sorted = activeSort && activeSort.key === cell.key ? activeSort.order : null;
                  const content = renderDocs(cell.node.children);
                  return (
                    <th
                      key={index}
                      scope="col"
                      style={{ width: typeof cell.node.props.width === 'number' ? `${cell.node.props.width}%` : undefined }}
                      aria-sort={sorted === 'ASC' ? 'ascending' : sorted === 'DESC' ? 'descending' : undefined}
                      data-forge-type="Cell"
                    >
                      {bool(cell.node.props.isSortable) ? (
                        <button
                          type="button"
                          className="forge-sort"
                          aria-label={`Sort by ${textOf(cell.node.children)}`}
                          onClick={() => setSort({ key: cell.key, order: sorted === 'ASC' ? 'DESC' : 'ASC' })}
                        >
                          {content}
                          <span aria-hidden="true">{sorted === 'ASC' ? ' ▲' : sorted === 'DESC' ? ' ▼' : ' ↕'}</span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
          ) : null}
          <tbody>{body}</tbody>
        </table>
      </div>
      {loading && shown.length > 0 ? <span className="forge-spinner forge-table-spinner" role="status" aria-label="Loading" /> : null}
      {rowsPerPage && pages > 1 ? <Pager pages={pages} page={page} onPage={setPage} /> : null}
    </div>
  );
};

/** UI Kit Pagination: `pages` (values), `onChange(event, page)`. */
const Pagination: ForgeComponent = ({ node, props }) => {
  const values = Array.isArray(props.pages) ? (props.pages as unknown[]) : [];
  const [selected, setSelected] = useState(typeof props.defaultSelectedIndex === 'number' ? props.defaultSelectedIndex : 0);
  const current = typeof props.selectedIndex === 'number' ? props.selectedIndex : selected;
  return (
    <div {...hooks(node)}>
      <Pager
        pages={Math.max(values.length, 1)}
        page={current + 1}
        onPage={(page) => {
          setSelected(page - 1);
          callHandler(props.onChange, undefined, values[page - 1]);
        }}
      />
    </div>
  );
};

export const tableComponents = { DynamicTable, Pagination };
