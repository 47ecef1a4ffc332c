/**
 * The side panel with every field of one event and its raw JSON (the Atlassian Audit entity as
 * stored and exported). It takes focus when it opens and gives it back to the row when it closes.
 */
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';

export interface DetailPanelProps {
  event: AuditEvent;
  onClose: () => void;
  /** Narrows the search to events that affect this object. */
  onFilterObject: (object: { type: string; id: string }) => void;
  /** Narrows the search to events by this author. */
  onFilterAuthor: (accountId: string) => void;
}

function Row({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One titled part of the panel, saying "None" when the event has nothing for it. */
function Section({ id, title, isEmpty = false, children }: { id: string; title: string; isEmpty?: boolean; children: ReactNode }): ReactElement {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="panel__section">{title}</h3>
      {isEmpty ? <p className="muted">None</p> : children}
    </section>
  );
}

/** A compact table; the rows come as children. Headers are fixed, so their position is their key. */
function MiniTable({ columns, children }: { columns: ReactNode[]; children: ReactNode }): ReactElement {
  return (
    <table className="mini">
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

const empty = <span className="muted">—</span>;

export function DetailPanel({ event, onClose, onFilterObject, onFilterAuthor }: DetailPanelProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const json = JSON.stringify(event, null, 2);

  // A new event in the panel moves focus to its heading, so screen readers announce it.
  useEffect(() => {
    heading.current?.focus();
    setCopied(false);
  }, [event.id]);

  const copy = (): void => {
    void navigator.clipboard?.writeText(json).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <aside
      className="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="detail-title"
      data-testid="detail-panel"
      data-event-id={event.id}
      onKeyDown={(keyEvent) => {
        if (keyEvent.key === 'Escape') {
          keyEvent.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="panel__header">
        <div>
          <div className="panel__eyebrow">{event.type.category}</div>
          <h2 id="detail-title" className="panel__title" tabIndex={-1} ref={heading}>
            {event.type.action}
          </h2>
          <div className="panel__time">
            <time dateTime={event.timestamp}>{formatTimestamp(event.timestamp)}</time>
          </div>
        </div>
        <button type="button" className="button button--subtle panel__close" onClick={onClose} aria-label="Close details" data-testid="detail-close">
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>

      <div className="panel__body">
        <Section id="detail-event" title="Event">
          <dl className="facts" data-testid="detail-fields">
            <Row label="ID">
              <code>{event.id}</code>
            </Row>
            <Row label="Timestamp">
              <code>{event.timestamp}</code>
            </Row>
            <Row label="Category">
              {event.type.category} <code className="muted">{event.type.categoryI18nKey}</code>
            </Row>
            <Row label="Action">
              {event.type.action} <code className="muted">{event.type.actionI18nKey}</code>
            </Row>
            <Row label="Author">
              {event.author.name || empty} <span className="muted">({event.author.type})</span>
              <br />
              <code>{event.author.id}</code>{' '}
              {event.author.id !== '' && (
                <button type="button" className="link-button" onClick={() => onFilterAuthor(event.author.id)}>
                  Events by this author
                </button>
              )}
            </Row>
            <Row label="Source">{event.source !== null ? <code>{event.source}</code> : empty}</Row>
            <Row label="Method">{event.method}</Row>
            <Row label="System">{event.system !== '' ? event.system : empty}</Row>
          </dl>
        </Section>

        <Section id="detail-affected" title="Affected objects" isEmpty={event.affectedObjects.length === 0}>
          <MiniTable columns={['Type', 'Name', 'ID', <span className="visually-hidden">Filter</span>]}>
            {event.affectedObjects.map((object) => (
              <tr key={`${object.type}:${object.id}`}>
                <td>{object.type}</td>
                <td>{object.name || empty}</td>
                <td>
                  <code>{object.id}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onFilterObject({ type: object.type, id: object.id })}
                    aria-label={`Show events affecting ${object.type} ${object.name || object.id}`}
                  >
                    Events
                  </button>
                </td>
              </tr>
            ))}
          </MiniTable>
        </Section>

        <Section id="detail-changed" title="Changed values" isEmpty={event.changedValues.length === 0}>
          <MiniTable columns={['Field', 'From', 'To']}>
            {event.changedValues.map((change, index) => (
              <tr key={`${change.key}-${index}`}>
                <td>{change.key}</td>
                <td className="wrap">{change.from ?? empty}</td>
                <td className="wrap">{change.to ?? empty}</td>
              </tr>
            ))}
          </MiniTable>
        </Section>

        <Section id="detail-attributes" title="Attributes" isEmpty={event.extraAttributes.length === 0}>
          <dl className="facts">
            {event.extraAttributes.map((attribute, index) => (
              <Row key={`${attribute.name}-${index}`} label={attribute.name}>
                <span className="wrap">{attribute.value !== '' ? attribute.value : empty}</span>
              </Row>
            ))}
          </dl>
        </Section>

        <section aria-labelledby="detail-json">
          <div className="panel__section-row">
            <h3 id="detail-json" className="panel__section">Raw JSON</h3>
            {typeof navigator.clipboard?.writeText === 'function' && (
              <button type="button" className="button button--compact" onClick={copy}>
                {copied ? 'Copied' : 'Copy JSON'}
              </button>
            )}
          </div>
          <pre className="json" data-testid="detail-json" tabIndex={0} aria-label="Raw JSON of the event">
            {json}
          </pre>
        </section>
      </div>
    </aside>
  );
}
