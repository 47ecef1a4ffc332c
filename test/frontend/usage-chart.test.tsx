/**
 * Usage per token at the ForgeDoc level: both token pages draw each token's requests per day
 * (token.usage.requestsPerDay, as tokens/list sends it) as a UI Kit BarChart in the token's row,
 * with the total in words; a token without requests gets the words alone.
 */
import { lastDays } from '../../src/domain/tokens/daily-usage';
import { renderPage, type ForgeNode, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, NOW, ok, personalBootstrap, tokenView } from './fixtures';

const DAY = 86_400_000;
const day = (daysAgo: number): string => new Date(NOW - daysAgo * DAY).toISOString().slice(0, 10);

/** Used 12 requests 29 days ago, 5 yesterday and 3 today; nothing else. */
const series = lastDays(
  [
    { day: day(29), count: 12 },
    { day: day(1), count: 5 },
    { day: day(0), count: 3 },
  ],
  NOW,
);
const used = tokenView({ id: 'tok-used', usage: { ...tokenView().usage, lastUsedAt: NOW - 60_000, useCount: 20, requestsPerDay: series } });
const idle = tokenView({ id: 'tok-idle', usage: { ...tokenView().usage, requestsPerDay: lastDays([], NOW) } });

async function open(kind: 'admin' | 'personal'): Promise<RenderedPage> {
  const tokens = { tokens: [used, idle], cursor: null };
  const page =
    kind === 'admin'
      ? await renderPage('admin', { resolvers: { 'admin/bootstrap': () => ok(adminBootstrap({ tokens })) } })
      : await renderPage('personal', { resolvers: { 'personal/bootstrap': () => ok(personalBootstrap({ tokens })) }, context: { accountId: 'alice' } });
  await page.waitFor(() => page.find({ testId: 'token-table' }), { what: 'the token table' });
  return page;
}

/** The cells of the table row of a token (DynamicTable rows carry the token id as their key). */
function usageCell(page: RenderedPage, tokenId: string): ForgeNode {
  const row = page.find((node) => node.type === 'Row' && node.props.rowKey === tokenId);
  const cell = row?.children.find((child) => child.type === 'Cell' && child.props.cellKey === 'usage');
  if (!cell) throw new Error(`no usage cell for ${tokenId}`);
  return cell;
}

function chartsIn(node: ForgeNode): ForgeNode[] {
  return node.type === 'BarChart' ? [node] : node.children.flatMap(chartsIn);
}

describe.each(['admin', 'personal'] as const)('%s page: requests per day', (kind) => {
  it("draws a token's last 30 days as a bar chart in its row, one bar per UTC day, with the total in words", async () => {
    const page = await open(kind);
    const [chart, ...more] = chartsIn(usageCell(page, 'tok-used'));
    expect(more).toHaveLength(0);
    expect(chart.props).toMatchObject({ xAccessor: 'day', yAccessor: 'requests', title: 'Requests per day (UTC)' });
    const data = chart.props.data as Array<{ day: string; requests: number }>;
    expect(data).toHaveLength(30);
    expect(data[0]).toEqual({ day: day(29).slice(5), requests: 12 });
    expect(data.slice(-2)).toEqual([
      { day: day(1).slice(5), requests: 5 },
      { day: day(0).slice(5), requests: 3 },
    ]);
    expect(data.reduce((sum, bar) => sum + bar.requests, 0)).toBe(20);
    expect(page.text(page.byTestId('token-usage-tok-used'))).toBe('20 requests in 30 days');
  });

  it('says "No requests in 30 days" for an idle token instead of drawing empty bars', async () => {
    const page = await open(kind);
    expect(chartsIn(usageCell(page, 'tok-idle'))).toEqual([]);
    expect(page.text(page.byTestId('token-usage-tok-idle'))).toBe('No requests in 30 days');
  });
});
