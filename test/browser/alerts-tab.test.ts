// The admin page's Alerts tab in Chromium (docs/tokens.md): a revoked token presented to the
// verify-token web trigger opens a real alert, which the admin sees with its sentence, acknowledges,
// and then finds among the acknowledged alerts.
import type { AlertView } from '../../src/domain/alerts/model';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';
import { createToken, revokeToken, verify } from '../integration/support/verification';

describe('Alerts tab in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  let alert: AlertView;

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const { token, secret } = await createToken(host(), { description: 'Leaked CI token' });
    await revokeToken(host(), token.id);
    expect((await verify(host(), secret)).json().code).toBe('REVOKED_TOKEN');
    const listed = await host().invoke<ResolverResult<{ alerts: AlertView[] }>>('api-token-admin', 'alerts/list', { status: 'open' });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.alerts).toHaveLength(1);
    alert = listed.data.alerts[0];
  });
  afterAll(async () => {
    jest.restoreAllMocks();
  });

  it('shows the open alert with its sentence, acknowledges it, and lists it under acknowledged', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByTestId('tab-alerts').click();
    await page.getByTestId('alerts-load').click();
    const acknowledge = page.getByTestId(`alert-acknowledge-${alert.id}`);
    await acknowledge.waitFor();
    const open = await page.getByTestId('alerts-table').textContent();
    expect(open).toContain('Revoked or expired token presented');
    expect(open).toContain(alert.sentence);
    expect(alert.sentence).toContain('Leaked CI token');

    await acknowledge.click();
    const message = page.getByTestId('alerts-message');
    await message.waitFor();
    await expect(message.textContent()).resolves.toContain('Acknowledged: Revoked or expired token presented for "Leaked CI token".');
    await expect(acknowledge.count()).resolves.toBe(0);
    await expect(page.getByTestId('alerts-table').textContent()).resolves.not.toContain(alert.sentence);

    await page.getByTestId('alerts-status').selectOption({ label: 'Acknowledged' });
    await page.getByTestId('alerts-table').getByText(alert.sentence).waitFor();
    const acknowledged = await page.getByTestId('alerts-table').textContent();
    expect(acknowledged).toContain(alert.sentence);
    expect(acknowledged).toContain('Acknowledged');
    expect(acknowledged).toContain('by Local Admin');
    await expect(acknowledge.count()).resolves.toBe(0);
    await page.context().close();
  });
});
