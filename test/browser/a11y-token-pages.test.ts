/**
 * Accessibility as a standing check (issue 17), the UI Kit pages as the local preview draws them:
 * axe-core's WCAG 2.0/2.1 A and AA rules over the admin page (every tab and dialog) and the
 * personal page in each of their states, at 1366 px, at 800 px and at 200 % zoom, in Chromium
 * against the local host. A violation fails with its rule, the node and its HTML.
 */
import { expectNoAxeViolations, openPage, SIZE_CASES, useBrowserAndHost } from '../support/browser';
import { createToken } from '../integration/support/verification';

const { host, browser } = useBrowserAndHost({ store: 'memory' });


describe('before any token exists', () => {
  it.each(SIZE_CASES)('the token pages have no violations at %s', async (_name, size) => {
    const admin = await openPage(browser(), host(), 'api-token-admin', { size });
    await admin.getByTestId('tokens-empty').waitFor();
    await expectNoAxeViolations(admin, `the admin page without tokens at ${size.name}`);
    await admin.context().close();

    const personal = await openPage(browser(), host(), 'my-api-tokens', { size, accountId: 'bob' });
    await personal.getByTestId('tokens-empty').waitFor();
    await expectNoAxeViolations(personal, `the personal page without tokens at ${size.name}`);
    await personal.context().close();
  });
});

describe('with tokens', () => {
  let aliceToken: string;

  beforeAll(async () => {
    for (let index = 0; index < 4; index += 1) {
      const created = await createToken(host(), {
        description: `Nightly export job ${index} on build-0${index}`,
        scope: index % 2 === 0 ? 'read-only' : 'read-write',
        ownerAccountId: index < 2 ? 'alice' : 'local-admin',
        ipAllowlist: ['203.0.113.0/24'],
        rateLimit: { requests: 100, windowSeconds: 60 },
      });
      if (index === 0) aliceToken = created.token.id;
    }
  });

  it.each(SIZE_CASES)('the admin page has no violations on any tab or dialog at %s', async (_name, size) => {
    const page = await openPage(browser(), host(), 'api-token-admin', { size });
    const check = (state: string): Promise<void> => expectNoAxeViolations(page, `the admin page, ${state}, at ${size.name}`);
    await page.getByTestId('token-table').waitFor();
    await check('Tokens tab with tokens');

    await page.getByTestId('create-token').click();
    await page.getByTestId('create-token-modal').waitFor();
    await check('the create dialog');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('create-description-issues').waitFor();
    await check('the create dialog with a missing description');
    await page.getByTestId('create-description').fill('Checked by axe');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('secret-panel').waitFor();
    await check('the new secret shown once');
    await page.getByTestId('secret-done').click();
    await page.getByTestId('secret-panel').waitFor({ state: 'detached' });

    for (const [action, dialog, cancel] of [
      ['edit', 'edit-token-modal', 'edit-cancel'],
      ['rotate', 'rotate-token-modal', 'rotate-cancel'],
      ['revoke', 'revoke-modal', 'revoke-modal-cancel'],
    ] as const) {
      await page.getByTestId(`token-${action}-${aliceToken}`).click();
      await page.getByTestId(dialog).waitFor();
      await check(`the ${action} dialog`);
      await page.getByTestId(cancel).click();
      await page.getByTestId(dialog).waitFor({ state: 'detached' });
    }

    await page.getByTestId('filter-owner-search').fill('Alice');
    await page.getByTestId('filter-owner-option-alice').click();
    await page.getByTestId('revoke-all').click();
    await page.getByTestId('revoke-all-modal').waitFor();
    await check('the revoke-all dialog');
    await page.getByTestId('revoke-all-modal-cancel').click();

    await page.getByRole('tab', { name: 'Audit settings' }).click();
    await page.getByTestId('toggle-permissionDenied').waitFor();
    await check('Audit settings tab');
    // Flipped (each size saves it once more), so there is always a change to review.
    await page.getByTestId('toggle-permissionDenied').click();
    await page.getByTestId('settings-review-open').click();
    await page.getByTestId('settings-review').waitFor();
    await check('the review-changes dialog');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await check('settings saved');

    await page.getByRole('tab', { name: 'API calls' }).click();
    await page.getByTestId('api-calls-tab').waitFor();
    await check('API calls tab');
    await page.context().close();
  });

  it.each(SIZE_CASES)('the personal page has no violations in any state at %s', async (_name, size) => {
    const page = await openPage(browser(), host(), 'my-api-tokens', { size, accountId: 'alice' });
    const check = (state: string): Promise<void> => expectNoAxeViolations(page, `the personal page, ${state}, at ${size.name}`);
    await page.getByTestId('token-table').waitFor();
    await check('with tokens');
    await page.getByTestId('create-token').click();
    await page.getByTestId('create-token-modal').waitFor();
    await check('the create dialog');
    await page.getByTestId('create-cancel').click();
    await page.getByTestId(`token-revoke-${aliceToken}`).click();
    await page.getByTestId('revoke-modal').waitFor();
    await check('the revoke dialog');
    await page.getByTestId('revoke-modal-cancel').click();
    await page.context().close();
  });

  it.each(SIZE_CASES)('keeps the tokens table inside its card at %s, scrolling sideways within it when it is wider', async (_name, size) => {
    const page = await openPage(browser(), host(), 'api-token-admin', { size });
    await page.getByTestId('token-table').waitFor();
    const fit = await page.evaluate(() => {
      const card = document.getElementById('forge-root')?.getBoundingClientRect();
      const table = document.querySelector('[data-testid=token-table] .forge-table-scroll')?.getBoundingClientRect();
      return {
        cardRight: card?.right ?? 0,
        tableRight: table?.right ?? Infinity,
        pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    });
    expect(fit.tableRight).toBeLessThanOrEqual(fit.cardRight);
    expect(fit.pageScrollsSideways).toBe(false);
    await page.context().close();
  });

  it('tells a non-administrator on the admin page, without violations', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin', { accountId: 'bob' });
    await page.getByTestId('admin-forbidden').waitFor();
    await expectNoAxeViolations(page, 'the admin page refusing a non-administrator');
    await page.context().close();
  });
});
