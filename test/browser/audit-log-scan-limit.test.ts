/**
 * Free-text search on the audit-log page when the scan limit stops a page early: the page says
 * so, offers to keep searching further back, and drops the notice once the scan reaches the end.
 * Its own host, because it stores more than a thousand events (through the audit helper's bulk
 * loader, built by the real buildEvent/toRow) that the other page tests should not page through.
 */
import type { Page } from 'playwright-core';
import type { AuditSearchPayload } from '../../src/shared/resolvers';
import { SCAN_LIMIT } from '../../src/domain/audit/search';
import { syntheticRows } from '../integration/support/audit';
import { seedAuditRows } from '../support/audit-seed';
import { openPage, useBrowserAndHost } from '../support/browser';

const { host, browser } = useBrowserAndHost({ store: 'memory' });

let needleId: string;

/** More events than one default scan covers, all older than the needle and none matching it. */
const HAYSTACK = SCAN_LIMIT.default + 200;

beforeAll(async () => {
  await seedAuditRows(syntheticRows(HAYSTACK, { now: Date.now(), prefix: 'hay' }));
  const created = await host().invoke<{ ok: true; data: { token: { id: string } } }>('api-token-admin', 'tokens/create', {
    description: 'Needle deploy key',
    scope: 'read-only',
    expiresAt: null,
  });
  needleId = created.data.token.id;
}, 120_000);

async function answered(page: Page, action: () => Promise<void>): Promise<void> {
  const before = Number(await page.getByTestId('results').getAttribute('data-answers'));
  await action();
  await page.waitForFunction((previous) => {
    const section = document.querySelector('[data-testid=results]');
    return section !== null && Number(section.getAttribute('data-answers')) > previous && section.getAttribute('data-state') !== 'loading';
  }, before);
}

/** The audit-log page once its first answer is in, with every later `audit/search` payload it sends. */
async function openAuditLog(): Promise<{ page: Page; searches: AuditSearchPayload[] }> {
  const page = await openPage(browser(), host(), 'audit-log', { customUiDocument: true });
  await page.waitForSelector('[data-testid=results][data-answers="1"]');
  const searches: AuditSearchPayload[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/invoke')) return;
    const body = request.postDataJSON() as { functionKey: string; payload: AuditSearchPayload };
    if (body.functionKey === 'audit/search') searches.push(body.payload);
  });
  return { page, searches };
}

it('says when a text search stopped at the scan limit, keeps searching on request, and ends without the notice', async () => {
  const { page, searches } = await openAuditLog();

  await page.getByTestId('filter-text').fill('needle');
  await answered(page, () => page.getByTestId('filter-text').press('Enter'));
  // A first page also asks how many more match (answered only where one index can count them).
  expect(searches).toEqual([{ limit: 50, search: 'needle', countBeyond: true }]);

  const rows = async (): Promise<string[]> =>
    page.$$eval('[data-testid=event-row]', (cells) => cells.map((row) => (row as HTMLElement).dataset.eventId ?? ''));
  const [first] = await rows();
  expect(await rows()).toHaveLength(1);
  const detail = await host().invoke<{ ok: true; data: { entities: Array<{ id: string; affectedObjects: Array<{ id: string }> }> } }>(
    'audit-log',
    'audit/search',
    { search: 'needle' },
  );
  expect(detail.data.entities.map((event) => event.id)).toEqual([first]);
  expect(detail.data.entities[0].affectedObjects[0].id).toBe(needleId);

  await page.getByTestId('scan-limit-notice').waitFor();
  const keepSearching = page.getByTestId('load-more');
  expect(await keepSearching.textContent()).toBe('Keep searching');

  // The haystack is larger than one scan but smaller than two: the next scan reaches the end.
  await answered(page, () => keepSearching.click());
  expect(searches).toHaveLength(2);
  expect(searches[1]).toEqual({ limit: 50, search: 'needle', cursor: expect.any(String), countBeyond: true });
  expect(await rows()).toEqual([first]);
  await page.getByTestId('results-end').waitFor();
  expect(await page.getByTestId('scan-limit-notice').count()).toBe(0);
  await page.context().close();
});

it('scans deeper in one page when the admin chooses a larger scan limit, and says nothing about a stop', async () => {
  const { page, searches } = await openAuditLog();

  // Choosing the depth alone sends nothing: it only applies to text searches.
  await page.getByTestId('filter-scan-limit').selectOption({ label: '5,000 events' });
  await page.getByTestId('filter-text').fill('needle');
  await answered(page, () => page.getByTestId('filter-text').press('Enter'));

  expect(searches).toEqual([{ limit: 50, search: 'needle', scanLimit: 5_000, countBeyond: true }]);
  await page.getByTestId('results-end').waitFor();
  expect(await page.getByTestId('event-row').count()).toBe(1);
  expect(await page.getByTestId('scan-limit-notice').count()).toBe(0);
  await page.context().close();
});
