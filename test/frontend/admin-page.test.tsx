/**
 * The admin page (api-token-admin) at the ForgeDoc level: the real @forge/react reconciler renders
 * the page, and a fake resolver table answers its invocations.
 */
import { renderPage, type FakeResolvers, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, failure, NOW, ok, tokenView } from './fixtures';

const SECRET = 'jat_0123456789abcdefghijklmnopqrstuvwxyzABCD_c0ffee';
const alice = { accountId: 'alice', displayName: 'Alice Example' };
const bob = { accountId: 'bob', displayName: 'Bob Builder' };

/** The whole tree as text, functions left out; React elements held in props refer back to their fibers, so each object is written once. */
function serialized(root: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(root, (_key, value: unknown) => {
    if (typeof value === 'function') return undefined;
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return undefined;
      seen.add(value);
    }
    return value;
  });
}

function withBootstrap(resolvers: FakeResolvers = {}, data = adminBootstrap()): FakeResolvers {
  return { 'admin/bootstrap': () => ok(data), ...resolvers };
}

async function openAdmin(resolvers: FakeResolvers = {}, data = adminBootstrap(), clipboard = false): Promise<RenderedPage> {
  const page = await renderPage('admin', { resolvers: withBootstrap(resolvers, data), clipboard });
  await page.waitFor(() => page.find({ testId: 'admin-tabs' }), { what: 'the admin tabs' });
  return page;
}

describe('admin page: first render', () => {
  it('renders tokens, settings and API calls from exactly one admin/bootstrap invocation', async () => {
    const tokens = [tokenView({ id: 'tok-a' }), tokenView({ id: 'tok-b', ownerAccountId: 'bob', ownerDisplayName: 'Bob Builder', description: 'CI deploy' })];
    const page = await openAdmin({}, adminBootstrap({ tokens: { tokens, cursor: null } }));

    expect(page.invocations.map((call) => call.functionKey)).toEqual(['admin/bootstrap']);
    expect(page.findAll({ type: 'Tab' }).map((tab) => page.text(tab))).toEqual(['Tokens', 'Audit settings', 'API calls', 'Destinations', 'Alerts']);
    expect(page.byTestId('token-hint-tok-a').children[0]?.props.text).toBe(tokens[0].hint);
    expect(page.text(page.byTestId('token-table'))).toContain('Bob Builder');
    expect(page.find({ type: 'Cell', props: { cellKey: 'owner' } })).toBeDefined();
    expect(page.byTestId('toggle-successfulAuthentication')).toBeDefined();
    expect(page.text(page.byTestId('panel-api-calls'))).toContain('/rest/api/3/permissions/check');
  });

  it("shows the X-Forwarded-For chain of a token's last use with the entry taken, so an admin sees what the platform sends", async () => {
    const usage = { lastUsedAt: NOW - 60_000, lastUsedIp: '203.0.113.5', lastUsedChain: { entries: ['10.9.9.9', '203.0.113.5', '198.51.100.2'], taken: 1 }, useCount: 4, requestsPerDay: [] };
    const unknown = { ...usage, lastUsedIp: null, lastUsedChain: { entries: ['', '198.51.100.2'], taken: null } };
    const tokens = [tokenView({ id: 'tok-a', usage }), tokenView({ id: 'tok-b', usage: unknown }), tokenView({ id: 'tok-c' })];
    const page = await openAdmin({}, adminBootstrap({ tokens: { tokens, cursor: null } }));

    expect(page.text(page.byTestId('token-address-chain-tok-a'))).toBe('X-Forwarded-For: 10.9.9.9, [203.0.113.5], 198.51.100.2; the entry in brackets was taken');
    expect(page.text(page.byTestId('token-address-chain-tok-b'))).toBe('X-Forwarded-For: (blank), 198.51.100.2; no entry could be taken');
    expect(page.find({ testId: 'token-address-chain-tok-c' })).toBeUndefined();
  });

  it('shows a spinner while the bootstrap is in flight', async () => {
    let answer: (value: ReturnType<typeof ok>) => void = () => undefined;
    const pending = new Promise<ReturnType<typeof ok>>((resolve) => (answer = resolve));
    const page = await renderPage('admin', { resolvers: { 'admin/bootstrap': () => pending as never } });
    expect(page.byTestId('loading-state')).toBeDefined();
    expect(page.find({ testId: 'token-table' })).toBeUndefined();
    answer(ok(adminBootstrap()));
    await page.waitFor(() => page.find({ testId: 'token-table' }));
  });

  it('tells a non-administrator they need to be a Jira administrator, without a retry', async () => {
    const page = await renderPage('admin', { resolvers: { 'admin/bootstrap': () => failure('FORBIDDEN', 'Only Jira administrators can do this.') } });
    await page.waitFor(() => page.find({ testId: 'admin-forbidden' }));
    expect(page.text()).toContain('You need to be a Jira administrator');
    expect(page.find({ type: 'Button', text: 'Try again' })).toBeUndefined();
    expect(page.find({ testId: 'token-table' })).toBeUndefined();
  });

  it('shows the error with a retry that bootstraps again', async () => {
    let calls = 0;
    const page = await renderPage('admin', {
      resolvers: {
        'admin/bootstrap': () => (++calls === 1 ? failure('UNAVAILABLE', 'Storage is not answering.') : ok(adminBootstrap())),
      },
    });
    await page.waitFor(() => page.find({ testId: 'admin-error' }));
    expect(page.text(page.byTestId('admin-error'))).toContain('Storage is not answering.');
    await page.click(page.byTestId('admin-error-retry'));
    await page.waitFor(() => page.find({ testId: 'token-table' }));
    expect(page.invocationCount('admin/bootstrap')).toBe(2);
  });

  it('offers to create the first token when there are none', async () => {
    const page = await openAdmin({}, adminBootstrap({ tokens: { tokens: [], cursor: null } }));
    const empty = page.byTestId('tokens-empty');
    expect(page.text(empty)).toContain('No API tokens yet');
    expect(page.find({ testId: 'token-table' })).toBeUndefined();
    // One "Create token" button (the header's), not a second one in the empty state.
    expect(page.findAll((node) => node.type === 'Button' && page.text(node) === 'Create token')).toHaveLength(1);
    await page.click(page.byTestId('create-token'));
    expect(page.byTestId('create-token-modal')).toBeDefined();
  });

  it('opens the audit log admin page through the router', async () => {
    const page = await openAdmin();
    await page.click(page.byTestId('open-audit-log'));
    expect(page.navigations).toEqual([{ target: 'module', moduleKey: 'audit-log', type: 'same-tab' }]);
  });
});

