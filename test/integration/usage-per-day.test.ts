/**
 * Usage per token through the local host (docs/tokens.md, "Usage per token"): requests per UTC
 * day reach tokens/list through the usage write verification already makes, so a hot valid
 * verification still costs 1 storage call and a malformed one 0; the uses between writes land on
 * the day they happened; the list keeps 30 days. Time moves with the host's `POST /api/clock`.
 */
import { createHash } from 'node:crypto';
import type { DayCount } from '../../src/domain/tokens/daily-usage';
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { useHost } from '../support/host';
import { createToken, verify } from './support/verification';

const DAY = 86_400_000;
const host = useHost();

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
});

/** Moves the host's clock (app and host share it) through its HTTP route, as a person would. */
async function advance(ms: number): Promise<void> {
  const reply = await fetch(`${host.url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  expect(reply.status).toBe(200);
}

/** Moves the clock to the next `hh:mm:ss` UTC (today's, if still ahead, else tomorrow's). */
async function advanceTo(hours: number, minutes: number, seconds: number): Promise<void> {
  const now = Date.now();
  const dayStart = now - (now % DAY);
  let target = dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  if (target <= now) target += DAY;
  await advance(target - now);
}

const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

async function listed(tokenId: string): Promise<{ series: DayCount[]; useCount: number; body: string }> {
  const result = await host.invoke<ResolverResult<DataOf<'tokens/list'>>>('api-token-admin', 'tokens/list', {});
  if (!result.ok) throw new Error(result.error.message);
  const token = result.data.tokens.find((item) => item.id === tokenId);
  if (!token) throw new Error(`token ${tokenId} not listed`);
  return { series: token.usage.requestsPerDay, useCount: token.usage.useCount, body: JSON.stringify(result.data) };
}

const nonZero = (series: DayCount[]): DayCount[] => series.filter(({ count }) => count > 0);

describe('usage per token through the local host', () => {
  it('counts every verification on its UTC day across midnight, at 1 storage call per hot verification and 0 per malformed one', async () => {
    const { token, secret } = await createToken(host);
    await advanceTo(23, 59, 0);
    const dayOne = utcDay(Date.now());

    expect((await verify(host, secret)).status).toBe(200); // first use: read + usage write
    await host.resetStats();
    for (let i = 0; i < 4; i += 1) expect((await verify(host, secret)).status).toBe(200);
    expect((await host.stats()).total).toBe(4); // held, not written: one batch read each
    expect((await host.stats()).storage['batch.get']).toBe(4);
    await host.resetStats();
    expect((await verify(host, 'atat_0000')).json().code).toBe('MALFORMED_TOKEN');
    expect((await host.stats()).total).toBe(0);

    // As stored so far: the first use only; the four since are held by the instance.
    expect(nonZero((await listed(token.id)).series)).toEqual([{ day: dayOne, count: 1 }]);

    await advance(90_000); // 00:00:30 the next day: the usage write is due
    const dayTwo = utcDay(Date.now());
    expect(dayTwo).not.toBe(dayOne);
    await host.resetStats();
    expect((await verify(host, secret)).status).toBe(200);
    expect((await host.stats()).total).toBe(2); // the read and the usage write it already made
    const afterMidnight = await listed(token.id);
    expect(nonZero(afterMidnight.series)).toEqual([
      { day: dayOne, count: 5 },
      { day: dayTwo, count: 1 },
    ]);
    expect(afterMidnight.useCount).toBe(6);
    expect(afterMidnight.series).toHaveLength(30);
    expect(afterMidnight.series[29].day).toBe(dayTwo);
    // The list carries counts, never the secret or its hash.
    expect(afterMidnight.body).not.toContain(secret);
    expect(afterMidnight.body).not.toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('keeps 30 days: the list shows the day 29 days back, and drops it a day later', async () => {
    const { token, secret } = await createToken(host);
    await advanceTo(12, 0, 0);
    const first = utcDay(Date.now());
    await verify(host, secret);
    await advance(29 * DAY);
    const lastDayOfWindow = utcDay(Date.now());
    await verify(host, secret);
    let shown = await listed(token.id);
    expect(shown.series[0]).toEqual({ day: first, count: 1 });
    expect(nonZero(shown.series)).toEqual([
      { day: first, count: 1 },
      { day: lastDayOfWindow, count: 1 },
    ]);

    await advance(DAY);
    await host.resetStats();
    await verify(host, secret);
    expect((await host.stats()).total).toBe(2);
    shown = await listed(token.id);
    expect(shown.series.map(({ day }) => day)).not.toContain(first);
    expect(nonZero(shown.series)).toEqual([
      { day: lastDayOfWindow, count: 1 },
      { day: utcDay(Date.now()), count: 1 },
    ]);
    expect(shown.useCount).toBe(3);
  });
});
