// Token hygiene on both pages in Chromium (docs/tokens.md): the owner's banner, the admin page's
// expiring count and its filter, the "Owner deactivated" marker, and the unused-policy preview.
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';

const DAY = 86_400_000;

describe('token hygiene in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  let soon: DataOf<'tokens/create'>;
  let bobs: DataOf<'tokens/create'>;

  async function create(payload: Record<string, unknown>): Promise<DataOf<'tokens/create'>> {
    const result = await host().invoke<ResolverResult<DataOf<'tokens/create'>>>('api-token-admin', 'tokens/create', {
      scope: 'read-only',
      expiresAt: null,
      ownerAccountId: 'alice',
      ...payload,
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    soon = await create({ description: 'Nightly backup', expiresAt: new Date(Date.now() + 3 * DAY).toISOString() });
    await create({ description: 'Long-lived report', expiresAt: new Date(Date.now() + 60 * DAY).toISOString() });
    bobs = await create({ description: 'Bob deploy key', ownerAccountId: 'bob' });
    await host().setAccountActive('bob', false);
    await host().runScheduled('daily-housekeeping');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
  });

  it('shows the owner a banner of the tokens that expire soon', async () => {
    const page = await openPage(browser(), host(), 'my-api-tokens', { accountId: 'alice' });
    const banner = page.getByTestId('expiring-banner');
    await banner.waitFor();
    const text = await banner.textContent();
    expect(text).toContain('Nightly backup');
    expect(text).toContain(soon.token.hint);
    expect(text).not.toContain('Long-lived report');
    await page.context().close();
  });

  it('shows the admin a count whose "Show them" lists exactly those tokens, and marks a deactivated owner', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    const count = page.getByTestId('expiring-count');
    await count.waitFor();
    await expect(count.textContent()).resolves.toContain('1 token stops working within 7 days');
    await page.getByTestId(`owner-deactivated-${bobs.token.id}`).waitFor();

    await page.getByTestId('expiring-show').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="token-hint-"]').length === 1);
    await expect(page.getByTestId(`token-hint-${soon.token.id}`).count()).resolves.toBe(1);
    await page.context().close();
  });

  it('previews which tokens an unsaved unused-days value would revoke', async () => {
    host().advanceClock(40 * DAY);
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('hygiene-unused').selectOption({ label: 'Unused for 30 days' });
    await page.getByTestId('hygiene-unused-preview').click();
    const preview = page.getByTestId('unused-preview');
    await preview.waitFor();
    const text = await preview.textContent();
    // Every live token is idle since its creation 40 days ago; the 3-day token has ended and the policy was not saved.
    expect(text).toContain('Long-lived report');
    expect(text).toContain('Bob deploy key');
    expect(text).not.toContain('Nightly backup');
    await page.context().close();
  });
});
