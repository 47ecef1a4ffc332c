/**
 * The Jira REST stand-in: the routes the app's outbound catalog uses, answered from the fixture.
 * Shapes follow the Jira Cloud REST API v3 documentation; anything else is a JSON 404.
 */
import { LOCAL_ACCOUNTS, LOCAL_GROUPS, findAccount, groupsOf, type LocalAccount } from './fixture';
import { globalPermissionsOf, jiraGroup, jiraUser, matchesUserQuery } from './users';

export interface JiraRequest {
  method: string;
  /** Path with query string, as the app sent it (e.g. `/rest/api/3/user/groups?accountId=alice`). */
  path: string;
  body: string | undefined;
  /** Who the call acts as: the invocation's user for `asUser()`, the app's own user for `asApp()`. */
  actor: LocalAccount;
  /** Whether a local person's account is active (deactivated ones are still returned, as by Jira). */
  isAccountActive?: (accountId: string) => boolean;
}

export interface JiraResponse {
  status: number;
  body: unknown;
}

type Handler = (request: JiraRequest, query: URLSearchParams) => JiraResponse;

const userOf = (request: JiraRequest) => (account: LocalAccount) => jiraUser(account, request.isAccountActive?.(account.accountId) ?? true);

const error = (status: number, message: string): JiraResponse => ({ status, body: { errorMessages: [message], errors: {} } });

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  const value = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function parseJson(body: string | undefined): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const permissionsCheck: Handler = (request) => {
  const body = parseJson(request.body) as { accountId?: unknown; globalPermissions?: unknown } | undefined;
  if (!body || typeof body !== 'object') return error(400, 'The request body is not valid JSON.');
  const account = body.accountId === undefined ? request.actor : typeof body.accountId === 'string' ? findAccount(body.accountId) : undefined;
  if (!account) return error(404, 'Specified user does not exist or you do not have required permissions');
  const asked = Array.isArray(body.globalPermissions) ? body.globalPermissions.map(String) : [];
  const held = globalPermissionsOf(account);
  return { status: 200, body: { globalPermissions: asked.filter((key) => held.includes(key)), projectPermissions: [] } };
};

const userGroups: Handler = (_request, query) => {
  const accountId = query.get('accountId');
  if (!accountId) return error(400, 'The accountId query parameter is required.');
  const account = findAccount(accountId);
  if (!account) return error(404, `The user with account ID '${accountId}' does not exist.`);
  return { status: 200, body: groupsOf(account).map(jiraGroup) };
};

const usersBulk: Handler = (request, query) => {
  const ids = query.getAll('accountId');
  if (ids.length === 0) return error(400, 'At least one accountId is required.');
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = Math.min(intParam(query, 'maxResults', 10), 200);
  const found = ids.map((id) => findAccount(id)).filter((account): account is LocalAccount => account !== undefined);
  const page = found.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: { maxResults, startAt, total: found.length, isLast: startAt + page.length >= found.length, values: page.map(userOf(request)) },
  };
};

const userSearch: Handler = (request, query) => {
  const text = query.get('query');
  const accountId = query.get('accountId');
  if (text === null && accountId === null) return error(400, 'One of query or accountId must be provided.');
  const maxResults = Math.min(intParam(query, 'maxResults', 50), 1000);
  const startAt = intParam(query, 'startAt', 0);
  const matches = LOCAL_ACCOUNTS.filter(
    (account) => (accountId === null || account.accountId === accountId) && (text === null || matchesUserQuery(account, text)),
  );
  return { status: 200, body: matches.slice(startAt, startAt + maxResults).map(userOf(request)) };
};

const groupsPicker: Handler = (_request, query) => {
  const text = (query.get('query') ?? '').toLowerCase();
  const maxResults = Math.min(intParam(query, 'maxResults', 20), 1000);
  const matches = LOCAL_GROUPS.filter((group) => group.name.toLowerCase().includes(text));
  const shown = matches.slice(0, maxResults);
  return {
    status: 200,
    body: {
      header: `Showing ${shown.length} of ${matches.length} matching groups`,
      total: matches.length,
      groups: shown.map((group) => ({ name: group.name, html: group.name, labels: [], groupId: group.groupId })),
    },
  };
};

/** Bulk get groups: the groups named by `groupId` / `groupName` (every group without either); unknown ones are left out. */
const groupsBulk: Handler = (_request, query) => {
  const ids = query.getAll('groupId');
  const names = query.getAll('groupName');
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = Math.min(intParam(query, 'maxResults', 50), 1000);
  const unfiltered = ids.length === 0 && names.length === 0;
  const matches = LOCAL_GROUPS.filter((group) => unfiltered || ids.includes(group.groupId) || names.includes(group.name));
  const page = matches.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: {
      maxResults,
      startAt,
      total: matches.length,
      isLast: startAt + page.length >= matches.length,
      values: page.map((group) => ({ name: group.name, groupId: group.groupId })),
    },
  };
};

const myself: Handler = (request) => ({ status: 200, body: userOf(request)(request.actor) });

const myPermissions: Handler = (request, query) => {
  const keys = (query.get('permissions') ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length === 0) return error(400, 'The permissions query parameter is required.');
  const held = globalPermissionsOf(request.actor);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    permissions[key] = { key, name: key, type: 'GLOBAL', description: '', havePermission: held.includes(key) };
  }
  return { status: 200, body: { permissions } };
};

const ROUTES: Record<string, Handler> = {
  'POST /rest/api/3/permissions/check': permissionsCheck,
  'GET /rest/api/3/user/groups': userGroups,
  'GET /rest/api/3/user/bulk': usersBulk,
  'GET /rest/api/3/user/search': userSearch,
  'GET /rest/api/3/groups/picker': groupsPicker,
  'GET /rest/api/3/group/bulk': groupsBulk,
  'GET /rest/api/3/myself': myself,
  'GET /rest/api/3/mypermissions': myPermissions,
};

export function handleJiraRequest(request: JiraRequest): JiraResponse {
  const url = new URL(request.path, 'http://jira.local');
  const handler = ROUTES[`${request.method.toUpperCase()} ${url.pathname}`];
  if (!handler) return error(404, `The local Jira stand-in has no route ${request.method.toUpperCase()} ${url.pathname}.`);
  return handler(request, url.searchParams);
}
