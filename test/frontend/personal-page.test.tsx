/** The "My API tokens" personal settings page at the ForgeDoc level. */
import { renderPage, type FakeResolvers, type RenderedPage } from '../support/forgedoc';
import { failure, NOW, ok, personalBootstrap, tokenView } from './fixtures';

const SECRET = 'jat_personalSECRETvalue0123456789abcdefghij_1a2b3c';

async function openPersonal(resolvers: FakeResolvers = {}, data = personalBootstrap()): Promise<RenderedPage> {
  const page = await renderPage('personal', { resolvers: { 'personal/bootstrap': () => ok(data), ...resolvers }, context: { accountId: 'alice' } });
  await page.waitFor(() => page.find({ testId: 'token-filters' }), { what: 'the personal page' });
  return page;
}

describe('personal page (my-api-tokens)', () => {
  it('renders the caller’s tokens from exactly one personal/bootstrap invocation, without an owner column or filter', async () => {
    const page = await openPersonal();
    expect(page.invocations.map((call) => call.functionKey)).toEqual(['personal/bootstrap']);
    expect(page.byTestId('token-hint-tok-1')).toBeDefined();
    expect(page.find({ type: 'Cell', props: { cellKey: 'owner' } })).toBeUndefined();
    expect(page.find({ testId: 'filter-owner-search' })).toBeUndefined();
    expect(page.find({ testId: 'revoke-all' })).toBeUndefined();
  });

  it('never offers an owner field when creating, and never sends one', async () => {
    const page = await openPersonal({ 'tokens/create': () => ok({ token: tokenView({ id: 'tok-new', hint: 'jat_MINE00' }), secret: SECRET }) });
    await page.click(page.byTestId('create-token'));
    expect(page.find({ testId: 'create-owner-search' })).toBeUndefined();
    expect(page.text(page.byTestId('create-token-modal'))).not.toContain('Owner');
    await page.change(page.byTestId('create-description'), 'My laptop script');
    await page.click(page.byTestId('create-submit'));
    await page.waitFor(() => page.find({ testId: 'secret-panel' }));
    expect(page.payloadsOf('tokens/create')[0]).not.toHaveProperty('ownerAccountId');
    expect(page.find({ type: 'CodeBlock', props: { text: SECRET } })).toBeDefined();
    await page.click(page.byTestId('secret-done'));
    expect(page.find({ type: 'CodeBlock' })).toBeUndefined();
    expect(page.text(page.byTestId('token-hint-tok-new'))).toBe('jat_MINE00');
  });

  it('limits the scope and expiry to the policy: forced read-only, no audit-read, no "never" beyond the maximum', async () => {
    const page = await openPersonal(
      {},
      personalBootstrap({ policy: { canCreate: true, forcedScope: 'read-only', maxExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), defaultRateLimit: { requests: 60, windowSeconds: 60 } } }),
    );
    await page.click(page.byTestId('create-token'));
    const scope = page.byTestId('create-scope');
    expect((scope.props.options as Array<{ value: string }>).map((option) => option.value)).toEqual(['read-only']);
    expect(scope.props.isDisabled).toBe(true);
    expect(page.text(page.byTestId('create-token-modal'))).toContain('Your administrator requires Read only');
    const expiry = (page.byTestId('create-expiry').props.options as Array<{ value: string }>).map((option) => option.value);
    expect(expiry).not.toContain('never');
    expect(expiry).not.toContain('90');
    expect(page.text(page.byTestId('create-token-modal'))).toContain('Leave empty for the default: 60 per minute');
  });

  it('does not offer the audit-read scope to someone who is not an administrator', async () => {
    const page = await openPersonal();
    await page.click(page.byTestId('create-token'));
    const scopes = (page.byTestId('create-scope').props.options as Array<{ value: string }>).map((option) => option.value);
    expect(scopes).toEqual(['read-only', 'read-write']);
  });

  it('explains who may create tokens when the policy does not let the caller, and hides create', async () => {
    const page = await openPersonal({}, personalBootstrap({ policy: { canCreate: false, forcedScope: null, maxExpiresAt: null, defaultRateLimit: null } }));
    expect(page.text(page.byTestId('cannot-create'))).toContain('only members of selected groups');
    expect(page.find({ testId: 'create-token' })).toBeUndefined();
    expect(page.byTestId('token-revoke-tok-1')).toBeDefined();
  });

  it('shows an empty state that invites creating the first token', async () => {
    const page = await openPersonal({}, personalBootstrap({ tokens: { tokens: [], cursor: null } }));
    expect(page.text(page.byTestId('tokens-empty'))).toContain('You have no API tokens yet');
    expect(page.findAll((node) => node.type === 'Button' && page.text(node) === 'Create token')).toHaveLength(1);
    expect(page.find({ type: 'Button', testId: 'create-token' })).toBeDefined();
  });

  it('shows a load failure with a retry', async () => {
    let calls = 0;
    const page = await renderPage('personal', {
      resolvers: { 'personal/bootstrap': () => (++calls === 1 ? failure('UNAVAILABLE', 'The app could not complete this request right now.') : ok(personalBootstrap())) },
    });
    await page.waitFor(() => page.find({ testId: 'personal-error' }));
    expect(page.text(page.byTestId('personal-error'))).toContain('could not complete this request');
    await page.click(page.byTestId('personal-error-retry'));
    await page.waitFor(() => page.find({ testId: 'token-table' }));
  });

  it('revokes the caller’s own token after confirmation', async () => {
    const page = await openPersonal({
      'tokens/revoke': ({ tokenId }) => ok({ token: tokenView({ id: tokenId, state: 'revoked', status: 'revoked', revokedAt: NOW, revokedBy: 'alice' }) }),
    });
    await page.click(page.byTestId('token-revoke-tok-1'));
    expect(page.invocationCount('tokens/revoke')).toBe(0);
    await page.click(page.byTestId('revoke-modal-confirm'));
    await page.waitFor(() => page.find({ type: 'Lozenge', text: 'Revoked' }));
    expect(page.payloadsOf('tokens/revoke')).toEqual([{ tokenId: 'tok-1' }]);
  });

  it('filters the caller’s tokens without ever naming an owner', async () => {
    const page = await openPersonal({ 'tokens/list': () => ok({ tokens: [], cursor: null }) });
    await page.change(page.byTestId('filter-status'), { label: 'Expired', value: 'expired' });
    await page.waitFor(() => page.invocationCount('tokens/list') === 1);
    expect(page.payloadsOf('tokens/list')).toEqual([{ status: 'expired' }]);
  });
});
