/** The admin page's "Destinations" tab at the ForgeDoc level: status, add, test, resume, verify integrity. */
import type { DestinationView } from '../../src/domain/siem/destination';
import { renderPage } from '../support/forgedoc';
import { adminBootstrap, ok } from './fixtures';

function destination(overrides: Partial<DestinationView> & { status?: 'active' | 'stopped' } = {}): DestinationView {
  const { status = 'active', ...rest } = overrides;
  return {
    id: 'd1',
    kind: 'splunk-hec',
    name: 'Splunk prod',
    url: 'https://acme.splunkcloud.com:8088',
    createdAt: 0,
    hasCredential: true,
    lag: status === 'stopped' ? 42 : 0,
    lagCapped: false,
    state: {
      position: { t: 0, ids: [] },
      status,
      lastDeliveryAt: Date.UTC(2026, 11, 1, 9, 0),
      lastDeliveredCount: 10,
      delivered: 1000,
      lastError: status === 'stopped' ? { at: 0, status: 401, message: 'The destination answered 401.' } : null,
      retryAt: null,
    },
    ...rest,
  };
}

describe('Destinations tab', () => {
  it('costs no invocation on first render, then shows each destination with status, lag and last error', async () => {
    const page = await renderPage('admin', {
      resolvers: {
        'admin/bootstrap': () => ok(adminBootstrap()),
        'destinations/list': () => ok({ destinations: [destination(), destination({ id: 'd2', name: 'Datadog', kind: 'datadog', status: 'stopped' })] }),
      },
    });
    await page.waitFor(() => page.find({ testId: 'destinations-load' }), { what: 'the Destinations panel' });
    expect(page.invocations.map((call) => call.functionKey)).toEqual(['admin/bootstrap']);
    await page.click(page.byTestId('destinations-load'));
    await page.waitFor(() => page.find({ testId: 'destination-resume-d2' }), { what: 'the Resume button of the stopped destination' });
    const text = page.text(page.byTestId('destinations-table'));
    expect(text).toContain('Splunk prod');
    expect(text).toContain('Stopped');
    expect(text).toContain('42');
    expect(text).toContain('401: The destination answered 401.');
    expect(page.find({ testId: 'destination-resume-d1' })).toBeUndefined();
  });

  it('saves a new destination with its credential, and Resume and Verify integrity report back', async () => {
    const page = await renderPage('admin', {
      resolvers: {
        'admin/bootstrap': () => ok(adminBootstrap()),
        'destinations/list': () => ok({ destinations: [destination({ status: 'stopped' })] }),
        'destinations/save': ({ destination: input }) => ok({ destination: destination({ id: 'd9', name: input.name }) }),
        'destinations/resume': () => ok({ destination: destination() }),
        'integrity/verify': () =>
          ok({ ok: false, seals: 3, skipped: 0, firstMismatch: { seq: 2, from: 0, to: 1, fromIso: '2026-12-01T00:00:00.000Z', toIso: '2026-12-01T01:00:00.000Z', kind: 'changed', eventId: 'e42' } }),
      },
    });
    await page.waitFor(() => page.find({ testId: 'destination-save' }), { what: 'the form' });
    await page.change(page.byTestId('destination-kind'), { label: 'Datadog Logs', value: 'datadog' });
    await page.change(page.byTestId('destination-name'), 'Datadog EU');
    await page.change(page.byTestId('destination-url'), 'https://http-intake.logs.datadoghq.eu');
    await page.change(page.byTestId('destination-credential'), 'dd-key');
    await page.click(page.byTestId('destination-save'));
    await page.waitFor(() => page.find({ testId: 'destinations-message' }), { what: 'the saved message' });
    expect(page.payloadsOf('destinations/save')).toEqual([{ destination: { kind: 'datadog', name: 'Datadog EU', url: 'https://http-intake.logs.datadoghq.eu', credential: 'dd-key' } }]);
    expect(page.text(page.byTestId('destinations-message'))).toContain('Saved "Datadog EU"');
    await page.click(page.byTestId('destination-resume-d1'));
    await page.waitFor(() => page.text(page.byTestId('destinations-message')).includes('Resume'), { what: 'the resume message' });
    expect(page.payloadsOf('destinations/resume')).toEqual([{ destinationId: 'd1' }]);
    await page.click(page.byTestId('integrity-verify'));
    await page.waitFor(() => page.find({ testId: 'integrity-result' }), { what: 'the integrity result' });
    expect(page.text(page.byTestId('integrity-result'))).toBe('Seal 2 (2026-12-01T00:00:00.000Z to 2026-12-01T01:00:00.000Z) no longer matches: changed event e42.');
  });
});
