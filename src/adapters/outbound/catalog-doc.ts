/**
 * docs/api-calls.md, rendered from the catalog: the page a vendor publishes so customers can see every call the
 * app makes to their site and why (docs/api-calls.md). `npm run docs:api-calls` writes it; a test fails when it drifts.
 */
import type { CatalogEntry } from './catalog';

export const API_CALLS_DOC_PATH = 'docs/api-calls.md';

const RUNS_AS = { app: 'App', user: 'User' } as const;
const FROM = { backend: 'Back end', frontend: 'Front end' } as const;

/** Markdown table cells: a pipe would end the cell, a backtick would end the code span. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export function renderApiCallsDoc(entries: Array<CatalogEntry & { id: string }>, supportUrl: string): string {
  const rows = entries.map(
    (entry) =>
      `| ${code(entry.id)} | ${entry.method} | ${cell(code(entry.route))} | ${RUNS_AS[entry.actor]} | ${FROM[entry.origin]} | ${cell(entry.description)} |`,
  );
  return [
    '# Jira API calls made by API Token Audit for Jira',
    '',
    '<!-- Generated from src/adapters/outbound/catalog.ts by `npm run docs:api-calls`. Do not edit by hand: a test fails when this file and the catalog differ. -->',
    '',
    'This is the complete list of calls the app makes to your Jira site. The app has no other way to reach Jira:',
    'every call goes through one module that only accepts the calls listed here.',
    '',
    '- Each call sends the sentence in the "Why" column with the request, in the `x-audit-log-description` header.',
    '- **Runs as**: *App* calls use the app\'s own identity; *User* calls act on behalf of the person using the app.',
    '- **From**: *Back end* calls are made by the app\'s functions; *Front end* calls would start in your browser.',
    '- With **App API calls** turned on (admin page, Audit settings), each call is also recorded as an "App API call"',
    '  event in the app\'s audit log: method, route, status code, duration, app or user, back end or front end.',
    '  Query values (such as search text) are not recorded. So that browsing does not fill the log, a granted',
    '  administrator check and a successful display-name lookup are not recorded; refusals and failures are.',
    '',
    `Questions about these calls: ${supportUrl}`,
    '',
    '| Call | Method | Route | Runs as | From | Why |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
