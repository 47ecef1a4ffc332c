/**
 * The audit log from the keyboard alone (issue 17), as Jira shows it (inside the host's iframe), at
 * 1366 px, at 800 px and at 200 % zoom: open and close an event's detail, narrow the timeline,
 * export. Every step says where focus must be afterwards.
 */
import { readFile } from 'node:fs/promises';
import type { FrameLocator, Page } from 'playwright-core';
import type { Settings } from '../../src/domain/settings/model';
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { focusedElement, focusIsInside, openPage, SIZE_CASES, tabTo, useBrowserAndHost, type ViewSize } from '../support/browser';
import { expectOk } from '../support/result';
import { describeRequest, verify } from '../integration/support/verification';

const { host, browser } = useBrowserAndHost({ store: 'memory' });

/** Narrower than this (in CSS pixels) the detail panel covers the table and is a modal dialog. */
const PANEL_BREAKPOINT = 900;

/** Presents the token to verify-token, as a client would; the HTTP status it answered. */
async function verified(secret: string): Promise<number> {
  return (await verify(host(), secret, { headers: { 'x-forwarded-for': '203.0.113.9' }, body: describeRequest('GET', '/rest/api/3/myself') })).status;
}

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  // More than one table page (50 rows) in two bursts an hour apart, so the timeline has intervals to choose.
  const tokens: Array<DataOf<'tokens/create'>> = [];
  for (let index = 0; index < 4; index += 1) {
    tokens.push(
      await expectOk(
        host().invoke<ResolverResult<DataOf<'tokens/create'>>>('api-token-admin', 'tokens/create', {
          description: `Deploy job ${index}`,
          scope: 'read-only',
          expiresAt: null,
        }),
      ),
    );
  }
  const { settings } = await expectOk(host().invoke<ResolverResult<{ settings: Settings }>>('api-token-admin', 'settings/get', {}));
  await expectOk(host().invoke('api-token-admin', 'settings/update', { settings: { ...settings, audit: { ...settings.audit, successfulAuthentication: true } } }));
  for (const burst of [0, 1]) {
    if (burst === 1) host().advanceClock(3_600_000);
    for (let index = 0; index < 40; index += 1) {
      expect(await verified(tokens[index % 4].secret)).toBe(200);
    }
  }
}, 60_000);

async function openAuditLog(size: ViewSize): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await openPage(browser(), host(), 'audit-log', { size });
  const frame = page.frameLocator('[data-testid=custom-ui-frame]');
  await frame.locator('[data-testid=results][data-state=ready]').waitFor();
  await frame.getByTestId('load-more').waitFor();
  return { page, frame };
}

/** The event id of the focused row (in the frame), or null when focus is not on a row. */
function focusedRow(frame: FrameLocator): Promise<string | null> {
  return frame.locator(':root').evaluate(() => (document.activeElement as HTMLElement | null)?.closest('tr')?.dataset.eventId ?? null);
}

/** Resolves once the results have taken one more answer than before and are ready again. */
async function answered(frame: FrameLocator, action: () => Promise<void>): Promise<void> {
  const results = frame.getByTestId('results');
  const before = Number(await results.getAttribute('data-answers'));
  await action();
  await frame.locator(`[data-testid=results][data-state=ready]:not([data-answers="${before}"])`).waitFor();
}

describe.each(SIZE_CASES)('the audit log from the keyboard at %s', (_name, size) => {
  const narrow = size.width / size.zoom <= PANEL_BREAKPOINT;

  it(`opens an event's detail with Enter and closes it with Escape${narrow ? ', a modal dialog over the table' : ', beside the table'}`, async () => {
    const { page, frame } = await openAuditLog(size);
    const rowIds = await frame.getByTestId('event-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.eventId ?? ''));

    // The table is one Tab stop: Tab reaches its first row, and the next Tab leaves it for "Load more".
    await tabTo(page, 'event-row');
    expect(await focusedRow(frame)).toBe(rowIds[0]);
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('load-more');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedRow(frame)).toBe(rowIds[0]);

    await page.keyboard.press('ArrowDown');
    expect(await focusedRow(frame)).toBe(rowIds[1]);
    await page.keyboard.press('Enter');
    const panel = frame.getByTestId('detail-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-event-id')).toBe(rowIds[1]);
    expect(await focusedElement(page)).toBe('#detail-title');

    if (narrow) {
      // Covering the table, the panel is modal: Shift+Tab wraps to its own last control, never to the page behind.
      expect(await panel.getAttribute('role')).toBe('dialog');
      expect(await panel.getAttribute('aria-modal')).toBe('true');
      await page.keyboard.press('Shift+Tab');
      expect(await focusedElement(page)).toBe('detail-json-region');
      await page.keyboard.press('Tab');
      expect(await focusedElement(page)).toBe('detail-close');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(await focusedRow(frame)).toBe(rowIds[1]);
    } else {
      // Beside the table, the page stays reachable; Escape closes the panel from there and focus stays put.
      expect(await panel.getAttribute('role')).toBeNull();
      await page.keyboard.press('Shift+Tab');
      expect(await focusedElement(page)).toBe('load-more');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(await focusedElement(page)).toBe('load-more');
      // The table's Tab stop is the row last focused.
      await page.keyboard.press('Shift+Tab');
      expect(await focusedRow(frame)).toBe(rowIds[1]);
    }
    await page.context().close();
  });

  it('narrows the date range from the timeline: End, Shift+Left, Enter, and focus stays on the chart', async () => {
    const { page, frame } = await openAuditLog(size);
    await tabTo(page, 'timeline-chart');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await frame.getByTestId('timeline-announcement').textContent()).toMatch(/–.*Authentication \d+/);
    expect(await focusedElement(page)).toBe('timeline-chart');

    await answered(frame, () => page.keyboard.press('Enter'));
    expect(await frame.getByTestId('filter-from').inputValue()).not.toBe('');
    expect(await frame.getByTestId('filter-to').inputValue()).not.toBe('');
    expect(await focusedElement(page)).toBe('timeline-chart');
    await page.context().close();
  });

  it('exports with Enter; while it runs focus is on Cancel, and it returns to the export button', async () => {
    const { page, frame } = await openAuditLog(size);
    await tabTo(page, 'export-jsonl');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const lines = (await readFile((await download.path()) ?? '', 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(50);
    await frame.locator('[data-testid=export-status][data-state=done]').waitFor();
    expect(await focusedElement(page)).toBe('export-jsonl');

    // Every answer held back, so the export is still running when Cancel is pressed.
    await page.route('**/api/invoke', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('export-csv');
    await page.keyboard.press('Enter');
    await frame.locator('[data-testid=export-status][data-state=running]').waitFor();
    expect(await focusedElement(page)).toBe('export-cancel');
    await page.keyboard.press('Enter');
    await frame.locator('[data-testid=export-status][data-state=cancelled]').waitFor();
    expect(await focusedIsOn(page, 'export-csv')).toBe(true);
    await page.context().close();
  });
});

/** Focus moves back a frame after the state changes: waits for it briefly rather than sampling once. */
async function focusedIsOn(page: Page, testId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if ((await focusedElement(page)) === testId) return true;
    await page.waitForTimeout(50);
  }
  return focusIsInside(page, testId);
}
