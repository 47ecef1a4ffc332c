// Storage statistics count SDK requests; scheduled triggers and queue consumers run on demand.
import { FIXTURE_APP, useHost } from '../../support/host';

describe('GET /api/stats and POST /api/scheduled/<key>', () => {
  const host = useHost({ app: FIXTURE_APP });

  it('counts one storage call per SDK request, by operation, until reset', async () => {
    await host.resetStats();
    await host.invoke('fixture-page', 'counter/increment');
    await host.invoke('fixture-page', 'counter/increment');
    expect(await host.stats()).toEqual({ storage: { get: 2, set: 2 }, total: 4 });
    await host.resetStats();
    expect(await host.stats()).toEqual({ storage: {}, total: 0 });
  });

  it('runs a scheduled trigger now, and its storage writes are visible afterwards', async () => {
    await host.runScheduled('tick');
    await host.runScheduled('tick');
    await host.resetStats();
    await host.runScheduled('tick');
    expect(await host.stats()).toEqual({ storage: { get: 1, set: 1 }, total: 2 });
  });

  it('gives a scheduled trigger its function\'s timeoutSeconds, and a resolver the platform\'s 25 s', async () => {
    await host.runScheduled('tick');
    const state = await host.invoke<{ tick: { runs: number; remainingMs: number }; resolverRemainingMs: number }>('fixture-page', 'tick-state');
    // tick-fn declares timeoutSeconds: 300 in the fixture manifest.
    expect(state.tick.remainingMs).toBeGreaterThan(290_000);
    expect(state.tick.remainingMs).toBeLessThanOrEqual(300_000);
    expect(state.resolverRemainingMs).toBeGreaterThan(20_000);
    expect(state.resolverRemainingMs).toBeLessThanOrEqual(25_000);
  });

  it('refuses an unknown scheduled trigger', async () => {
    await expect(host.runScheduled('nope')).rejects.toThrow(/SCHEDULED_TRIGGER_NOT_FOUND/);
  });

  it('delivers a queue event to its consumer function with the AsyncEvent shape', async () => {
    const reply = await fetch(`${host.url}/api/consumers/audit-consumer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: { note: 'queued' } }),
    });
    expect(reply.status).toBe(200);
    await expect(host.invoke('fixture-page', 'last-event')).resolves.toEqual({ event: { note: 'queued', queueName: 'audit-queue', hasJobId: true } });
  });

  it('turns the fail-rate switch into storage failures the resolver sees', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // failures on purpose
    host.setFailRate(1);
    try {
      await expect(host.invoke('fixture-page', 'counter/get')).rejects.toThrow(/FUNCTION_ERR/);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('Injected storage failure'));
    } finally {
      host.setFailRate(0);
      logged.mockRestore();
    }
    await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 2 });
  });
});
