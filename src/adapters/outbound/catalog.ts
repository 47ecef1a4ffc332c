/**
 * The one typed catalog of product calls the app makes (docs/api-calls.md).
 * Every call site names an entry by id; the sentence travels as `x-audit-log-description`, is listed on the
 * admin page's "API calls" tab and is published in docs/api-calls.md (`npm run docs:api-calls`).
 *
 * Kept free of runtime imports: scripts/forge-lint-offline.mjs loads this file without a build to check the
 * routes against the manifest's scopes. Sentences are checked when the client module loads (header.ts).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CatalogEntry {
  method: HttpMethod;
  /**
   * Route template. `{name}` placeholders are filled from the call's `params` and escaped by @forge/api's `route`
   * (path segments refuse `/`, `?`, `..`; query values are URL-encoded; a URLSearchParams fills a whole query).
   */
  route: string;
  /** `app`: asApp(), the app's own identity. `user`: asUser(), on behalf of the person using the page. */
  actor: 'app' | 'user';
  /** Where the call starts: the app's back end (a function) or the browser (a page). */
  origin: 'backend' | 'frontend';
  /** Why the call is made, for the customer: plain printable ASCII, at most 250 characters. */
  description: string;
}

export const OUTBOUND_CATALOG = {
  'permissions.checkAdmin': {
    method: 'POST',
    route: '/rest/api/3/permissions/check',
    actor: 'app',
    origin: 'backend',
    description:
      'Checks that the person using the API token admin page is a Jira administrator before any admin action is allowed.',
  },
  'users.groups': {
    method: 'GET',
    route: '/rest/api/3/user/groups?accountId={accountId}',
    actor: 'app',
    origin: 'backend',
    description:
      'Reads the groups of a user to apply the token policy that limits token creation to members of chosen groups.',
  },
  'users.bulk': {
    method: 'GET',
    route: '/rest/api/3/user/bulk?{query}',
    actor: 'app',
    origin: 'backend',
    description: 'Looks up display names of token owners so that admins can tell whose token is whose.',
  },
  'users.accountStatus': {
    method: 'GET',
    route: '/rest/api/3/user/bulk?{query}',
    actor: 'app',
    origin: 'backend',
    description:
      'Checks once a day whether the owners of active API tokens still have active Atlassian accounts, so that tokens of people who left are revoked or flagged.',
  },
  'users.search': {
    method: 'GET',
    route: '/rest/api/3/user/search?query={query}&maxResults={maxResults}',
    actor: 'app',
    origin: 'backend',
    description: 'Searches users by name when an admin picks the owner of a new token or filters tokens by owner.',
  },
  'audit.authorNames': {
    method: 'GET',
    route: '/rest/api/3/user/bulk?{query}',
    actor: 'app',
    origin: 'backend',
    description:
      'Looks up display names of the people in a page of the audit log whose events store only an account id, so that admins see names.',
  },
  'alerts.acknowledgerNames': {
    method: 'GET',
    route: '/rest/api/3/user/bulk?{query}',
    actor: 'app',
    origin: 'backend',
    description: 'Looks up display names of the people who acknowledged the security alerts on a page of the Alerts tab, so that admins see names.',
  },
  'audit.authorSearch': {
    method: 'GET',
    route: '/rest/api/3/user/search?query={query}&maxResults={maxResults}',
    actor: 'app',
    origin: 'backend',
    description: 'Searches users by name when an admin filters the audit log by author, so that the filter takes a person instead of an account id.',
  },
  'groups.picker': {
    method: 'GET',
    route: '/rest/api/3/groups/picker?query={query}&maxResults={maxResults}',
    actor: 'app',
    origin: 'backend',
    description: 'Searches groups by name when an admin chooses which groups may create API tokens.',
  },
  'groups.bulk': {
    method: 'GET',
    route: '/rest/api/3/group/bulk?{query}',
    actor: 'app',
    origin: 'backend',
    description: 'Looks up the names of the groups chosen in the token policy so that admins see group names instead of group ids.',
  },
  'siem.splunk.send': {
    method: 'POST',
    route: 'https://{host}/services/collector/event',
    actor: 'app',
    origin: 'backend',
    description: 'Sends audit events of API tokens to the Splunk HTTP Event Collector an admin configured as a SIEM destination.',
  },
  'siem.datadog.send': {
    method: 'POST',
    route: 'https://{host}/api/v2/logs',
    actor: 'app',
    origin: 'backend',
    description: 'Sends audit events of API tokens to the Datadog Logs intake an admin configured as a SIEM destination.',
  },
  'siem.elastic.send': {
    method: 'POST',
    route: 'https://{host}/_bulk',
    actor: 'app',
    origin: 'backend',
    description: 'Sends audit events of API tokens to the Elasticsearch bulk API an admin configured as a SIEM destination.',
  },
  'siem.https.send': {
    method: 'POST',
    route: 'https://{host}/{path}',
    actor: 'app',
    origin: 'backend',
    description: 'Sends audit events of API tokens to the HTTPS endpoint (for example Microsoft Sentinel) an admin configured as a SIEM destination.',
  },
  'alerts.slack.send': {
    method: 'POST',
    route: 'https://hooks.slack.com/services/{webhook}',
    actor: 'app',
    origin: 'backend',
    description: 'Posts a security alert about an API token (its sentence and a link to the admin page) to the Slack incoming webhook an admin configured.',
  },
  'alerts.teams.send': {
    method: 'POST',
    route: 'https://{host}/{webhook}',
    actor: 'app',
    origin: 'backend',
    description: 'Posts a security alert about an API token (its sentence and a link to the admin page) to the Microsoft Teams webhook an admin configured.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type OutboundCallId = keyof typeof OUTBOUND_CATALOG;

/** The vendor's support link, shown next to the catalog and in docs/api-calls.md. Set here only. */
export const VENDOR_SUPPORT_URL = 'https://example.com/api-token-audit/support';

/** The catalog as a list, in declaration order (the order the admin page and the docs show). */
export function catalogEntries(): Array<CatalogEntry & { id: OutboundCallId }> {
  return (Object.keys(OUTBOUND_CATALOG) as OutboundCallId[]).map((id) => ({ id, ...OUTBOUND_CATALOG[id] }));
}
