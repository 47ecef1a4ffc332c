// The host in a real browser: the index lists the pages, a UI Kit page renders, and a click reaches the resolver.
import { openPage, useBrowserAndHost } from '../support/browser';
import { FIXTURE_APP } from '../support/host';

describe('local host in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ app: FIXTURE_APP });

  it('lists the page modules and web trigger URLs on the index page', async () => {
    const page = await browser().newPage();
    await page.goto(`${host().url}/`);
    await expect(page.getByRole('link', { name: 'Fixture page' }).getAttribute('href')).resolves.toBe('/pages/fixture-page');
    await expect(page.getByTestId('webtrigger-url-echo').textContent()).resolves.toBe(host().webtriggerUrl('echo'));
    await expect(page.getByTestId('acting-user').textContent()).resolves.toBe('Local Admin');
    await page.close();
  });

  it('renders a UI Kit page and shows the resolver answer after a click', async () => {
    const page = await openPage(browser(), host(), 'fixture-page', { accountId: 'alice' });
    await expect(page.getByRole('heading', { name: 'Fixture page', level: 2 }).isVisible()).resolves.toBe(true);
    const greeting = page.getByTestId('greeting');
    await expect(greeting.textContent()).resolves.toBe('Nobody asked yet.');
    await page.getByRole('button', { name: 'Who am I?' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="greeting"]')?.textContent === 'Hello, alice');
    await expect(greeting.getAttribute('data-forge-type')).resolves.toBe('Text');
    await page.context().close();
  });

  it('serves a Custom UI build in a frame under the header, with the bridge shim, so getContext and invoke work', async () => {
    const page = await openPage(browser(), host(), 'fixture-custom', { accountId: 'bob' });
    const frame = page.frameLocator('[data-testid=custom-ui-frame]');
    await frame.locator('#answer', { hasText: 'Hello, bob' }).waitFor();
    await expect(frame.locator('#context').textContent()).resolves.toBe('fixture-custom as bob');
    await page.context().close();
  });

  it('switches the acting user of a Custom UI page from the header above its frame', async () => {
    const page = await openPage(browser(), host(), 'fixture-custom', { accountId: 'bob' });
    const frame = page.frameLocator('[data-testid=custom-ui-frame]');
    await frame.locator('#answer', { hasText: 'Hello, bob' }).waitFor();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('local-account-switcher').selectOption('alice')]);
    await frame.locator('#answer', { hasText: 'Hello, alice' }).waitFor();
    await expect(frame.locator('#context').textContent()).resolves.toBe('fixture-custom as alice');
    await page.context().close();
  });

  it('switches the acting user from the page header', async () => {
    const page = await openPage(browser(), host(), 'fixture-page');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('local-account-switcher').selectOption('bob')]);
    await page.waitForSelector('[data-testid="ask"]');
    await page.getByTestId('ask').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="greeting"]')?.textContent === 'Hello, bob');
    await expect(page.getByTestId('greeting').textContent()).resolves.toBe('Hello, bob');
    await expect(page.getByTestId('local-account-switcher').inputValue()).resolves.toBe('bob');
    await page.context().close();
  });
});
