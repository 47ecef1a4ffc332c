// Usage per token in Chromium: after real verifications on two UTC days (clock moved with the
// host's POST /api/clock), both token pages draw the token's requests per day as a bar chart in
// its row, through the preview renderer's BarChart (docs/tokens.md, "Usage per token").
import type { Page } from 'playwright-core';
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';

const DAY = 86_400_000;

describe('usage chart on the token pages in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  let created: DataOf<'tokens/create'>;

  const advance = async (ms: number): Promise<void> => {
    const reply = await fetch(`${host().url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
    expect(reply.status).toBe(200);
  };
  const verify = async (): Promise<void> => {
    const reply = await host().webtrigger('verify-token', { method: 'GET', headers: { 'x-api-token': created.secret } });
    expect(reply.status).toBe(200);
  };

  beforeAll(async () => {
    const result = await host().invoke<ResolverResult<DataOf<'tokens/create'>>>('api-token-admin', 'tokens/create', {
      description: 'Nightly export',
      scope: 'read-only',
      expiresAt: null,
      ownerAccountId: 'alice',
    });
    if (!result.ok) throw new Error(result.error.message);
    created = result.data;
    // From noon UTC, so that the minutes below stay on their days.
    const now = Date.now();
    await advance(((12 * 3_600_000 - (now % DAY)) + DAY) % DAY);
    await verify(); // two days ago: 1
    await advance(2 * DAY);
    for (let i = 0; i < 3; i += 1) {
      await verify(); // today: 3, each a minute apart so each is written at once
      await advance(61_000);
    }
  });
  async function expectChart(page: Page): Promise<void> {
    const row = page.getByTestId('token-table').locator('tr', { has: page.getByTestId(`token-hint-${created.token.id}`) });
    const chart = row.getByRole('figure', { name: 'Requests per day (UTC)' });
    await chart.waitFor();
    const bars = chart.locator('[data-forge-type="BarChart.bar"]');
    await expect(bars.count()).resolves.toBe(30);
    const heights = await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-y'))));
    expect(heights.slice(-3)).toEqual([1, 0, 3]);
    expect(heights.reduce((sum, value) => sum + value, 0)).toBe(4);
    // The tallest bar fills the plot; the bar for one request a third of it.
    const drawn = await bars.evaluateAll((rects) => rects.slice(-3).map((rect) => Number(rect.getAttribute('height'))));
    expect(drawn[1]).toBe(0);
    expect(drawn[0] * 3).toBeCloseTo(drawn[2], 5);
    await expect(row.getByTestId(`token-usage-${created.token.id}`).textContent()).resolves.toBe('4 requests in 30 days');
  }

  it('shows the bar chart in the token row of the admin page', async () => {
    const page = await openPage(browser(), host(), 'api-token-admin');
    await expectChart(page);
    await page.context().close();
  });

  it('shows the same chart on the owner’s personal page', async () => {
    const page = await openPage(browser(), host(), 'my-api-tokens', { accountId: 'alice' });
    await expectChart(page);
    await page.context().close();
  });
});
