/** The designed empty, loading and error states of the results area. */
import type { ReactElement, ReactNode } from 'react';
import type { ResolverError } from '../../../../src/shared/result';

export function LoadingRows({ rows = 8 }: { rows?: number }): ReactElement {
  return (
    <div className="skeleton" data-testid="results-loading" aria-hidden="true">
      {Array.from({ length: rows }, (_, index) => (
        <div className="skeleton__row" key={index}>
          <span className="skeleton__cell skeleton__cell--time" />
          <span className="skeleton__cell" />
          <span className="skeleton__cell skeleton__cell--wide" />
          <span className="skeleton__cell" />
          <span className="skeleton__cell" />
        </div>
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }): ReactElement {
  return (
    <div className="state" data-testid="results-empty">
      <svg className="state__icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="8" y="6" width="32" height="36" rx="4" fill="#E9F2FF" stroke="#1D7AFC" strokeWidth="2" />
        <path d="M15 17h18M15 24h18M15 31h10" stroke="#1D7AFC" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <h2 className="state__title">{title}</h2>
      <div className="state__body">{children}</div>
      {action}
    </div>
  );
}

const ERROR_TITLES: Partial<Record<ResolverError['code'], string>> = {
  FORBIDDEN: 'Only Jira administrators can see the audit log',
  INVALID_INPUT: 'These filters cannot be used',
};

/**
 * The body under a title that already says what went wrong: a refusal's own message ("Only Jira
 * administrators can do this.") would repeat the title, so it says what the person can do instead.
 */
const ERROR_BODIES: Partial<Record<ResolverError['code'], string>> = {
  FORBIDDEN: 'Your account is not a Jira administrator on this site. Ask one of them if you need to review API token activity.',
};

function errorBody(error: ResolverError): string {
  const instead = ERROR_BODIES[error.code];
  return instead !== undefined && /administrator/i.test(error.message) ? instead : error.message;
}

export function ErrorState({ error, onRetry }: { error: ResolverError; onRetry?: () => void }): ReactElement {
  return (
    <div className="state state--error" role="alert" data-testid="results-error" data-error-code={error.code}>
      <svg className="state__icon" viewBox="0 0 48 48" aria-hidden="true">
        <path d="M24 6 44 41H4Z" fill="#FFECEB" stroke="#C9372C" strokeWidth="2" strokeLinejoin="round" />
        <path d="M24 19v10" stroke="#C9372C" strokeWidth="2.5" strokeLinecap="round" />
        <circle cx="24" cy="34.5" r="1.7" fill="#C9372C" />
      </svg>
      <h2 className="state__title">{ERROR_TITLES[error.code] ?? 'The audit log could not be loaded'}</h2>
      <div className="state__body">
        <p>{errorBody(error)}</p>
        {error.issues && error.issues.length > 0 && (
          <ul className="state__issues">
            {error.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <code>{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && error.code !== 'FORBIDDEN' && error.code !== 'INVALID_INPUT' && (
        <button type="button" className="button button--primary" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      )}
    </div>
  );
}

/** A notice above the results, e.g. that a free-text scan stopped at the scan limit. */
export function Notice({ children, testId }: { children: ReactNode; testId: string }): ReactElement {
  return (
    <div className="notice" role="status" data-testid={testId}>
      <svg className="notice__icon" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="#F5CD47" />
        <path d="M8 4.5v4.5" stroke="#172B4D" strokeWidth="1.6" strokeLinecap="round" />
        <circle cx="8" cy="11.6" r="0.9" fill="#172B4D" />
      </svg>
      <div>{children}</div>
    </div>
  );
}
