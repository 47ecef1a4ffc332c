/**
 * The dense results table. One row at a time is in the Tab order (a roving tab index): Tab
 * reaches the table once, Up and Down (Home, End) move between rows, Enter or Space opens the
 * detail panel, and Tab leaves the table. The row in the Tab order is the last one focused.
 */
import { useState, type KeyboardEvent, type ReactElement } from 'react';
import { authorDisplayName } from '../../../../src/domain/audit/author-names';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';
import { categoryColor } from '../timeline/colors';
import { affectedLabel } from './describe';

export interface EventTableProps {
  events: readonly AuditEvent[];
  /** Display names of authors whose events store only the account id (`audit/search` authorNames). */
  authorNames: Readonly<Record<string, string>>;
  selectedId: string | null;
  knownCategories: readonly string[];
  stale: boolean;
  onOpen: (event: AuditEvent) => void;
}

function moveFocus(row: HTMLTableRowElement, key: string): void {
  const rows = row.parentElement?.children;
  if (rows === undefined) return;
  const target =
    key === 'ArrowDown' ? row.nextElementSibling : key === 'ArrowUp' ? row.previousElementSibling : key === 'Home' ? rows[0] : rows[rows.length - 1];
  if (target instanceof HTMLTableRowElement) target.focus();
}

const MOVES = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

export function EventTable({ events, authorNames, selectedId, knownCategories, stale, onOpen }: EventTableProps): ReactElement {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // The last focused row while it is listed, else the open one, else the first.
  const tabStop = [focusedId, selectedId].find((id) => id !== null && events.some((event) => event.id === id)) ?? events[0]?.id;

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, auditEvent: AuditEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(auditEvent);
    } else if (MOVES.has(event.key)) {
      event.preventDefault();
      moveFocus(event.currentTarget, event.key);
    }
  };

  return (
    <div className={`table-wrap${stale ? ' table-wrap--stale' : ''}`}>
      <table className="events" data-testid="events-table">
        <caption className="visually-hidden">Audit events, newest first. Up and Down move between rows; Enter on a row shows every field.</caption>
        <thead>
          <tr>
            <th scope="col" className="col-time">Time</th>
            <th scope="col">Category</th>
            <th scope="col">Action</th>
            <th scope="col">Author</th>
            <th scope="col">Affected</th>
            <th scope="col">Source</th>
            <th scope="col">Method</th>
          </tr>
        </thead>
        <tbody>
          {events.map((auditEvent) => (
            <tr
              key={auditEvent.id}
              tabIndex={auditEvent.id === tabStop ? 0 : -1}
              onFocus={() => setFocusedId(auditEvent.id)}
              className={auditEvent.id === selectedId ? 'is-selected' : undefined}
              aria-current={auditEvent.id === selectedId ? true : undefined}
              onClick={() => onOpen(auditEvent)}
              onKeyDown={(event) => onKeyDown(event, auditEvent)}
              data-testid="event-row"
              data-event-id={auditEvent.id}
            >
              <td className="col-time">
                <time dateTime={auditEvent.timestamp}>{formatTimestamp(auditEvent.timestamp)}</time>
              </td>
              <td>
                <span className="swatch" style={{ background: categoryColor(auditEvent.type.category, knownCategories) }} aria-hidden="true" />
                {auditEvent.type.category}
              </td>
              <td className="col-action">{auditEvent.type.action}</td>
              <td title={auditEvent.author.id} data-testid="event-author">{authorDisplayName(auditEvent, authorNames)}</td>
              <td className="col-affected" title={auditEvent.affectedObjects.map((object) => `${object.type} ${object.id}`).join(', ')}>
                {affectedLabel(auditEvent)}
              </td>
              <td className="col-mono">{auditEvent.source ?? '—'}</td>
              <td>{auditEvent.method}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
