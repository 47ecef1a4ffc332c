/**
 * The dense results table. Rows are focusable: Enter or Space opens the detail panel,
 * arrow keys move between rows, so the table works without a mouse.
 */
import type { KeyboardEvent, ReactElement } from 'react';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';
import { categoryColor } from '../timeline/colors';
import { affectedLabel, authorLabel } from './describe';

export interface EventTableProps {
  events: readonly AuditEvent[];
  selectedId: string | null;
  knownCategories: readonly string[];
  stale: boolean;
  onOpen: (event: AuditEvent) => void;
}

function moveFocus(row: HTMLTableRowElement, direction: 'next' | 'previous'): void {
  const target = direction === 'next' ? row.nextElementSibling : row.previousElementSibling;
  if (target instanceof HTMLTableRowElement) target.focus();
}

export function EventTable({ events, selectedId, knownCategories, stale, onOpen }: EventTableProps): ReactElement {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, auditEvent: AuditEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(auditEvent);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(event.currentTarget, event.key === 'ArrowDown' ? 'next' : 'previous');
    }
  };

  return (
    <div className={`table-wrap${stale ? ' table-wrap--stale' : ''}`}>
      <table className="events" data-testid="events-table">
        <caption className="visually-hidden">Audit events, newest first. Press Enter on a row to see every field.</caption>
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
              tabIndex={0}
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
              <td title={auditEvent.author.id}>{authorLabel(auditEvent)}</td>
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
