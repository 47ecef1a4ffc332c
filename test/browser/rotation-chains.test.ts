// Rotation chains on the admin page in Chromium, against the real app on the local host: a replaced
// token is not offered "Rotate", its Expires shows the grace end, and revoking its replacement from
// the dialog (which says so) ends the old secret at once.
import { formatDateTime } from '../../src/frontend/components/format';
import type { TokenView } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';

type Issued = { token: TokenView; secret: string };

describe('rotation chains on the admin page in Chromium', () => {
  const { host, browser } = useBrowserAndHost({ store: 'memory' });

  async function invoke<T>(functionKey: string, payload: unknown): Promise<T> {
    const result = await host().invoke<ResolverResult<T>>('api-token-admin', functionKey, payload);
    if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  async function verifyCode(secret: string): Promise<string | undefined> {
    const reply = await host().webtrigger('verify-token', { headers: { authorization: `Bearer ${secret}` } });
    return reply.json<{ code?: string }>().code;
  }

  beforeEach(() => {
    // Verification logs one line per request; keep the output readable.
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows no Rotate and the grace end for a replaced token; revoking the replacement says so and ends the old secret at once', async () => {
    const old = await invoke<Issued>('tokens/create', { description: 'Deploy key', scope: 'read-write', expiresAt: null, ownerAccountId: 'alice' });
    const replacement = await invoke<Issued>('tokens/rotate', { tokenId: old.token.id, graceSeconds: 7200 });
    const listed = await invoke<{ tokens: TokenView[] }>('tokens/list', { ownerAccountId: 'alice' });
    const graceEndsAt = listed.tokens.find((token) => token.id === old.token.id)?.graceEndsAt ?? null;
    expect(graceEndsAt).not.toBeNull();

    const page = await openPage(browser(), host(), 'api-token-admin');
    await page.getByTestId(`token-revoke-${old.token.id}`).waitFor();
    await expect(page.getByTestId(`token-rotate-${old.token.id}`).count()).resolves.toBe(0);
    await expect(page.getByTestId(`token-rotate-${replacement.token.id}`).count()).resolves.toBe(1);
    await expect(page.getByTestId(`token-expires-${old.token.id}`).textContent()).resolves.toBe(formatDateTime(graceEndsAt));
    await expect(page.getByTestId(`token-expires-${replacement.token.id}`).textContent()).resolves.toBe('Never');
    expect(await verifyCode(old.secret)).toBeUndefined();

    await page.getByTestId(`token-revoke-${replacement.token.id}`).click();
    const sentence = page.getByTestId('revoke-modal-chain');
    await sentence.waitFor();
    await expect(sentence.textContent()).resolves.toContain('Any of them still in its grace period is revoked with it, at the same moment');
    await page.getByTestId('revoke-modal-confirm').click();
    await page.getByTestId('revoke-modal').waitFor({ state: 'detached' });

    // Both rows read "Revoked" after the list is fetched again, and neither offers an action.
    await page.getByTestId(`token-revoke-${old.token.id}`).waitFor({ state: 'detached' });
    await expect(page.getByTestId(`token-revoke-${replacement.token.id}`).count()).resolves.toBe(0);
    await expect(page.getByTestId('token-table').textContent()).resolves.toMatch(/Revoked[\s\S]*Revoked/);
    expect(await verifyCode(old.secret)).toBe('REVOKED_TOKEN');
    expect(await verifyCode(replacement.secret)).toBe('REVOKED_TOKEN');
    await page.context().close();
  });
});
