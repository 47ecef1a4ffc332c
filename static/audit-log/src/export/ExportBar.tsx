/**
 * Export buttons for the current filter. An export pages through `audit/search` from the first
 * page (not just the loaded rows), shows events and pages fetched, can be cancelled, and ends in a download.
 * A JSON Lines export also fetches the integrity seals of its events (`integrity/seals`) and ends
 * with them, so `npm run verify-export -- <file>` can check it offline (docs/audit-events.md).
 * The buttons are disabled while it runs, so keyboard focus moves to Cancel, and back to the
 * button that started it when it ends.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { AuditExportFormat } from '../../../../src/domain/audit/export/formats';
import { sealsCovering } from '../../../../src/domain/audit/export/sealed-jsonl';
import type { AuditSearchPayload } from '../../../../src/shared/resolvers';
import type { ResolverError } from '../../../../src/shared/result';
import type { CallResolver } from '../api/resolvers';
import { collectEvents, collectSeals, type ExportProgress } from './collect';
import { downloadFile, exportFileName } from './download';

export interface ExportBarProps {
  formats: readonly AuditExportFormat[];
  /** The current filter as a search payload. */
  query: AuditSearchPayload;
  call: CallResolver;
  disabled: boolean;
  count: Intl.NumberFormat;
}

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; format: AuditExportFormat; progress: ExportProgress }
  | { status: 'done'; fileName: string; events: number; seals: number | null }
  | { status: 'cancelled'; progress: ExportProgress }
  | { status: 'failed'; format: AuditExportFormat; error: ResolverError };

export function ExportBar({ formats, query, call, disabled, count }: ExportBarProps): ReactElement {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const startedFrom = useRef<string | null>(null);
  const formatButtons = useRef(new Map<string, HTMLButtonElement>());
  const cancelButton = useRef<HTMLButtonElement>(null);
  const running = state.status === 'running';

  // Focus on a button that is disabled, or removed, falls to the page: keep it where the export is.
  useEffect(() => {
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (running) {
      if (lost) cancelButton.current?.focus();
    } else if (lost && startedFrom.current !== null) {
      formatButtons.current.get(startedFrom.current)?.focus();
    }
  }, [running]);

  // Leaving the page stops a running export instead of letting it page on in the background.
  useEffect(() => () => controller.current?.abort(), []);

  const start = async (format: AuditExportFormat): Promise<void> => {
    startedFrom.current = format.id;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: 'running', format, progress: { events: 0, pages: 0 } });
    const outcome = await collectEvents({
      query,
      search: (payload) => call('audit/search', payload),
      signal: abort.signal,
      onProgress: (progress) => {
        if (!abort.signal.aborted) setState({ status: 'running', format, progress });
      },
    });
    const sealed =
      outcome.status === 'done' && format.carriesSeals
        ? await collectSeals({ events: outcome.events, fetchSeals: (payload) => call('integrity/seals', payload), signal: abort.signal })
        : null;
    if (controller.current !== abort) return;
    controller.current = null;
    if (outcome.status === 'cancelled') {
      setState({ status: 'cancelled', progress: outcome.progress });
    } else if (outcome.status === 'failed') {
      setState({ status: 'failed', format, error: outcome.error });
    } else if (sealed?.status === 'cancelled') {
      setState({ status: 'cancelled', progress: { events: outcome.events.length, pages: outcome.pages } });
    } else if (sealed?.status === 'failed') {
      setState({ status: 'failed', format, error: sealed.error });
    } else {
      const seals = sealed?.seals ?? [];
      const fileName = exportFileName(new Date(), format.extension);
      downloadFile(fileName, format.render(outcome.events, seals), format.mimeType);
      setState({ status: 'done', fileName, events: outcome.events.length, seals: sealed ? sealsCovering(outcome.events, seals).length : null });
    }
  };

  // Stops at once from the user's point of view: the page in flight is ignored when it returns.
  const cancel = (): void => {
    if (state.status !== 'running') return;
    controller.current?.abort();
    controller.current = null;
    setState({ status: 'cancelled', progress: state.progress });
  };

  return (
    <div className="export" data-testid="export">
      <div className="export__buttons" role="group" aria-label="Export the current filter">
        <span className="export__label" aria-hidden="true">
          Export
        </span>
        {formats.map((format) => (
          <button
            key={format.id}
            type="button"
            className="button"
            disabled={disabled || running}
            onClick={() => void start(format)}
            ref={(button) => {
              if (button === null) formatButtons.current.delete(format.id);
              else formatButtons.current.set(format.id, button);
            }}
            data-testid={`export-${format.id}`}
          >
            {format.label}
          </button>
        ))}
      </div>
      <div className="export__status" role="status" aria-live="polite" data-testid="export-status" data-state={state.status}>
        {state.status === 'running' && (
          <>
            <span className="spinner" aria-hidden="true" />
            <span>
              Exporting {state.format.label}:{' '}
              {state.progress.pages === 0
                ? 'fetching the first page…'
                : `${count.format(state.progress.events)} events, ${count.format(state.progress.pages)} ${state.progress.pages === 1 ? 'page' : 'pages'}`}
            </span>
            <button type="button" className="button button--compact" onClick={cancel} ref={cancelButton} data-testid="export-cancel">
              Cancel
            </button>
          </>
        )}
        {state.status === 'done' && (
          <span>
            Downloaded <strong>{state.fileName}</strong> ({count.format(state.events)} {state.events === 1 ? 'event' : 'events'}
            {state.seals === null ? '' : state.seals === 0 ? ', none sealed yet: events are sealed within a day' : `, ${count.format(state.seals)} ${state.seals === 1 ? 'seal' : 'seals'}`})
          </span>
        )}
        {state.status === 'cancelled' && (
          <span>
            Export cancelled after {count.format(state.progress.events)} events. Nothing was downloaded.
          </span>
        )}
        {state.status === 'failed' && (
          <span className="inline-error">
            {state.format.label} export failed: {state.error.message}{' '}
            <button type="button" className="link-button" onClick={() => void start(state.format)}>
              Try again
            </button>
          </span>
        )}
      </div>
    </div>
  );
}
