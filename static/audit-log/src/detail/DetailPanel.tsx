/**
 * The side panel with every field of one event and its raw JSON (the Atlassian Audit entity as
 * stored and exported). It takes focus when it opens; the page gives it back to the row when it
 * closes. Beside the table it is a complementary region; where it covers the table (`modal`) it is a
 * modal dialog that keeps Tab inside it.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';

export interface DetailPanelProps {
  event: AuditEvent;
  /** The name the page shows for the author (looked up when the event stores only the account id). */
  authorName: string;
  /** It covers the page: a modal dialog, Tab cycles inside it. */
  modal: boolean;
  onClose: () => void;
  /** Narrows the search to events that affect this object. */
  onFilterObject: (object: { type: string; id: string }) => void;
  /** Narrows the search to events by this author. */
  onFilterAuthor: (author: { id: string; name: string }) => void;
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

const TABBABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** Tab from the last element goes to the first, Shift+Tab from the first (or the heading) to the last. */
function trapTab(keyEvent: KeyboardEvent<HTMLElement>): void {
  if (keyEvent.key !== 'Tab') return;
  const inside = Array.from(keyEvent.currentTarget.querySelectorAll<HTMLElement>(TABBABLE));
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (first === undefined || last === undefined) return;
  const active = document.activeElement;
  if (keyEvent.shiftKey && (active === first || !inside.includes(active as HTMLElement))) {
    keyEvent.preventDefault();
    last.focus();
  } else if (!keyEvent.shiftKey && active === last) {
    keyEvent.preventDefault();
    first.focus();
  }
}

export function DetailPanel({ event, authorName, modal, onClose, onFilterObject, onFilterAuthor }: DetailPanelProps): ReactElement {
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
      className={`panel${modal ? ' panel--modal' : ''}`}
      {...(modal ? { role: 'dialog', 'aria-modal': true } : {})}
      aria-labelledby="detail-title"
      data-testid="detail-panel"
      data-event-id={event.id}
      data-modal={modal}
      onKeyDown={modal ? trapTab : undefined}
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
              <span data-testid="detail-author-name">{authorName || empty}</span> <span className="muted">({event.author.type})</span>
              <br />
              <span className="muted">Account ID</span> <code data-testid="detail-author-id">{event.author.id}</code>{' '}
              {event.author.id !== '' && (
                <button type="button" className="link-button" onClick={() => onFilterAuthor({ id: event.author.id, name: authorName })}>
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
          {/* A scrolling box is a Tab stop so it scrolls from the keyboard; as a region it can carry the heading's name. */}
          <div className="json" role="region" aria-labelledby="detail-json" tabIndex={0} data-testid="detail-json-region">
            <pre data-testid="detail-json">{json}</pre>
          </div>
        </section>
      </div>
    </aside>
  );
}
