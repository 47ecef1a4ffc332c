import { useState } from 'react';
import type { ResolverError, ResolverResult } from '../../shared/result';
import type { FieldIssues } from './field-issues';

export interface Submit {
  busy: boolean;
  /** The last call's error, shown by the dialog until the next attempt. */
  failure: ResolverError | null;
  /** Field-level issues: the page's own checks, or the resolver's INVALID_INPUT issues. */
  issues: FieldIssues;
  /** Shows the issues the page found before sending anything, and clears an earlier failure. */
  showIssues: (issues: FieldIssues) => void;
  /** Calls the resolver with the dialog marked busy; hands over the data on success, keeps the error otherwise. */
  run: <T>(call: () => Promise<ResolverResult<T>>, onDone: (data: T) => void) => Promise<void>;
}

/** The submit state a dialog needs: busy while the call runs, then either done or the reason it was not. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  const [issues, setIssues] = useState<FieldIssues>([]);

  const showIssues = (found: FieldIssues): void => {
    setIssues(found);
    setFailure(null);
  };

  const run = async <T>(call: () => Promise<ResolverResult<T>>, onDone: (data: T) => void): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const result = await call();
    setBusy(false);
    if (result.ok) {
      onDone(result.data);
      return;
    }
    setIssues(result.error.issues ?? []);
    setFailure(result.error);
  };

  return { busy, failure, issues, showIssues, run };
}
