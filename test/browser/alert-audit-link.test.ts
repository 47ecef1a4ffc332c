// From an alert to its events, in Chromium (docs/tokens.md, "Alerts"): the Alerts tab's link opens the
// audit-log page at a location carrying the alert's filter (src/shared/audit-link.ts), and the page lists
// only that token's alert event, shows the filter it opened with, and clears it. A crafted address with
// hostile values opens the page unfiltered and working, with nothing of it drawn as HTML.
import type { Frame, Page } from 'playwright-core';
import type { AlertView } from '../../src/domain/alerts/model';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { AuditSearchData, AuditSearchPayload } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { expectNoAxeViolations, openPage, useBrowserAndHost } from '../support/browser';
import { createToken, revokeToken, verify } from '../integration/support/verification';

describe('Alert links into the audit log, in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  let leaked: AlertView;
  let other: AlertView;

  async function search(payload: AuditSearchPayload): Promise<AuditEvent[]> {
    const result = await host().invoke<ResolverResult<AuditSearchData>>('audit-log', 'audit/search', { limit: 200, ...payload });
    if (!result.ok) throw new Error(result.error.message);
    return result.data.entities;
  }

  /** The audit-log app inside the host's shell, once its first answer is drawn. */
  async function auditLogFrame(page: Page): Promise<Frame> {
    await page.waitForURL(/\/pages\/audit-log(#.*)?$/);
    const element = await page.waitForSelector('[data-testid=custom-ui-frame]');
    const frame = await element.contentFrame();
    if (!frame) throw new Error('no Custom UI frame');
    await frame.waitForSelector('[data-testid=results][data-answers="1"]:not([data-state=loading])');
    return frame;
  }

  /** A fresh tab at an address of the host, as a person opening a shared link (a full load, not a fragment change). */
  async function openAddress(path: string): Promise<Page> {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.goto(`${host().url}${path}`);
    return page;
  }

  const rowIds = (frame: Frame): Promise<string[]> =>
    frame.$$eval('[data-testid=event-row]', (rows) => rows.map((row) => (row as HTMLElement).dataset.eventId ?? ''));

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    // Two revoked tokens presented the same day: two alerts of the same signal, told apart by their token.
    for (const description of ['Leaked CI token', 'Old deploy key']) {
      const { token, secret } = await createToken(host(), { description });
      await revokeToken(host(), token.id);
      expect((await verify(host(), secret)).json().code).toBe('REVOKED_TOKEN');
    }
    const listed = await host().invoke<ResolverResult<{ alerts: AlertView[] }>>('api-token-admin', 'alerts/list', { status: 'open' });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.alerts).toHaveLength(2);
    leaked = listed.data.alerts.find((alert) => alert.tokenDescription === 'Leaked CI token') as AlertView;
    other = listed.data.alerts.find((alert) => alert.tokenDescription === 'Old deploy key') as AlertView;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
  });

  it("an alert's link opens the audit log listing only its token's alert event, shows that filter, and clears it", async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByTestId('tab-alerts').click();
    await page.getByTestId('alerts-load').click();
    // What the audit-log app asks for, from its first request on.
    const calls: Array<{ functionKey: string; payload: unknown }> = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/api/invoke' || !request.frame().url().includes('/pages/audit-log/')) return;
      calls.push(request.postDataJSON() as { functionKey: string; payload: unknown });
    });
    await page.getByTestId(`alert-events-${leaked.id}`).click();

    const frame = await auditLogFrame(page);
    // Still one invocation to render: the bootstrap carries the link's filter.
    expect(calls.map((call) => call.functionKey)).toEqual(['audit/bootstrap']);
    expect(calls[0].payload).toEqual({
      query: { from: `${leaked.day}T00:00:00.000Z`, to: `${leaked.day}T23:59:59.999Z`, actions: ['Revoked or expired token presented'], affectedObject: { type: 'API token', id: leaked.tokenId } },
    });
    expect(new URL(page.url()).hash).toBe(`#/events?v=1&object=${leaked.tokenId}&action=revokedTokenPresented&from=${leaked.day}T00%3A00%3A00.000Z&to=${leaked.day}T23%3A59%3A59.999Z`);

    // The rows: exactly the search for that token, that action, that day; which is the alert's own event.
    const expected = await search({
      affectedObject: { type: 'API token', id: leaked.tokenId },
      actions: ['Revoked or expired token presented'],
      from: `${leaked.day}T00:00:00.000Z`,
      to: `${leaked.day}T23:59:59.999Z`,
    });
    expect(expected.map((event) => event.id)).toEqual([leaked.eventId]);
    expect(await rowIds(frame)).toEqual([leaked.eventId]);
    const everyEventOfBoth = await search({ actions: ['Revoked or expired token presented'] });
    expect(everyEventOfBoth.map((event) => event.id).sort()).toEqual([leaked.eventId, other.eventId].sort());

    // The filter it opened with, on screen.
    await frame.getByTestId('link-notice').waitFor();
    expect(await frame.getByTestId('filter-object-id').inputValue()).toBe(leaked.tokenId);
    expect(await frame.getByTestId('filter-object-type').inputValue()).toBe('API token');
    expect(await frame.getByTestId('filter-actions').textContent()).toContain('Revoked or expired token presented');
    expect(await frame.getByTestId('filter-from').inputValue()).not.toBe('');
    expect(await frame.getByTestId('filter-to').inputValue()).not.toBe('');
    await expectNoAxeViolations(page, 'audit log opened from an alert link');

    // Cleared: every event, no notice, and the address is the page's own again.
    await frame.getByTestId('filter-clear').click();
    await frame.waitForFunction(() => document.querySelectorAll('[data-testid=event-row]').length > 1);
    expect(await rowIds(frame)).toEqual(expect.arrayContaining([leaked.eventId, other.eventId]));
    expect(await frame.getByTestId('link-notice').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('');
    await page.context().close();
  });

  it('a filter chosen on the page is kept in the address, so opening that address shows the same view', async () => {
    const page = await openPage(browser(), host(), 'audit-log');
    let frame = await auditLogFrame(page);
    await frame.getByTestId('filter-object-id').fill(other.tokenId);
    await frame.getByTestId('filter-apply').click();
    await page.waitForURL((url) => url.hash === `#/events?v=1&object=${other.tokenId}`);
    const shared = page.url();
    await page.context().close();

    const second = await openAddress(new URL(shared).pathname + new URL(shared).hash);
    frame = await auditLogFrame(second);
    expect(await frame.getByTestId('filter-object-id').inputValue()).toBe(other.tokenId);
    const expected = await search({ affectedObject: { type: 'API token', id: other.tokenId } });
    expect(expected.length).toBeGreaterThan(0);
    expect(await rowIds(frame)).toEqual(expected.map((event) => event.id));

    // An address changed outside the page (edited by hand, back and forward) moves the filters with it.
    await second.evaluate((tokenId) => {
      window.location.hash = `#/events?v=1&object=${tokenId}`;
    }, leaked.tokenId);
    await frame.waitForFunction((id) => document.querySelector<HTMLInputElement>('[data-testid=filter-object-id]')?.value === id, leaked.tokenId);
    await frame.waitForSelector('[data-testid=results]:not([data-state=loading])');
    const forLeaked = await search({ affectedObject: { type: 'API token', id: leaked.tokenId } });
    await frame.waitForFunction((count) => document.querySelectorAll('[data-testid=event-row]').length === count, forLeaked.length);
    expect(await rowIds(frame)).toEqual(forLeaked.map((event) => event.id));
    await second.context().close();
  });

  it('a crafted address with hostile values opens the page unfiltered and working, drawing none of it as HTML', async () => {
    const dialogs: string[] = [];
    const watch = (page: Page): Page =>
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    const hostile = new URLSearchParams([
      ['v', '1'],
      ['object', '<img src=x onerror=alert(1)>'],
      ['from', 'javascript:alert(2)'],
      ['to', '9999-99-99'],
      ['action', '<script>alert(3)</script>'],
      ['category', 'x'.repeat(5000)],
      ['__proto__', '{"polluted":true}'],
    ]);
    const page = watch(await openAddress(`/pages/audit-log#/events?${hostile.toString()}`));
    const frame = await auditLogFrame(page);

    const unfiltered = await search({ limit: 50 });
    expect(await rowIds(frame)).toEqual(unfiltered.map((event) => event.id));
    expect(await frame.getByTestId('link-notice').count()).toBe(0);
    expect(await frame.getByTestId('filter-object-id').inputValue()).toBe('');
    expect(await frame.locator('img[src=x]').count()).toBe(0);
    expect(await frame.locator('script').evaluateAll((scripts) => scripts.filter((script) => script.textContent?.includes('alert(')).length)).toBe(0);
    expect(await frame.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();

    // Text is a filter the link may carry: it fills the text box as text, never as markup.
    await page.context().close();
    const textPage = watch(await openAddress(`/pages/audit-log#/events?q=${encodeURIComponent('<img src=x onerror=alert(4)>')}`));
    const texted = await auditLogFrame(textPage);
    expect(await texted.getByTestId('filter-text').inputValue()).toBe('<img src=x onerror=alert(4)>');
    expect(await texted.locator('img[src=x]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await textPage.context().close();
  });
});
