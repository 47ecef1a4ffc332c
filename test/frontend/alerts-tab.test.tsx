/** The admin page's "Alerts" tab at the ForgeDoc level: listing open alerts, acknowledging one, a failed answer. */
import type { AlertView } from '../../src/domain/alerts/model';
import { renderPage, type FakeResolvers, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, failure, NOW, ok } from './fixtures';

function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: '2026-11-20.revokedTokenPresented.tok-1',
    signal: 'revokedTokenPresented',
    day: '2026-11-20',
    status: 'open',
    createdAt: NOW,
    tokenId: 'tok-1',
    tokenDescription: 'Leaked CI token',
    ownerAccountId: 'alice',
    sentence: 'The revoked token "Leaked CI token" of Alice Example was presented from 203.0.113.7.',
    eventId: 'signal.2026-11-20.revokedTokenPresented.tok-1',
    clientIp: '203.0.113.7',
    delivery: null,
    ...overrides,
  };
}

const burst = alert({
  id: '2026-11-20.failureBurst.tok-2',
  signal: 'failureBurst',
  tokenId: 'tok-2',
  tokenDescription: 'Deploy key',
  sentence: 'Deploy key failed verification 25 times within 5 minutes.',
  eventId: 'signal.2026-11-20.failureBurst.tok-2',
  failures: 25,
});

/** The admin page with the Alerts panel loaded: `alerts/list` answers as given, no webhooks, plus `more`. */
async function openAlertsTab(list: NonNullable<FakeResolvers['alerts/list']>, more: FakeResolvers = {}): Promise<RenderedPage> {
  const page = await renderPage('admin', {
    resolvers: {
      'admin/bootstrap': () => ok(adminBootstrap()),
      'alerts/list': list,
      'alerts/webhooks/list': () => ok({ webhooks: [] }),
      ...more,
    },
  });
  await page.waitFor(() => page.find({ testId: 'alerts-load' }), { what: 'the Alerts panel' });
  await page.click(page.byTestId('alerts-load'));
  return page;
}

