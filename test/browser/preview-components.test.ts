// The UI Kit preview renderer draws real @forge/react output as accessible HTML, and user input
// reaches the app's own handlers (test fixture app, page fixture-components).
import type { Page } from 'playwright-core';
import { openPage, useBrowserAndHost } from '../support/browser';
import { FIXTURE_APP } from '../support/host';

describe('UI Kit preview renderer', () => {
  const { host, browser } = useBrowserAndHost({ app: FIXTURE_APP });

  let page: Page;
  const state = (): Promise<string | null> => page.getByTestId('state').textContent();

  beforeEach(async () => {
    page = await openPage(browser(), host(), 'fixture-components');
  });
  afterEach(async () => {
    await page.context().close();
  });
  it('wires labelled select, toggle, checkbox and date picker to the app state', async () => {
    await page.getByLabel('Colour').selectOption({ label: 'Green' });
    await page.getByRole('switch', { name: 'Enabled' }).check();
    await page.getByRole('checkbox', { name: 'I agree' }).check();
    await page.getByLabel('Due date').fill('2026-12-24');
    await page.waitForFunction(() => document.querySelector('[data-testid="state"]')?.textContent?.includes('date=2026-12-24'));
    await expect(state()).resolves.toBe('colour=green enabled=true agreed=true date=2026-12-24');
    await expect(page.locator('[data-forge-type="Select"]').count()).resolves.toBe(1);
  });

  it('runs a useForm form: validation message first, then submit through the resolver', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Description is required.').waitFor();
    // The invalid form never reached the resolver.
    await expect(page.getByTestId('saved').textContent()).resolves.not.toMatch(/^saved/);
    await page.getByLabel('Description').fill('deploy bot');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="saved"]')?.textContent === 'saved deploy bot');
    await expect(page.getByTestId('saved').textContent()).resolves.toBe('saved deploy bot');
  });

  it('switches tabs and sorts a DynamicTable whose cells hold components', async () => {
    await expect(page.getByRole('tab', { name: 'Controls' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('tab', { name: 'Table' }).click();
    const table = page.getByRole('table', { name: 'Tokens' });
    await table.waitFor();
    const firstColumn = (): Promise<string[]> => table.locator('tbody tr td:first-child').allTextContents();
    await expect(firstColumn()).resolves.toEqual(['Beta', 'Alpha']);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect(firstColumn()).resolves.toEqual(['Alpha', 'Beta']);
    await expect(table.locator('[data-forge-type="Lozenge"]').allTextContents()).resolves.toEqual(['Revoked', 'Active']);
  });

  it('opens a modal dialog labelled by its title and closes it with Escape', async () => {
    await page.getByRole('button', { name: 'Open dialog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm' });
    await dialog.waitFor();
    await expect(dialog.getAttribute('aria-modal')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(dialog.count()).resolves.toBe(0);
  });

  it('renders section message actions given as elements, and they call the app', async () => {
    const message = page.getByRole('region', { name: 'Heads up' });
    await message.waitFor();
    await message.getByRole('button', { name: 'Dismiss' }).click();
    await message.waitFor({ state: 'detached' });
    await expect(message.count()).resolves.toBe(0);
  });
});
