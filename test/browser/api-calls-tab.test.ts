// The admin page's "API calls" tab in Chromium, against the real app on the local host (issue 6).
import { OUTBOUND_CATALOG, VENDOR_SUPPORT_URL } from '../../src/adapters/outbound/catalog';
import { openPage, useBrowserAndHost } from '../support/browser';

describe('API calls tab in Chromium', () => {
  const { host, browser } = useBrowserAndHost();

  it('opens the tab and shows every catalog call with its sentence, the support link and how to start recording', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByRole('tab', { name: 'API calls' }).click();
    const catalog = page.getByTestId('api-calls-catalog');
    await catalog.waitFor();
    for (const entry of Object.values(OUTBOUND_CATALOG)) {
      await expect(catalog.getByText(entry.description, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('link', { name: /vendor.s support/ }).getAttribute('href')).resolves.toBe(VENDOR_SUPPORT_URL);
    await expect(page.getByText('Turn on "App API calls" in Audit settings', { exact: false }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
