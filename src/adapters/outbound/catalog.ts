/**
 * The one typed catalog of product calls the app makes (product.md §7).
 * Every call site names an entry by id; the sentence travels as `x-audit-log-description`.
 * Sentences are plain ASCII, at most 250 characters (checked by test).
 */
export interface CatalogEntry {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Route template; `{name}` placeholders are filled from call parameters and escaped by @forge/api's `route`. */
  route: string;
  actor: 'app' | 'user';
  origin: 'backend' | 'frontend';
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
  'users.search': {
    method: 'GET',
    route: '/rest/api/3/user/search?query={query}&maxResults={maxResults}',
    actor: 'app',
    origin: 'backend',
    description: 'Searches users by name when an admin picks the owner of a new token or filters tokens by owner.',
  },
  'groups.picker': {
    method: 'GET',
    route: '/rest/api/3/groups/picker?query={query}&maxResults={maxResults}',
    actor: 'app',
    origin: 'backend',
    description: 'Searches groups by name when an admin chooses which groups may create API tokens.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type OutboundCallId = keyof typeof OUTBOUND_CATALOG;

/** The vendor's support link, shown next to the catalog. Set here only. */
export const VENDOR_SUPPORT_URL = 'https://example.com/api-token-audit/support';
