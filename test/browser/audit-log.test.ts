/**
 * The audit-log Custom UI in Chromium against the local host: events come from the real producers
 * (token management, settings, the verify-token web trigger), the page talks to the real
 * `audit/bootstrap` and `audit/search` resolvers, and every expectation is checked against what
 * `audit/search` itself answers for the same filter.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { toSiemEntity } from '../../src/domain/audit/export/siem-entity';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { Settings } from '../../src/domain/settings/model';
import type { AuditSearchData, AuditSearchPayload } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';
import { expectOk } from '../support/result';
import { describeRequest, verify } from '../integration/support/verification';

const HOUR = 3_600_000;

const { host, browser } = useBrowserAndHost({ store: 'memory' });

interface Seeded {
  tokenIds: string[];
  total: number;
}
let seeded: Seeded;

async function createToken(description: string): Promise<{ id: string; secret: string }> {
  const data = await expectOk(
    host().invoke<ResolverResult<{ token: { id: string }; secret: string }>>('api-token-admin', 'tokens/create', {
      description,
      scope: 'read-only',
      expiresAt: null,
    }),
  );
  return { id: data.token.id, secret: data.secret };
}

/** Presents the token to verify-token, as a client would; the HTTP status it answered. */
async function verified(secret: string): Promise<number> {
  return (await verify(host(), secret, { body: describeRequest('GET', '/rest/api/3/myself') })).status;
}

/** Every event the resolver returns for a filter, newest first, paging with its own cursor. */
async function searchAll(filter: AuditSearchPayload = {}): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: AuditSearchData = await expectOk(
      host().invoke<ResolverResult<AuditSearchData>>('audit-log', 'audit/search', { ...filter, limit: 200, ...(cursor ? { cursor } : {}) }),
    );
    events.push(...page.entities);
    cursor = page.cursor;
  } while (cursor !== null);
  return events;
}

/** Successful authentications in the second burst: more than one export page of 200 in that category. */
const SUCCESSES = 200;

/**
 * Three bursts two hours apart (the host clock moves for app and host), so the timeline has
 * distinct bars: tokens created; settings changed, authentications and a revocation; more of both.
 */
async function seed(): Promise<Seeded> {
  const tokens: Array<{ id: string; secret: string }> = [];
  for (let index = 0; index < 30; index += 1) tokens.push(await createToken(`CI token ${index}`));

  host().advanceClock(2 * HOUR);
  const { settings } = await expectOk(host().invoke<ResolverResult<{ settings: Settings }>>('api-token-admin', 'settings/get', {}));
  await expectOk(
    host().invoke('api-token-admin', 'settings/update', {
      settings: { ...settings, audit: { ...settings.audit, successfulAuthentication: true, failedAuthentication: true } },
    }),
  );
  for (let index = 0; index < SUCCESSES; index += 1) expect(await verified(tokens[0].secret)).toBe(200);
  await expectOk(host().invoke('api-token-admin', 'tokens/revoke', { tokenId: tokens[1].id }));
  for (let index = 0; index < 5; index += 1) expect(await verified(tokens[1].secret)).toBe(401);

  host().advanceClock(2 * HOUR);
  for (let index = 30; index < 40; index += 1) tokens.push(await createToken(`CI token ${index}`));
  for (let index = 0; index < 10; index += 1) expect(await verified(tokens[2].secret)).toBe(200);

  return { tokenIds: tokens.map((token) => token.id), total: (await searchAll()).length };
}

interface AuditPage {
  page: Page;
  /** The resolver calls the page made, in order (observed on the wire, after the page opened). */
  calls: Array<{ functionKey: string; payload: AuditSearchPayload }>;
}

/**
 * Opens the page with its resolver traffic observed from the first request on: the page is
 * reloaded once its first load has settled, with the listener in place.
 */
