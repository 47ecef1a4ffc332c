// The admin page (api-token-admin) in Chromium against the real app on the local host (issue 3).
import { TOKEN_PREFIX } from '../../src/domain/tokens/format';
import type { Settings } from '../../src/domain/settings/model';
import type { ResolverResult } from '../../src/shared/result';
import { invocationsOnLoad, openPage, useBrowserAndHost } from '../support/browser';

describe('admin page in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  it('renders its first screen from one resolver invocation', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await expect(invocationsOnLoad(page, '[data-testid="admin-tabs"]')).resolves.toEqual(['admin/bootstrap']);
    await page.context().close();
  });

  it('creates a token for alice, copies the secret once, and lists it by its hint', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host().url });

    await page.getByTestId('create-token').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.getByTestId('create-owner-search').fill('Alice');
    await page.getByTestId('create-owner-option-alice').click();
    await page.getByTestId('create-owner-selected').waitFor();
    await page.getByTestId('create-description').fill('Backup job for Alice');
    await page.getByTestId('create-scope').selectOption({ label: 'Read & write' });
    await page.getByTestId('create-allowlist').fill('127.0.0.0/8');
    await page.getByTestId('create-submit').click();

    const secretBlock = page.getByTestId('secret-value');
    await secretBlock.waitFor();
    const secret = (await secretBlock.textContent())?.trim() ?? '';
    expect(secret.startsWith(TOKEN_PREFIX)).toBe(true);
    await expect(page.getByTestId('secret-warning').textContent()).resolves.toContain('You will not see it again');

    // The copy icon is Atlaskit's drawing, not a Unicode glyph that headless fonts show as an empty box.
    await expect(page.getByTestId('secret-copy').locator('[data-glyph=copy] svg').count()).resolves.toBe(1);
    await expect(page.getByTestId('secret-copy').textContent()).resolves.not.toContain('⧉');
    await page.getByTestId('secret-copy').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="secret-copy"]')?.textContent?.endsWith('Copied'));
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);

    await page.getByTestId('secret-done').click();
    await secretBlock.waitFor({ state: 'detached' });
    await expect(page.content()).resolves.not.toContain(secret);

    // Listed by its hint (prefix + first characters of the secret, then an ellipsis), owned by Alice.
    const listed = await host().invoke<ResolverResult<{ tokens: Array<{ id: string; hint: string; ownerAccountId: string }> }>>('api-token-admin', 'tokens/list', { ownerAccountId: 'alice' });
    if (!listed.ok) throw new Error(listed.error.message);
    const [token] = listed.data.tokens;
    expect(token?.ownerAccountId).toBe('alice');
    expect(secret.startsWith((token?.hint ?? '-').replace(/…$/, ''))).toBe(true);
    const hintCell = page.getByTestId(`token-hint-${token?.id ?? ''}`);
    await expect(hintCell.textContent()).resolves.toBe(token?.hint);
    await expect(page.getByTestId('token-table').textContent()).resolves.toContain('Backup job for Alice');

    // The copied secret is the real one: the verification endpoint accepts it, as alice.
    const verified = await host().webtrigger('verify-token', { headers: { authorization: `Bearer ${secret}` } });
    expect(verified.status).toBe(200);
    expect(verified.json()).toMatchObject({ valid: true, accountId: 'alice', scope: 'read-write' });
    await page.context().close();
  });

  it('saves a flipped audit toggle after reviewing it, and the change survives a reload', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByRole('tab', { name: 'Audit settings' }).click();
    const toggle = page.getByTestId('toggle-successfulAuthentication');
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.check();
    await page.getByTestId('settings-review-open').click();
    const review = page.getByTestId('settings-review');
    await review.waitFor();
    // The labels on the page, not the internal keys the audit event records.
    await expect(review.getByTestId('change-audit.successfulAuthentication').textContent()).resolves.toContain('Record: Successful authentication:Off → On');
    await expect(review.textContent()).resolves.not.toContain('audit.successfulAuthentication');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    // The confirmation is where the admin is (beside the buttons at the foot of a long page), not scrolled away.
    const inView = await page.getByTestId('settings-saved').evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);

    await page.reload();
    await page.getByRole('tab', { name: 'Audit settings' }).click();
    await expect(page.getByTestId('toggle-successfulAuthentication').isChecked()).resolves.toBe(true);
    const stored = await host().invoke<ResolverResult<{ settings: Settings }>>('api-token-admin', 'settings/get', {});
    expect(stored.ok && stored.data.settings.audit.successfulAuthentication).toBe(true);
    await page.context().close();
  });

  it('tells a non-administrator they need to be a Jira administrator', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin', { accountId: 'bob' });
    await expect(page.getByTestId('admin-forbidden').textContent()).resolves.toContain('You need to be a Jira administrator');
    await page.context().close();
  });
});
