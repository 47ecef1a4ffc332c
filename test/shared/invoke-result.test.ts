import { settleInvoke, UNREACHABLE_MESSAGE, UNREADABLE_MESSAGE } from '../../src/shared/invoke-result';

describe('settleInvoke: the one failure shape of both front ends', () => {
  it('passes a result through unchanged, success or denial', async () => {
    await expect(settleInvoke(async () => ({ ok: true, data: { n: 1 } }))).resolves.toEqual({ ok: true, data: { n: 1 } });
    const denial = { ok: false, error: { code: 'FORBIDDEN', message: 'No.' } };
    await expect(settleInvoke(async () => denial)).resolves.toEqual(denial);
  });

  it('answers UNAVAILABLE when the call never reached the app', async () => {
    await expect(settleInvoke(() => Promise.reject(new Error('network')))).resolves.toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: UNREACHABLE_MESSAGE } });
  });

  it.each([[undefined], [null], ['text'], [{ ok: true }], [{ ok: false }], [{ data: 1 }]])('answers INTERNAL_ERROR for an answer that is not a result: %p', async (answer) => {
    await expect(settleInvoke(async () => answer)).resolves.toEqual({ ok: false, error: { code: 'INTERNAL_ERROR', message: UNREADABLE_MESSAGE } });
  });
});
