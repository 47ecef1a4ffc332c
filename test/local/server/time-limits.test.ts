// Invocation limits as the Forge docs state them (limits-invocation), through the real SDK: time
// limits end a run where the platform would, and invoke payloads and web trigger answers are held
// to the platform's sizes and shapes.
import { kvs } from '@forge/kvs';
import { cutOffFunctionAfter } from '../../../local/runtime/forge-globals';
import { FIXTURE_APP, useHost } from '../../support/host';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const host = useHost({ app: FIXTURE_APP });

afterAll(async () => {
  cutOffFunctionAfter('slow-tick-fn', undefined);
  cutOffFunctionAfter('slow-hook-fn', undefined);
  cutOffFunctionAfter('fixture-resolver', undefined);
});

describe('time limits', () => {
  it('tells a web trigger it has 55 s and a resolver 25 s', async () => {
    const reply = await host.webtrigger('slow-hook', { query: { ms: '0' } });
    expect(reply.json<{ remainingMs: number }>().remainingMs).toBeGreaterThan(54_000);
    expect(reply.json<{ remainingMs: number }>().remainingMs).toBeLessThanOrEqual(55_000);
    const state = await host.invoke<{ resolverRemainingMs: number }>('fixture-page', 'tick-state');
    expect(state.resolverRemainingMs).toBeGreaterThan(24_000);
    expect(state.resolverRemainingMs).toBeLessThanOrEqual(25_000);
  });

  it('ends a scheduled run at its limit: the trigger call fails and no storage call of the run lands afterwards', async () => {
    cutOffFunctionAfter('slow-tick-fn', 300);
    await expect(host.runScheduled('slow-tick')).rejects.toThrow(/FUNCTION_TIMEOUT/);
    const stepAtCutOff = (await kvs.get<number>('slow-tick-step')) ?? 0;
    expect(stepAtCutOff).toBeGreaterThan(0);
    expect(stepAtCutOff).toBeLessThan(40);
    await sleep(400); // the handler's timers still fire here, but its SDK calls are never answered
    expect(await kvs.get<number>('slow-tick-step')).toBe(stepAtCutOff);
    expect(await kvs.get('slow-tick-done')).toBeUndefined();
  });

  it('runs a scheduled trigger to the end within its limit', async () => {
    cutOffFunctionAfter('slow-tick-fn', undefined);
    await host.runScheduled('slow-tick'); // 40 × 50 ms, well inside the default 55 s
    expect(await kvs.get('slow-tick-done')).toBe(true);
  });

  it('answers a web trigger past its limit with 424, as the platform does, and drops its later writes', async () => {
    await kvs.delete('slow-hook-done'); // the first test's run wrote it
    cutOffFunctionAfter('slow-hook-fn', 200);
    const reply = await host.webtrigger('slow-hook', { query: { ms: '500' } });
    expect(reply.status).toBe(424);
    expect(reply.json<{ code: string }>().code).toBe('FUNCTION_TIMEOUT');
    await sleep(500);
    expect(await kvs.get('slow-hook-done')).toBeUndefined();
    cutOffFunctionAfter('slow-hook-fn', undefined);
  });

  it('rejects an invoke past the resolver limit and drops its later writes', async () => {
    cutOffFunctionAfter('fixture-resolver', 200);
    await expect(host.invoke('fixture-page', 'sleep-then-write', { ms: 500 })).rejects.toThrow(/FUNCTION_TIMEOUT.*HTTP 504/);
    await sleep(500);
    expect(await kvs.get('resolver-slept')).toBeUndefined();
    cutOffFunctionAfter('fixture-resolver', undefined);
  });
});

describe('front-end invoke sizes', () => {
  it('accepts a 500 KB payload and refuses a larger one with 413', async () => {
    const fits = 'x'.repeat(500 * 1024 - 2); // the JSON string's quotes count
    await expect(host.invoke('fixture-page', 'echo-payload', fits)).resolves.toEqual({ payload: fits });
    await expect(host.invoke('fixture-page', 'echo-payload', `${fits}x`)).rejects.toThrow(/PAYLOAD_TOO_LARGE.*HTTP 413/);
  });

  it('returns a 5 MB answer and refuses a larger one', async () => {
    await expect(host.invoke<string>('fixture-page', 'big-answer', { bytes: 5 * 1024 * 1024 - 2 })).resolves.toHaveLength(5 * 1024 * 1024 - 2);
    await expect(host.invoke('fixture-page', 'big-answer', { bytes: 5 * 1024 * 1024 - 1 })).rejects.toThrow(/RESPONSE_TOO_LARGE/);
  });
});

describe('static web trigger responses', () => {
  it('answers {outputKey} with the manifest output of that key', async () => {
    const accepted = await host.webtrigger('static-answer', { query: { key: 'accepted' } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['content-type']).toBe('application/json');
    expect(accepted.json()).toEqual({ accepted: true });
    const refused = await host.webtrigger('static-answer', { query: { key: 'refused' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toBe('');
  });

  it('answers 500 for an outputKey the manifest does not declare', async () => {
    const silence = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await host.webtrigger('static-answer', { query: { key: 'nope' } });
    expect(reply.status).toBe(500);
    expect(silence).toHaveBeenCalledWith(expect.stringContaining("outputKey 'nope'"));
    silence.mockRestore();
  });
});