describe('admin page: creating a token', () => {
  it('creates a token for the chosen owner, shows the secret once, and lists it by its hint', async () => {
    const created = tokenView({ id: 'tok-new', description: 'Backup job for Alice', hint: 'jat_NEWHNT', createdBy: 'local-admin' });
    const page = await openAdmin(
      {
        'users/search': ({ query }) => ok({ users: [alice, bob].filter((user) => user.displayName.toLowerCase().includes(query.toLowerCase())) }),
        'tokens/create': () => ok({ token: created, secret: SECRET }),
      },
      adminBootstrap(),
      true,
    );

    await page.click(page.byTestId('create-token'));
    await page.change(page.byTestId('create-owner-search'), 'ali');
    const option = await page.waitFor(() => page.find({ testId: 'create-owner-option-alice' }), { what: 'the user search results' });
    expect(page.payloadsOf('users/search')).toEqual([{ query: 'ali' }]);
    await page.click(option);
    expect(page.text(page.byTestId('create-owner-selected'))).toContain('Alice Example');
    await page.change(page.byTestId('create-description'), 'Backup job for Alice');
    await page.change(page.byTestId('create-scope'), { label: 'Read & write', value: 'read-write' });
    await page.change(page.byTestId('create-allowlist'), '10.0.0.0/8\n\n 2001:db8::/32 ');
    await page.change(page.byTestId('create-rate-limit-requests'), '100');
    await page.click(page.byTestId('create-submit'));

    const panel = await page.waitFor(() => page.find({ testId: 'secret-panel' }), { what: 'the secret panel' });
    const [payload] = page.payloadsOf('tokens/create');
    expect(payload).toMatchObject({
      ownerAccountId: 'alice',
      description: 'Backup job for Alice',
      scope: 'read-write',
      ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
      rateLimit: { requests: 100, windowSeconds: 60 },
    });
    // Default expiry is 90 days out, sent as ISO.
    expect(Date.parse(payload.expiresAt!) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(page.find({ type: 'CodeBlock', props: { text: SECRET } })).toBeDefined();
    expect(page.text(panel)).toContain('You will not see it again');

    await page.click(page.byTestId('secret-copy'));
    expect(page.copied).toEqual([SECRET]);
    expect(page.text(page.byTestId('secret-copy'))).toBe('Copied');

    // Escape or a click on the blanket (the modal's onClose) must not discard an uncopied secret.
    (page.byTestId('secret-panel').props.onClose as () => void)();
    await page.settle();
    expect(page.find({ type: 'CodeBlock', props: { text: SECRET } })).toBeDefined();

    await page.click(page.byTestId('secret-done'));
    expect(page.find({ testId: 'secret-panel' })).toBeUndefined();
    expect(serialized(page.root())).not.toContain(SECRET);
    expect(page.text(page.byTestId('token-hint-tok-new'))).toBe('jat_NEWHNT');
  });

  it('says the clipboard is unavailable instead of pretending to copy', async () => {
    const page = await openAdmin({ 'tokens/create': () => ok({ token: tokenView({ id: 'tok-new' }), secret: SECRET }) });
    await page.click(page.byTestId('create-token'));
    await page.change(page.byTestId('create-description'), 'No clipboard here');
    await page.click(page.byTestId('create-submit'));
    await page.waitFor(() => page.find({ testId: 'secret-panel' }));
    await page.click(page.byTestId('secret-copy'));
    expect(page.text(page.byTestId('secret-copy'))).toBe('Copy');
    expect(page.byTestId('secret-copy-unavailable')).toBeDefined();
  });

  it('leaves out the owner when none is chosen, so the token belongs to the admin', async () => {
    const page = await openAdmin({ 'tokens/create': () => ok({ token: tokenView({ id: 'tok-new' }), secret: SECRET }) });
    await page.click(page.byTestId('create-token'));
    await page.change(page.byTestId('create-description'), 'Mine');
    await page.change(page.byTestId('create-expiry'), { label: 'Never', value: 'never' });
    await page.click(page.byTestId('create-submit'));
    await page.waitFor(() => page.find({ testId: 'secret-panel' }));
    expect(page.payloadsOf('tokens/create')).toEqual([{ description: 'Mine', scope: 'read-only', expiresAt: null }]);
  });

  it('does not create the token for the admin when the owner search holds text nobody picked from (Enter submits the dialog)', async () => {
    const page = await openAdmin({ 'users/search': () => ok({ users: [alice] }), 'tokens/create': () => ok({ token: tokenView({ id: 'tok-new' }), secret: SECRET }) });
    await page.click(page.byTestId('create-token'));
    await page.change(page.byTestId('create-description'), 'For Alice');
    await page.change(page.byTestId('create-owner-search'), 'Alice');
    await page.click(page.byTestId('create-submit'));
    expect(page.invocationCount('tokens/create')).toBe(0);
    expect(page.text(page.byTestId('create-owner-issues'))).toContain('Pick a person from the results');
    await page.waitFor(() => page.find({ testId: 'create-owner-option-alice' }), { what: 'the search results' });
    await page.click(page.byTestId('create-owner-option-alice'));
    await page.change(page.byTestId('create-expiry'), { label: 'Never', value: 'never' });
    await page.click(page.byTestId('create-submit'));
    await page.waitFor(() => page.find({ testId: 'secret-panel' }));
    expect(page.payloadsOf('tokens/create')).toEqual([{ description: 'For Alice', scope: 'read-only', expiresAt: null, ownerAccountId: 'alice' }]);
  });

  it('requires a description before asking the server', async () => {
    const page = await openAdmin({ 'tokens/create': () => ok({ token: tokenView(), secret: SECRET }) });
    await page.click(page.byTestId('create-token'));
    await page.click(page.byTestId('create-submit'));
    expect(page.text(page.byTestId('create-description-issues'))).toContain('Describe what the token is for');
    expect(page.invocationCount('tokens/create')).toBe(0);
  });

  it('shows the resolver’s INVALID_INPUT issues next to the fields they name', async () => {
    const page = await openAdmin({
      'tokens/create': () =>
        failure('INVALID_INPUT', 'Invalid request', [
          { path: 'ipAllowlist.1', message: 'Not an IP address or CIDR range' },
          { path: 'description', message: 'Must not contain control characters' },
        ]),
    });
    await page.click(page.byTestId('create-token'));
    await page.change(page.byTestId('create-description'), 'Bad\u0007one');
    await page.change(page.byTestId('create-allowlist'), '10.0.0.0/8\nnot-an-ip');
    await page.click(page.byTestId('create-submit'));
    await page.waitFor(() => page.find({ testId: 'create-error' }));
    expect(page.text(page.byTestId('create-allowlist-issues'))).toBe('Line 2: Not an IP address or CIDR range');
    expect(page.text(page.byTestId('create-description-issues'))).toBe('Must not contain control characters');
    expect(page.find({ testId: 'secret-panel' })).toBeUndefined();
  });

  it('offers no expiry beyond the maximum validity policy', async () => {
    const data = adminBootstrap();
    data.settings.policies.maxValidity = '30d';
    const page = await openAdmin({}, data);
    await page.click(page.byTestId('create-token'));
    const options = page.byTestId('create-expiry').props.options as Array<{ value: string }>;
    expect(options.map((option) => option.value)).toEqual(['7', '30', 'max', 'date']);
  });
});

describe('admin page: revoking, rotating and editing', () => {
  it('asks for confirmation before revoking, then calls tokens/revoke and shows the new status', async () => {
    const token = tokenView({ id: 'tok-1' });
    const page = await openAdmin({
      'tokens/revoke': ({ tokenId }) => ok({ token: { ...token, id: tokenId, state: 'revoked', status: 'revoked', revokedAt: NOW, revokedBy: 'local-admin' } }),
    });
    await page.click(page.byTestId('token-revoke-tok-1'));
    const modal = page.byTestId('revoke-modal');
    expect(page.text(modal)).toContain('stop working immediately');
    expect(page.invocationCount('tokens/revoke')).toBe(0);

    await page.click(page.byTestId('revoke-modal-confirm'));
    await page.waitFor(() => !page.find({ testId: 'revoke-modal' }));
    expect(page.payloadsOf('tokens/revoke')).toEqual([{ tokenId: 'tok-1' }]);
    expect(page.find({ type: 'Lozenge', text: 'Revoked' })).toBeDefined();
    expect(page.find({ testId: 'token-revoke-tok-1' })).toBeUndefined();
  });

  it('cancelling the confirmation revokes nothing', async () => {
    const page = await openAdmin({ 'tokens/revoke': () => ok({ token: tokenView() }) });
    await page.click(page.byTestId('token-revoke-tok-1'));
    await page.click(page.byTestId('revoke-modal-cancel'));
    expect(page.find({ testId: 'revoke-modal' })).toBeUndefined();
    expect(page.invocationCount('tokens/revoke')).toBe(0);
  });

  it('keeps the confirmation open with the reason when revoking fails', async () => {
    const page = await openAdmin({ 'tokens/revoke': () => failure('NOT_FOUND', 'That token no longer exists.') });
    await page.click(page.byTestId('token-revoke-tok-1'));
    await page.click(page.byTestId('revoke-modal-confirm'));
    await page.waitFor(() => page.find({ testId: 'revoke-modal-error' }));
    expect(page.text(page.byTestId('revoke-modal-error'))).toContain('That token no longer exists.');
  });

  it('revokes all tokens of a user after confirming how many will stop working', async () => {
    const aliceTokens = [tokenView({ id: 'tok-a1' }), tokenView({ id: 'tok-a2' }), tokenView({ id: 'tok-a3' })];
    const page = await openAdmin({
      'users/search': () => ok({ users: [alice] }),
      'tokens/list': (payload) => ok({ tokens: payload.status === 'active' ? aliceTokens : aliceTokens, cursor: null }),
      'tokens/revokeAllForUser': () => ok({ revoked: 3 }),
    });
    await page.change(page.byTestId('filter-owner-search'), 'alice');
    await page.click(await page.waitFor(() => page.find({ testId: 'filter-owner-option-alice' })));
    await page.waitFor(() => page.invocationCount('tokens/list') === 1);
    expect(page.payloadsOf('tokens/list')[0]).toEqual({ ownerAccountId: 'alice' });

    await page.click(page.byTestId('revoke-all'));
    const count = await page.waitFor(() => page.find({ testId: 'revoke-all-count' }));
    expect(page.text(count)).toContain('Alice Example has 3 active tokens');
    expect(page.payloadsOf('tokens/list')[1]).toEqual({ ownerAccountId: 'alice', status: 'active' });
    expect(page.text(page.byTestId('revoke-all-modal-confirm'))).toBe('Revoke 3 tokens');
    expect(page.invocationCount('tokens/revokeAllForUser')).toBe(0);

    await page.click(page.byTestId('revoke-all-modal-confirm'));
    await page.waitFor(() => page.find({ testId: 'token-notice' }));
    expect(page.payloadsOf('tokens/revokeAllForUser')).toEqual([{ accountId: 'alice' }]);
    expect(page.text(page.byTestId('token-notice'))).toContain('Revoked 3 tokens of Alice Example.');
  });

  it('stops offering "Revoke all tokens of …" once the owner has no active token left', async () => {
    let revoked = false;
    const page = await openAdmin({
      'users/search': () => ok({ users: [alice] }),
      'tokens/list': () => ok({ tokens: [tokenView({ id: 'tok-a1', status: revoked ? 'revoked' : 'active' })], cursor: null }),
      'tokens/revokeAllForUser': () => {
        revoked = true;
        return ok({ revoked: 1 });
      },
    });
    await page.change(page.byTestId('filter-owner-search'), 'alice');
    await page.click(await page.waitFor(() => page.find({ testId: 'filter-owner-option-alice' })));
    await page.waitFor(() => page.find({ testId: 'revoke-all' }));
    await page.click(page.byTestId('revoke-all'));
    await page.click(await page.waitFor(() => page.find({ testId: 'revoke-all-modal-confirm' })));
    await page.waitFor(() => page.find({ testId: 'token-notice' }));
    await page.waitFor(() => page.find({ testId: 'revoke-all' }) === undefined, { what: 'the revoke-all button to go' });
  });

  it('rotates with the chosen grace period and reveals the new secret once', async () => {
    const replacement = tokenView({ id: 'tok-2', replaces: 'tok-1', hint: 'jat_ROTATD' });
    const page = await openAdmin({
      'tokens/rotate': () => ok({ token: replacement, secret: SECRET }),
      'tokens/list': () => ok({ tokens: [replacement, tokenView({ replacedBy: 'tok-2', graceEndsAt: NOW + 604_800_000 })], cursor: null }),
    });
    await page.click(page.byTestId('token-rotate-tok-1'));
    const grace = page.byTestId('rotate-grace');
    expect((grace.props.options as Array<{ value: number }>).map((option) => option.value)).toEqual([0, 3600, 86_400, 604_800]);
    await page.change(grace, { label: '7 days', value: 604_800 });
    await page.click(page.byTestId('rotate-confirm'));
    await page.waitFor(() => page.find({ testId: 'secret-panel' }));
    expect(page.payloadsOf('tokens/rotate')).toEqual([{ tokenId: 'tok-1', graceSeconds: 604_800 }]);
    expect(page.find({ type: 'CodeBlock', props: { text: SECRET } })).toBeDefined();
    await page.waitFor(() => page.find({ testId: 'token-hint-tok-2' }));
    expect(page.find({ type: 'Lozenge', text: 'Replaced' })).toBeDefined();
    await page.click(page.byTestId('secret-done'));
    expect(page.find({ type: 'CodeBlock', props: { text: SECRET } })).toBeUndefined();
  });

  it('edits only what changed and explains that scope and expiry need a new token', async () => {
    const page = await openAdmin({
      'tokens/update': (payload) => ok({ token: tokenView({ description: payload.description ?? 'Nightly backup' }) }),
    });
    await page.click(page.byTestId('token-edit-tok-1'));
    expect(page.text(page.byTestId('edit-scope-expiry-note'))).toContain('create a new token');
    expect(page.find({ testId: 'edit-scope' })).toBeUndefined();
    await page.change(page.byTestId('edit-description'), 'Nightly backup (db-02)');
    await page.click(page.byTestId('edit-submit'));
    await page.waitFor(() => !page.find({ testId: 'edit-token-modal' }));
    expect(page.payloadsOf('tokens/update')).toEqual([{ tokenId: 'tok-1', description: 'Nightly backup (db-02)' }]);
    expect(page.text(page.byTestId('token-table'))).toContain('Nightly backup (db-02)');
  });

  it('sends a cleared rate limit as null (no limit of its own)', async () => {
    const page = await openAdmin(
      { 'tokens/update': () => ok({ token: tokenView({ rateLimit: null }) }) },
      adminBootstrap({ tokens: { tokens: [tokenView({ rateLimit: { requests: 10, windowSeconds: 60 } })], cursor: null } }),
    );
    await page.click(page.byTestId('token-edit-tok-1'));
    await page.change(page.byTestId('edit-rate-limit-requests'), '');
    await page.click(page.byTestId('edit-submit'));
    await page.waitFor(() => page.invocationCount('tokens/update') === 1);
    expect(page.payloadsOf('tokens/update')).toEqual([{ tokenId: 'tok-1', rateLimit: null }]);
  });
});

describe('admin page: filters and paging', () => {
  it('debounces the text filter into one tokens/list call', async () => {
    const page = await openAdmin({ 'tokens/list': () => ok({ tokens: [tokenView({ id: 'tok-9', description: 'backup' })], cursor: null }) });
    const field = page.byTestId('filter-text');
    await page.change(field, 'b');
    await page.change(page.byTestId('filter-text'), 'ba');
    await page.change(page.byTestId('filter-text'), 'backup');
    await page.waitFor(() => page.find({ testId: 'token-hint-tok-9' }));
    expect(page.payloadsOf('tokens/list')).toEqual([{ text: 'backup' }]);
  });

  it('lists with the status and expiry filters, and keeps them consistent', async () => {
    const page = await openAdmin({ 'tokens/list': () => ok({ tokens: [], cursor: null }) });
    await page.change(page.byTestId('filter-status'), { label: 'Revoked', value: 'revoked' });
    await page.waitFor(() => page.invocationCount('tokens/list') === 1);
    await page.change(page.byTestId('filter-expiring'), { label: 'Within 30 days', value: '30' });
    await page.waitFor(() => page.invocationCount('tokens/list') === 2);
    // The resolver lists expiring tokens among active ones only, so the expiry filter replaces "revoked".
    expect(page.payloadsOf('tokens/list')).toEqual([{ status: 'revoked' }, { expiringWithinDays: 30 }]);
    expect(page.text(page.byTestId('tokens-empty-filtered'))).toContain('No tokens match these filters');
    await page.click(page.byTestId('clear-filters'));
    await page.waitFor(() => page.invocationCount('tokens/list') === 3);
    expect(page.payloadsOf('tokens/list')[2]).toEqual({});
  });

  it('loads the next page with the cursor and appends it', async () => {
    const page = await openAdmin(
      { 'tokens/list': () => ok({ tokens: [tokenView({ id: 'tok-2', description: 'Second page' })], cursor: null }) },
      adminBootstrap({ tokens: { tokens: [tokenView({ id: 'tok-1' })], cursor: 'cursor-1' } }),
    );
    await page.click(page.byTestId('load-more'));
    await page.waitFor(() => page.find({ testId: 'token-hint-tok-2' }));
    expect(page.payloadsOf('tokens/list')).toEqual([{ cursor: 'cursor-1' }]);
    expect(page.find({ testId: 'token-hint-tok-1' })).toBeDefined();
    expect(page.find({ testId: 'load-more' })).toBeUndefined();
  });

  it('shows a failed listing with a retry', async () => {
    let calls = 0;
    const page = await openAdmin({
      'tokens/list': () => (++calls === 1 ? failure('UNAVAILABLE', 'Try later.') : ok({ tokens: [tokenView({ id: 'tok-5' })], cursor: null })),
    });
    await page.change(page.byTestId('filter-status'), { label: 'Active', value: 'active' });
    await page.waitFor(() => page.find({ testId: 'token-list-error' }));
    await page.click(page.byTestId('token-list-error-retry'));
    await page.waitFor(() => page.find({ testId: 'token-hint-tok-5' }));
    expect(page.payloadsOf('tokens/list')).toEqual([{ status: 'active' }, { status: 'active' }]);
  });
});