describe('Alerts tab', () => {
  it('costs no invocation on first render, then lists the open alerts with their signal and sentence', async () => {
    const page = await renderPage('admin', {
      resolvers: {
        'admin/bootstrap': () => ok(adminBootstrap()),
        'alerts/list': () => ok({ alerts: [alert(), burst], cursor: null, acknowledgerNames: {} }),
        'alerts/webhooks/list': () => ok({ webhooks: [] }),
      },
    });
    await page.waitFor(() => page.find({ testId: 'alerts-load' }), { what: 'the Alerts panel' });
    expect(page.invocations.map((call) => call.functionKey)).toEqual(['admin/bootstrap']);
    await page.click(page.byTestId('alerts-load'));
    await page.waitFor(() => page.find({ testId: `alert-acknowledge-${burst.id}` }), { what: 'the Acknowledge button of the second alert' });
    expect(page.payloadsOf('alerts/list')).toEqual([{ status: 'open' }]);
    const text = page.text(page.byTestId('alerts-table'));
    expect(text).toContain('Revoked or expired token presented');
    expect(text).toContain(alert().sentence);
    expect(text).toContain('Burst of failed verifications');
    expect(text).toContain(burst.sentence);
    expect(text).toContain('Not sent (no webhook)');
    expect(page.find({ testId: `alert-acknowledge-${alert().id}` })).toBeDefined();
  });

  it('acknowledges an alert by its id and takes it off the open list', async () => {
    const page = await openAlertsTab(() => ok({ alerts: [alert(), burst], cursor: null, acknowledgerNames: {} }), {
      'alerts/acknowledge': ({ alertId }) => ok({ alert: { ...(alertId === burst.id ? burst : alert()), status: 'acknowledged' as const, acknowledgedAt: NOW, acknowledgedBy: 'local-admin' } }),
    });
    await page.waitFor(() => page.find({ testId: `alert-acknowledge-${alert().id}` }), { what: 'the Acknowledge button' });
    await page.click(page.byTestId(`alert-acknowledge-${alert().id}`));
    await page.waitFor(() => page.find({ testId: 'alerts-message' }), { what: 'the acknowledged message' });
    expect(page.payloadsOf('alerts/acknowledge')).toEqual([{ alertId: alert().id }]);
    expect(page.text(page.byTestId('alerts-message'))).toBe('Acknowledged: Revoked or expired token presented for "Leaked CI token".');
    expect(page.find({ testId: `alert-acknowledge-${alert().id}` })).toBeUndefined();
    expect(page.find({ testId: `alert-acknowledge-${burst.id}` })).toBeDefined();
    expect(page.text(page.byTestId('alerts-table'))).not.toContain(alert().sentence);
  });

  it('shows the message of an UNAVAILABLE answer instead of a list', async () => {
    const page = await openAlertsTab(() => failure('UNAVAILABLE', 'The app could not complete this request right now.'));
    await page.waitFor(() => page.find({ testId: 'alerts-message' }), { what: 'the error message' });
    const message = page.byTestId('alerts-message');
    expect(message.props.appearance).toBe('error');
    expect(page.text(message)).toBe('The app could not complete this request right now.');
    expect(page.text(page.byTestId('alerts-table'))).not.toContain('Revoked or expired token presented');
  });

  it('shows the message of an UNAVAILABLE acknowledgement and keeps the alert open', async () => {
    const page = await openAlertsTab(() => ok({ alerts: [alert()], cursor: null, acknowledgerNames: {} }), {
      'alerts/acknowledge': () => failure('UNAVAILABLE', 'Storage is not answering.'),
    });
    await page.waitFor(() => page.find({ testId: `alert-acknowledge-${alert().id}` }), { what: 'the Acknowledge button' });
    await page.click(page.byTestId(`alert-acknowledge-${alert().id}`));
    await page.waitFor(() => page.find({ testId: 'alerts-message' }), { what: 'the error message' });
    expect(page.byTestId('alerts-message').props.appearance).toBe('error');
    expect(page.text(page.byTestId('alerts-message'))).toBe('Storage is not answering.');
    expect(page.find({ testId: `alert-acknowledge-${alert().id}` })).toBeDefined();
  });
  it("opens the audit log filtered to the alert's event: its token, its signal's action, its UTC day", async () => {
    const page = await openAlertsTab(() => ok({ alerts: [alert(), burst], cursor: null, acknowledgerNames: {} }));
    await page.waitFor(() => page.find({ testId: `alert-events-${burst.id}` }), { what: 'the events link of the second alert' });
    await page.click(page.byTestId(`alert-events-${burst.id}`));
    const day = 'from=2026-11-20T00%3A00%3A00.000Z&to=2026-11-20T23%3A59%3A59.999Z';
    expect(page.navigations).toEqual([{ target: 'module', moduleKey: 'audit-log', path: `/events?v=1&object=tok-2&action=failureBurst&${day}`, type: 'same-tab' }]);
  });
  it("names who acknowledged by the display name Jira gave, and by the account id where it gave none", async () => {
    const byAdmin = alert({ status: 'acknowledged', acknowledgedAt: NOW, acknowledgedBy: 'local-admin' });
    const byGone = { ...burst, status: 'acknowledged' as const, acknowledgedAt: NOW, acknowledgedBy: 'gone-account' };
    const page = await openAlertsTab(() => ok({ alerts: [byAdmin, byGone], cursor: null, acknowledgerNames: { 'local-admin': 'Local Admin' } }));
    await page.waitFor(() => page.find({ testId: `alert-events-${burst.id}` }), { what: 'the acknowledged alerts' });
    const text = page.text(page.byTestId('alerts-table'));
    expect(text).toContain('by Local Admin');
    expect(text).not.toContain('by local-admin');
    expect(text).toContain('by gone-account');
  });
});
