/** Field-level INVALID_INPUT issues from a resolver, addressed by the form field they belong to. */
import type { ResolverError } from '../../shared/result';

export type FieldIssues = NonNullable<ResolverError['issues']>;

/**
 * Messages for one field: issues whose path is the field or lies under it
 * (`ipAllowlist.2` belongs to `ipAllowlist`, and is reported as line 3).
 */
export function issuesFor(issues: FieldIssues, field: string, prefix = ''): string[] {
  const full = prefix ? `${prefix}.${field}` : field;
  return issues
    .filter((issue) => issue.path === full || issue.path.startsWith(`${full}.`))
    .map((issue) => {
      const rest = issue.path.slice(full.length + 1);
      const line = /^\d+$/.test(rest) ? Number(rest) + 1 : null;
      return line === null ? issue.message : `Line ${line}: ${issue.message}`;
    });
}

/** Issues no field on the form claims, so they are shown with the form-level message. */
export function unclaimedIssues(issues: FieldIssues, fields: string[], prefix = ''): FieldIssues {
  return issues.filter((issue) => !fields.some((field) => issuesFor([issue], field, prefix).length > 0));
}

/** One CIDR per line; blank lines and surrounding spaces are ignored. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