async function openAuditLog(accountId?: string): Promise<AuditPage> {
  const page = await openPage(browser(), host(), 'audit-log', { customUiDocument: true, ...(accountId === undefined ? {} : { accountId }) });
  await page.waitForSelector('[data-testid=results][data-answers="1"]');
  const calls: AuditPage['calls'] = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/api/invoke')) return;
    const body = request.postDataJSON() as { functionKey: string; payload: AuditSearchPayload };
    calls.push({ functionKey: body.functionKey, payload: body.payload ?? {} });
  });
  await page.reload();
  await page.waitForSelector('[data-testid=results][data-answers="1"]');
  return { page, calls };
}

const results = (page: Page): ReturnType<Page['locator']> => page.getByTestId('results');

/** Runs an action and waits until the page has applied one more answer than before and is ready. */
async function answered(page: Page, action: () => Promise<void>): Promise<void> {
  const before = Number(await results(page).getAttribute('data-answers'));
  await action();
  await page.waitForFunction(
    (previous) => {
      const section = document.querySelector('[data-testid=results]');
      return section !== null && Number(section.getAttribute('data-answers')) > previous && section.getAttribute('data-state') !== 'loading';
    },
    before,
  );
}

async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=event-row]', (rows) => rows.map((row) => (row as HTMLElement).dataset.eventId ?? ''));
}

async function loadAll(page: Page): Promise<void> {
  while ((await page.getByTestId('load-more').count()) > 0) {
    await answered(page, () => page.getByTestId('load-more').click());
  }
  await page.getByTestId('results-end').waitFor();
}

beforeAll(async () => {
  // The app's log lines (one per verification) are for operators, not for this test's output.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  seeded = await seed();
}, 120_000);

