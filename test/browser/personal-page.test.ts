// The "My API tokens" personal settings page (my-api-tokens) in Chromium against the real app on the local host (issue 3).
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { invocationsOnLoad, openPage, useBrowserAndHost } from '../support/browser';

describe('personal page in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  let created: DataOf<'tokens/create'>;

  beforeAll(async () => {
    // An administrator creates a token for alice (the admin page's own resolver, as the admin page would).
    const result = await host().invoke<ResolverResult<DataOf<'tokens/create'>>>('api-token-admin', 'tokens/create', {
      description: 'Deploy script for Alice',
      scope: 'read-only',
      expiresAt: null,
      ownerAccountId: 'alice',
    });
    if (!result.ok) throw new Error(result.error.message);
    created = result.data;
  });
  it('renders alice’s tokens from one resolver invocation, without an owner column', async () => {
    const page = await openPage(browser(), host(), 'my-api-tokens', { accountId: 'alice' });
    await expect(invocationsOnLoad(page, '[data-testid="token-table"]')).resolves.toEqual(['personal/bootstrap']);
    await expect(page.getByRole('columnheader', { name: 'Owner' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('shows bob none of alice’s tokens', async () => {
    const page = await openPage(browser(), host(), 'my-api-tokens', { accountId: 'bob' });
    await page.getByTestId('tokens-empty').waitFor();
    await expect(page.getByTestId(`token-hint-${created.token.id}`).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('alice sees the token an admin created for her, revokes it after confirming, and it stops verifying', async () => {
    const before = await host().webtrigger('verify-token', { method: 'GET', headers: { 'x-api-token': created.secret } });
    expect(before.status).toBe(200);

    const page = await openPage(browser(), host(), 'my-api-tokens', { accountId: 'alice' });
    const hint = page.getByTestId(`token-hint-${created.token.id}`);
    await expect(hint.textContent()).resolves.toBe(created.token.hint);
    await page.getByTestId(`token-revoke-${created.token.id}`).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.textContent()).resolves.toContain('stop working immediately');
    await page.getByTestId('revoke-modal-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('token-notice').waitFor();
    await expect(page.getByTestId('token-table').locator('[data-forge-type="Lozenge"]').first().textContent()).resolves.toBe('Revoked');

    const after = await host().webtrigger('verify-token', { method: 'GET', headers: { 'x-api-token': created.secret } });
    expect(after.status).toBe(401);
    expect(after.json()).toMatchObject({ valid: false, code: 'REVOKED_TOKEN' });
    await page.context().close();
  });
});
