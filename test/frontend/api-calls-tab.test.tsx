/** The admin page's "API calls" tab at the ForgeDoc level: catalog, support link, recent calls or the empty state. */
import { ATTRIBUTES, type AuditEvent } from '../../src/domain/audit/model';
import { catalogView } from '../../src/resolvers/outbound';
import { renderPage, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, ok } from './fixtures';

function appApiCall(id: string, callId: string, status: string): AuditEvent {
  return {
    id,
    timestamp: '2026-11-20T09:30:00.000Z',
    author: { id: 'api-token-audit', name: 'API Token Audit', type: 'app' },
    type: { category: 'App API calls', action: 'App API call', categoryI18nKey: 'c', actionI18nKey: 'a' },
    affectedObjects: [{ id: callId, name: 'why', type: 'API call' }],
    changedValues: [],
    extraAttributes: [
      { name: ATTRIBUTES.callId, value: callId },
      { name: ATTRIBUTES.requestMethod, value: 'GET' },
      { name: ATTRIBUTES.requestPath, value: '/rest/api/3/user/search?query&maxResults' },
      { name: ATTRIBUTES.statusCode, value: status },
      { name: ATTRIBUTES.durationMs, value: '42' },
      { name: ATTRIBUTES.actor, value: 'app' },
    ],
    source: null,
    method: 'App',
    system: 'http://127.0.0.1',
  };
}

async function renderApiCallsTab(recentCalls: AuditEvent[]): Promise<RenderedPage> {
  const page = await renderPage('admin', { resolvers: { 'admin/bootstrap': () => ok(adminBootstrap({ catalog: catalogView(), recentCalls })) } });
  // UI Kit sends every tab panel in the tree; the product switches between them in the browser.
  await page.waitFor(() => page.find({ testId: 'api-calls-tab' }), { what: 'the API calls panel' });
  return page;
}

describe('API calls tab', () => {
  it('lists every catalog entry with its method, route, identity, origin and sentence, and the support link', async () => {
    const page = await renderApiCallsTab([]);
    const table = page.byTestId('api-calls-catalog');
    const text = page.text(table);
    for (const call of catalogView().calls) {
      expect(text).toContain(call.id);
      expect(text).toContain(call.route);
      expect(text).toContain(call.description);
    }
    expect(text).toContain('Back end');
    const link = page.get({ type: 'Link' });
    expect(link.props.href).toBe(catalogView().supportUrl);
    expect(page.invocations.map((call) => call.functionKey)).toEqual(['admin/bootstrap']);
  });

  it('says how to start recording when no call has been recorded', async () => {
    const page = await renderApiCallsTab([]);
    expect(page.text(page.byTestId('api-calls-empty'))).toMatch(/Turn on "App API calls" in Audit settings/);
    expect(page.find({ testId: 'api-calls-recent' })).toBeUndefined();
  });

  it('shows the recorded calls with their request, status and duration', async () => {
    const page = await renderApiCallsTab([appApiCall('e1', 'users.search', '200'), appApiCall('e2', 'users.bulk', '429')]);
    const text = page.text(page.byTestId('api-calls-recent'));
    expect(text).toContain('users.search');
    expect(text).toContain('GET /rest/api/3/user/search?query&maxResults');
    expect(text).toContain('429');
    expect(text).toContain('42 ms');
    expect(page.find({ testId: 'api-calls-empty' })).toBeUndefined();
  });
});