describe('audit log page', () => {
  it('renders the newest events from a single audit/bootstrap call', async () => {
    const { page, calls } = await openAuditLog();
    expect(calls.map((call) => call.functionKey)).toEqual(['audit/bootstrap']);
    const newest = (await searchAll()).slice(0, (await rowIds(page)).length);
    expect(await rowIds(page)).toEqual(newest.map((event) => event.id));
    expect(seeded.total).toBeGreaterThan(60);
    await page.context().close();
  });

  it('"Load more" appends the next pages without repeats until every event is listed, newest first', async () => {
    const { page, calls } = await openAuditLog();
    const first = await rowIds(page);
    await answered(page, () => page.getByTestId('load-more').click());
    const second = await rowIds(page);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.length).toBeGreaterThan(first.length);

    await loadAll(page);
    const ids = await rowIds(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual((await searchAll()).map((event) => event.id));
    const times = await page.$$eval('[data-testid=event-row] time', (cells) => cells.map((cell) => cell.getAttribute('datetime') ?? ''));
    expect([...times].sort().reverse()).toEqual(times);
    // Each "Load more" is one audit/search call carrying the previous answer's cursor.
    expect(calls.slice(1).every((call) => call.functionKey === 'audit/search' && typeof call.payload.cursor === 'string')).toBe(true);
    await page.context().close();
  });

  it('filters by category and action with the filter bar, sending them to audit/search', async () => {
    const { page, calls } = await openAuditLog();
    await page.getByTestId('filter-categories').locator('summary').click();
    await answered(page, () => page.getByRole('checkbox', { name: 'Authentication', exact: true }).check());
    await loadAll(page);
    const expected = await searchAll({ categories: ['Authentication'] });
    expect(expected.length).toBe(SUCCESSES + 15);
    expect(await rowIds(page)).toEqual(expected.map((event) => event.id));
    const categories = await page.$$eval('[data-testid=event-row] td:nth-child(2)', (cells) => cells.map((cell) => cell.textContent));
    expect(new Set(categories)).toEqual(new Set(['Authentication']));

    await page.getByTestId('filter-actions').locator('summary').click();
    await answered(page, () => page.getByRole('checkbox', { name: 'Token authentication failed' }).check());
    const failed = await searchAll({ categories: ['Authentication'], actions: ['Token authentication failed'] });
    expect(failed).toHaveLength(5);
    expect(await rowIds(page)).toEqual(failed.map((event) => event.id));
    expect(calls.at(-1)?.payload).toMatchObject({ categories: ['Authentication'], actions: ['Token authentication failed'] });
    await page.context().close();
  });

  it('says in the timeline caption how many more events match beyond the loaded ones, as far as the index can count them', async () => {
    const { page } = await openAuditLog();
    const total = (await searchAll()).length;
    const caption = page.getByTestId('timeline-caption');
    for (;;) {
      const loaded = (await rowIds(page)).length;
      const remaining = total - loaded;
      // One more read of at most 100 rows counts them: exact up to 100, a lower bound above.
      const expected = remaining === 0 ? 'every event the filter matches' : remaining > 100 ? 'at least 100 more match the filter' : `${remaining} more ${remaining === 1 ? 'matches' : 'match'} the filter`;
      await expectText(caption, `The ${new Intl.NumberFormat('en-US').format(loaded)} loaded events per `);
      await expectText(caption, expected);
      if ((await page.getByTestId('load-more').count()) === 0) break;
      await answered(page, () => page.getByTestId('load-more').click());
    }

    // A text search is not counted by an index: the caption says it charts only the loaded events.
    await page.getByTestId('filter-text').fill('CI token');
    await answered(page, () => page.getByTestId('filter-text').press('Enter'));
    await expectText(caption, 'it charts only the loaded events, and more may match the filter');
    await page.context().close();
  });

  it('charts the last half hour in bars "per minute", and a drag inside one bar narrows to that whole minute', async () => {
    const { page, calls } = await openAuditLog();
    const newest = Math.max(...(await searchAll()).map((event) => Date.parse(event.timestamp)));
    // The datetime-local value in the browser's own time zone, as a person would type it.
    const fromValue = await page.evaluate((ms) => {
      const date = new Date(ms);
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    }, newest - 30 * 60_000);
    await answered(page, () => page.getByTestId('filter-from').fill(fromValue));
    const chart = page.getByTestId('timeline-chart');
    await expect(chart.getAttribute('data-bucket-ms')).resolves.toBe('60000');
    await expect(page.getByTestId('timeline-caption').textContent()).resolves.toMatch(/ per minute[;:.]/);

    // The newest event's bar is the last one: drag across a few pixels inside it.
    const rangeFrom = Number(await chart.getAttribute('data-range-from'));
    const rangeTo = Number(await chart.getAttribute('data-range-to'));
    const first = Math.floor(rangeFrom / 60_000) * 60_000;
    const end = Math.floor(rangeTo / 60_000) * 60_000 + 60_000;
    const box = await chart.locator('.u-over').boundingBox();
    if (box === null) throw new Error('timeline not drawn');
    const barLeft = box.x + (box.width * (end - 60_000 - first)) / (end - first);
    const barWidth = (box.width * 60_000) / (end - first);
    await answered(page, async () => {
      await page.mouse.move(barLeft + barWidth * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(barLeft + barWidth * 0.7, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
    });
    const sent = calls.at(-1)?.payload;
    const from = Date.parse(sent?.from ?? '');
    const to = Date.parse(sent?.to ?? '');
    // The whole minute (clamped to the newest event), not the dragged seconds: never "No events".
    expect(from).toBe(Math.max(end - 60_000, rangeFrom));
    expect(to).toBeGreaterThanOrEqual(newest);
    expect((await rowIds(page)).length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('filters by affected token, showing only that token’s events', async () => {
    const { page, calls } = await openAuditLog();
    const tokenId = seeded.tokenIds[1];
    await page.getByTestId('filter-object-id').fill(tokenId);
    await answered(page, () => page.getByTestId('filter-apply').click());
    expect(calls.at(-1)?.payload.affectedObject).toEqual({ type: 'API token', id: tokenId });

    const ids = await rowIds(page);
    const expected = await searchAll({ affectedObject: { type: 'API token', id: tokenId } });
    // Created, revoked, five refused authentications with the revoked secret, and the one
    // "Revoked or expired token presented" security alert those refusals raised (once a day).
    expect(expected).toHaveLength(8);
    expect(expected.filter((event) => event.type.action === 'Revoked or expired token presented')).toHaveLength(1);
    expect(ids).toEqual(expected.map((event) => event.id));
    for (const event of expected) expect(event.affectedObjects.some((object) => object.id === tokenId)).toBe(true);
    await page.context().close();
  });

  it('shows a designed empty state with a way back when nothing matches', async () => {
    const { page } = await openAuditLog();
    await page.getByTestId('filter-object-id').fill('no-such-token');
    await answered(page, () => page.getByTestId('filter-object-id').press('Enter'));
    await page.getByTestId('results-empty').waitFor();
    await expectText(page.getByTestId('results-empty'), 'No events match these filters');
    await answered(page, () => page.getByTestId('results-empty').getByRole('button', { name: 'Clear filters' }).click());
    expect((await rowIds(page)).length).toBeGreaterThan(0);
    expect(await page.getByTestId('filter-object-id').inputValue()).toBe('');
    await page.context().close();
  });

  it("names the authors of authentication events by display name, with the account id in the detail panel, leaving the events as stored", async () => {
    const { page } = await openAuditLog();
    const shown = await searchAll();
    const authentication = shown.find((event) => event.type.action === 'Token authentication succeeded');
    // The web trigger knows only the owner's account id; that is what the event keeps.
    expect(authentication?.author).toEqual({ id: 'local-admin', name: 'local-admin', type: 'user' });
    const row = page.locator(`[data-testid=event-row][data-event-id="${authentication?.id ?? ''}"]`);
    await expectText(row.getByTestId('event-author'), 'Local Admin');
    // Token-management events show the name they stored: the same person reads the same everywhere.
    const created = shown.find((event) => event.type.action === 'Token created');
    expect(created?.author.name).toBe('Local Admin');

    await row.click();
    const panel = page.getByTestId('detail-panel');
    await expectText(panel.getByTestId('detail-author-name'), 'Local Admin');
    await expectText(panel.getByTestId('detail-author-id'), 'local-admin');
    // The raw JSON is the event as stored and exported.
    expect(JSON.parse((await panel.getByTestId('detail-json').textContent()) ?? '')).toEqual(authentication);
    await page.context().close();
  });

  it('filters by a person picked by name from the author field, and says how typed text is searched when nothing matches', async () => {
    const { page, calls } = await openAuditLog();
    const field = page.getByRole('combobox', { name: 'Author' });
    await field.fill('Local Ad');
    const option = page.getByRole('option', { name: /Local Admin/ });
    // Jira's answer, merged with the loaded events' authors: one person.
    await expectText(page.getByTestId('filter-author-hint'), '1 person found');
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    expect(calls.filter((call) => call.functionKey === 'audit/searchAuthors').at(-1)?.payload).toEqual({ query: 'Local Ad' });

    await field.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await answered(page, () => field.press('Enter'));
    expect(calls.at(-1)?.payload).toMatchObject({ authors: ['local-admin'] });
    expect(await field.inputValue()).toBe('Local Admin');
    const byAdmin = await searchAll({ authors: ['local-admin'] });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(await rowIds(page)).toEqual(byAdmin.slice(0, (await rowIds(page)).length).map((event) => event.id));
    await expectText(page.getByTestId('filter-author-hint'), 'Account ID local-admin');

    // Text that names nobody is searched as an account ID, and the field and the empty state say so.
    await answered(page, () => page.getByTestId('filter-author-clear').click());
    await field.fill('Nobody Here');
    await expectText(page.getByTestId('filter-author-hint'), 'Nobody is called “Nobody Here”. Apply searches for it as an account ID.');
    await answered(page, () => page.getByTestId('filter-apply').click());
    expect(calls.at(-1)?.payload).toMatchObject({ authors: ['Nobody Here'] });
    await page.getByTestId('results-empty').waitFor();
    await expectText(page.getByTestId('author-id-hint'), 'searches for the account ID “Nobody Here”');
    await page.context().close();
  });

  it('narrows the date range to the span dragged across the timeline', async () => {
    const { page, calls } = await openAuditLog();
    const before = await rowIds(page);
    const loaded = await searchAll();
    const chart = page.getByTestId('timeline-chart').locator('.u-over');
    const box = await chart.boundingBox();
    if (box === null) throw new Error('timeline not drawn');

    // From the middle of the chart to its right edge: the newest burst of events.
    await answered(page, async () => {
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
    });

    const sent = calls.at(-1)?.payload;
    expect(sent?.from).toEqual(expect.any(String));
    expect(sent?.to).toEqual(expect.any(String));
    const from = Date.parse(sent?.from ?? '');
    const to = Date.parse(sent?.to ?? '');
    const shownTimes = before.map((id) => Date.parse(loaded.find((event) => event.id === id)?.timestamp ?? ''));
    expect(from).toBeGreaterThan(Math.min(...shownTimes));
    expect(to).toBeGreaterThanOrEqual(from);
    expect(await page.getByTestId('filter-from').inputValue()).not.toBe('');
    expect(await page.getByTestId('filter-to').inputValue()).not.toBe('');

    await loadAll(page);
    const ids = await rowIds(page);
    const expected = await searchAll({ from: sent?.from, to: sent?.to });
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(seeded.total);
    expect(ids).toEqual(expected.map((event) => event.id));
    for (const event of expected) {
      expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(from);
      expect(Date.parse(event.timestamp)).toBeLessThanOrEqual(to);
    }
    await page.context().close();
  });

  it('narrows the date range from the keyboard: arrows choose intervals, Shift extends, Enter applies', async () => {
    const { page, calls } = await openAuditLog();
    const chart = page.getByTestId('timeline-chart');
    const bucketMs = Number(await chart.getAttribute('data-bucket-ms'));
    const rangeTo = Number(await chart.getAttribute('data-range-to'));
    await chart.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(page.getByTestId('timeline-when').textContent()).resolves.toMatch(/–/);
    await expect(page.getByTestId('timeline-announcement').textContent()).resolves.toMatch(/Authentication \d+/);
    expect(await page.locator('.u-select').evaluate((band) => (band as HTMLElement).getBoundingClientRect().width)).toBeGreaterThan(0);

    await answered(page, () => page.keyboard.press('Enter'));

    const sent = calls.at(-1)?.payload;
    const from = Date.parse(sent?.from ?? '');
    const to = Date.parse(sent?.to ?? '');
    // The last two intervals: from the start of the one before the last to the end of the chart.
    expect(to).toBe(rangeTo);
    expect(from).toBeGreaterThan(rangeTo - 2 * bucketMs - 60_000);
    expect(from).toBeLessThan(rangeTo);
    const expected = await searchAll({ from: sent?.from, to: sent?.to });
    await loadAll(page);
    expect(await rowIds(page)).toEqual(expected.map((event) => event.id));
    await page.context().close();
  });

  it('opens every field and the raw JSON of a row with Enter, and gives focus back on Escape', async () => {
    const { page } = await openAuditLog();
    const rows = page.getByTestId('event-row');
    await rows.nth(0).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('detail-panel');
    await panel.waitFor();

    const id = await rows.nth(1).getAttribute('data-event-id');
    expect(await panel.getAttribute('data-event-id')).toBe(id);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    const event = (await searchAll()).find((candidate) => candidate.id === id);
    expect(JSON.parse((await page.getByTestId('detail-json').textContent()) ?? '')).toEqual(event);
    const fields = (await page.getByTestId('detail-fields').textContent()) ?? '';
    for (const value of [event?.id, event?.timestamp, event?.type.category, event?.type.action, event?.author.id, event?.method]) {
      expect(fields).toContain(value);
    }

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.eventId)).toBe(id);
    await page.context().close();
  });

  it('exports the current filter as JSON Lines, paging with progress, whose lines parse back to exactly the events shown', async () => {
    const { page, calls } = await openAuditLog();
    await page.getByTestId('filter-categories').locator('summary').click();
    await answered(page, () => page.getByRole('checkbox', { name: 'Authentication', exact: true }).check());
    await loadAll(page);
    const shown = await rowIds(page);
    expect(shown.length).toBeGreaterThan(200);

    // Every text the status line shows, to see the progress between pages.
    await page.evaluate(() => {
      const status = document.querySelector('[data-testid=export-status]') as HTMLElement;
      const seen: string[] = [];
      (window as unknown as { exportStatus: string[] }).exportStatus = seen;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { subtree: true, childList: true, characterData: true });
    });
    const searchesBefore = calls.length;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-jsonl').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{8}-\d{6}\.jsonl$/);
    const file = await readFile((await download.path()) ?? '', 'utf8');
    expect(file.endsWith('\n')).toBe(true);
    const parsed = file
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AuditEvent);
    expect(parsed.map((event) => event.id)).toEqual(shown);
    expect(parsed).toEqual((await searchAll({ categories: ['Authentication'] })).map(toSiemEntity));

    // Two pages of the current filter, the second from the first one's cursor.
    const exportCalls = calls.slice(searchesBefore).filter((call) => call.functionKey === 'audit/search');
    expect(exportCalls.map((call) => call.payload)).toEqual([
      { categories: ['Authentication'], limit: 200 },
      { categories: ['Authentication'], limit: 200, cursor: expect.any(String) },
    ]);
    const status = page.getByTestId('export-status');
    await expectText(status, `${shown.length} events`);
    expect(await status.getAttribute('data-state')).toBe('done');
    const progress = await page.evaluate(() => (window as unknown as { exportStatus: string[] }).exportStatus);
    expect(progress).toContain('Exporting JSON Lines: 200 events, 1 pageCancel');
    await page.context().close();
  });

  it('shows progress while an export runs and stops it on Cancel without downloading', async () => {
    const { page } = await openAuditLog();
    host().setLatency(150);
    try {
      const status = page.getByTestId('export-status');
      await page.getByTestId('export-csv').click();
      await page.waitForSelector('[data-testid=export-status][data-state=running]');
      await expectText(status, 'Exporting CSV');
      await page.getByTestId('export-cancel').click();
      expect(await status.getAttribute('data-state')).toBe('cancelled');
      await expectText(status, 'Nothing was downloaded');
      // The buttons are usable again for the next export.
      expect(await page.getByTestId('export-csv').isEnabled()).toBe(true);
    } finally {
      host().setLatency(0);
      await page.context().close();
    }
  });

  it('tells a user who is not a Jira administrator that the log is for administrators', async () => {
    const { page } = await openAuditLog('alice');
    const error = page.getByTestId('results-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('FORBIDDEN');
    await expectText(error, 'Only Jira administrators can see the audit log');
    // Said once: the body tells what to do rather than repeating the title.
    const text = (await error.textContent()) ?? '';
    expect(text.match(/Only Jira administrators/g)).toHaveLength(1);
    await expectText(error, 'Ask one of them if you need to review API token activity.');
    expect(await page.getByTestId('event-row').count()).toBe(0);
    await page.context().close();
  });

  it('opens from the host in a frame under its header, and switching the acting user there reloads the log as that user', async () => {
    const page = await openPage(browser(), host(), 'audit-log');
    const frame = page.frameLocator('[data-testid=custom-ui-frame]');
    await frame.locator('[data-testid=results][data-answers="1"]').waitFor();
    expect(await frame.getByTestId('event-row').count()).toBeGreaterThan(0);

    await Promise.all([page.waitForEvent('load'), page.getByTestId('local-account-switcher').selectOption('alice')]);
    const error = frame.getByTestId('results-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-code')).toBe('FORBIDDEN');
    await page.context().close();
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
