/**
 * The admin page from the keyboard alone (issue 17), at 1366 px, at 800 px and at 200 % zoom:
 * create a token, rotate and revoke one, move between tabs. Every step says where focus must be
 * afterwards. The dialogs and tabs are drawn by the local UI Kit preview, which follows
 * Atlaskit's focus rules (local/server/README.md), so these flows hold for the app's own logic.
 */
import type { Page } from 'playwright-core';
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { focusedElement, focusIsInside, openPage, SIZE_CASES, tabTo, useBrowserAndHost, type ViewSize } from '../support/browser';

const { host, browser } = useBrowserAndHost({ store: 'memory' });


async function createToken(description: string): Promise<string> {
  const result = await host().invoke<ResolverResult<DataOf<'tokens/create'>>>('api-token-admin', 'tokens/create', {
    description,
    scope: 'read-only',
    expiresAt: null,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.token.id;
}

async function openAdminPage(size: ViewSize): Promise<Page> {
  const page = await openPage(browser(), host(), 'api-token-admin', { size });
  await page.locator('[data-testid=token-table], [data-testid=tokens-empty]').first().waitFor();
  return page;
}

/** Focus moves after React has drawn the next state: waits for it briefly rather than sampling once. */
async function focusSettlesOn(page: Page, testId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const focused = await focusedElement(page);
    if (focused === testId) return focused;
    await page.waitForTimeout(50);
  }
  return focusedElement(page);
}

/** The secret panel has taken focus; Tab to "Done" and Enter close it. */
async function closeSecretPanel(page: Page): Promise<void> {
  const secret = page.getByTestId('secret-panel');
  await secret.waitFor();
  expect(await focusIsInside(page, 'secret-panel')).toBe(true);
  await tabTo(page, 'secret-done', { max: 10 });
  await page.keyboard.press('Enter');
  await secret.waitFor({ state: 'detached' });
}

describe.each(SIZE_CASES)('the admin page from the keyboard at %s', (_name, size) => {
  it('creates a token: the dialog keeps focus, Enter in the description creates it, and focus returns to "Create token"', async () => {
    const page = await openAdminPage(size);
    await tabTo(page, 'create-token');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('create-token-modal');
    await dialog.waitFor();
    expect(await focusSettlesOn(page, 'create-owner-search')).toBe('create-owner-search');

    // The focus trap: Shift+Tab from the first field wraps to the dialog's last button, Tab back to the first.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedElement(page)).toBe('create-submit');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('create-owner-search');

    await tabTo(page, 'create-description', { max: 10 });
    const description = `Typed at ${size.name}`;
    await page.keyboard.type(description);
    await page.keyboard.press('Enter');
    await closeSecretPanel(page);
    expect(await focusSettlesOn(page, 'create-token')).toBe('create-token');
    expect(await page.getByTestId('token-table').textContent()).toContain(description);
    await page.context().close();
  });

  it('rotates and then revokes a token, focus back in the token list after each dialog', async () => {
    const tokenId = await createToken(`Rotated at ${size.name}`);
    const page = await openAdminPage(size);

    await tabTo(page, `token-rotate-${tokenId}`, { max: 120 });
    await page.keyboard.press('Enter');
    const rotate = page.getByTestId('rotate-token-modal');
    await rotate.waitFor();
    expect(await focusSettlesOn(page, 'rotate-grace')).toBe('rotate-grace');
    await tabTo(page, 'rotate-confirm', { max: 5 });
    await page.keyboard.press('Enter');
    await closeSecretPanel(page);
    // Back on the Rotate button, or, where the rotated token offers no Rotate any more, on what took its place.
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await focusIsInside(page, 'token-table')).toBe(true);

    await tabTo(page, `token-revoke-${tokenId}`, { max: 120 });
    await page.keyboard.press('Enter');
    const revoke = page.getByTestId('revoke-modal');
    await revoke.waitFor();
    expect(await focusSettlesOn(page, 'revoke-modal-cancel')).toBe('revoke-modal-cancel');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('revoke-modal-confirm');
    await page.keyboard.press('Enter');
    await revoke.waitFor({ state: 'detached' });
    await page.getByTestId('token-notice').waitFor();
    // The revoked row has no actions left: focus goes to the nearest control where its button was, never to the page.
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await focusIsInside(page, 'token-table')).toBe(true);
    await page.context().close();
  });

  it('moves between tabs with the arrow keys, Home and End, focus following the selected tab', async () => {
    const page = await openAdminPage(size);
    await tabTo(page, 'tab-tokens');
    const steps: Array<[string, string, string]> = [
      ['ArrowRight', 'tab-settings', 'panel-settings'],
      ['ArrowRight', 'tab-api-calls', 'panel-api-calls'],
      ['ArrowRight', 'tab-destinations', 'panel-destinations'],
      ['ArrowRight', 'tab-alerts', 'panel-alerts'],
      ['ArrowRight', 'tab-tokens', 'panel-tokens'],
      ['ArrowLeft', 'tab-alerts', 'panel-alerts'],
      ['Home', 'tab-tokens', 'panel-tokens'],
      ['End', 'tab-alerts', 'panel-alerts'],
      ['ArrowLeft', 'tab-destinations', 'panel-destinations'],
      ['ArrowLeft', 'tab-api-calls', 'panel-api-calls'],
    ];
    for (const [key, tab, panel] of steps) {
      await page.keyboard.press(key);
      expect(await focusedElement(page)).toBe(tab);
      expect(await page.getByTestId(tab).getAttribute('aria-selected')).toBe('true');
      await page.getByTestId(panel).waitFor();
    }
    // Only the selected tab is a Tab stop: Tab goes on to its panel.
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('panel-api-calls');
    await page.context().close();
  });
});
