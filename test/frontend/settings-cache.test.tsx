/** The gateway cache setting on the Audit settings tab: the choices, the revocation delay shown, and what is saved. */
import { renderPage, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, ok, settings } from './fixtures';

async function openSettings(options: { saves: boolean } = { saves: false }): Promise<RenderedPage> {
  const page = await renderPage('admin', {
    resolvers: {
      'admin/bootstrap': () => ok(adminBootstrap({ settings: settings() })),
      ...(!options.saves ? {} : { 'settings/update': ({ settings: submitted }) => ok({ settings: { ...submitted, version: submitted.version + 1 } }) }),
    },
  });
  await page.waitFor(() => page.find({ testId: 'panel-settings' }), { what: 'the settings tab' });
  return page;
}

describe('gateway cache setting', () => {
  it('is off by default and says revocation then takes effect at once', async () => {
    const page = await openSettings();
    expect(page.byTestId('verification-cache').props.value).toMatchObject({ value: 0 });
    expect(page.text(page.byTestId('panel-settings'))).toContain('Revoking a token takes effect at once.');
  });

  it('shows the revocation delay of the chosen time and saves it', async () => {
    const page = await openSettings({ saves: true });
    await page.change(page.byTestId('verification-cache'), { label: '30 seconds', value: 30 });
    expect(page.text(page.byTestId('panel-settings'))).toContain('can still pass a caching gateway for up to 30 seconds');
    await page.click(page.byTestId('settings-review-open'));
    expect(page.text(page.byTestId('change-verificationCacheSeconds'))).toContain('Off → 30 seconds');
    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-saved' }));
    expect(page.payloadsOf('settings/update')[0].settings.verificationCacheSeconds).toBe(30);
  });
});
