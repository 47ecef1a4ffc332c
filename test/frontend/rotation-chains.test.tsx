/**
 * Rotation chains on the token pages, at the ForgeDoc level: a replaced token is not offered
 * "Rotate", its Expires column shows the end of its grace period, and the revoke dialog says that
 * earlier secrets are revoked with the token.
 */
import type { TokenView } from '../../src/shared/resolvers';
import { renderPage, type FakeResolvers, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, NOW, ok, personalBootstrap, tokenView } from './fixtures';

const HOUR = 3_600_000;
const GRACE_END = NOW + 5 * HOUR + 30 * 60_000;

const replaced = tokenView({ id: 'tok-old', description: 'Deploy key', replacedBy: 'tok-new', graceEndsAt: GRACE_END });
const replacement = tokenView({ id: 'tok-new', description: 'Deploy key', replaces: 'tok-old', createdAt: NOW - HOUR });
const plain = tokenView({ id: 'tok-plain', description: 'Nightly backup' });

function revokedView(token: TokenView): TokenView {
  return { ...token, state: 'revoked', status: 'revoked', revokedAt: NOW, revokedBy: 'local-admin' };
}

async function open(entry: 'admin' | 'personal', resolvers: FakeResolvers = {}): Promise<RenderedPage> {
  const tokens = { tokens: [replacement, replaced, plain], cursor: null };
  const bootstrap: FakeResolvers =
    entry === 'admin' ? { 'admin/bootstrap': () => ok(adminBootstrap({ tokens })) } : { 'personal/bootstrap': () => ok(personalBootstrap({ tokens })) };
  const page = await renderPage(entry, { resolvers: { ...bootstrap, ...resolvers }, context: { accountId: entry === 'admin' ? 'local-admin' : 'alice' } });
  await page.waitFor(() => page.find({ testId: 'token-table' }), { what: 'the token table' });
  return page;
}

describe('rotation chains on the admin page', () => {
  it('offers no "Rotate" for a replaced token, and still offers it for its replacement', async () => {
    const page = await open('admin');
    expect(page.find({ testId: 'token-rotate-tok-old' })).toBeUndefined();
    expect(page.find({ testId: 'token-revoke-tok-old' })).toBeDefined();
    expect(page.find({ testId: 'token-rotate-tok-new' })).toBeDefined();
    expect(page.find({ testId: 'token-rotate-tok-plain' })).toBeDefined();
  });

  it("shows the end of the grace period, to the minute, as a replaced token's expiry", async () => {
    const page = await open('admin');
    expect(page.text(page.byTestId('token-expires-tok-old'))).toBe('2026-11-20 15:30 UTC');
    expect(page.text(page.byTestId('token-table'))).toContain('end of grace period');
    expect(page.text(page.byTestId('token-expires-tok-new'))).toBe('2027-02-08');
  });

  it('shows the earlier of expiry and grace end when the token expires first', async () => {
    const early = tokenView({ id: 'tok-early', replacedBy: 'tok-x', graceEndsAt: NOW + 48 * HOUR, expiresAt: NOW + 2 * HOUR });
    const page = await renderPage('admin', { resolvers: { 'admin/bootstrap': () => ok(adminBootstrap({ tokens: { tokens: [early], cursor: null } })) } });
    await page.waitFor(() => page.find({ testId: 'token-table' }));
    expect(page.text(page.byTestId('token-expires-tok-early'))).toBe('2026-11-20 12:00 UTC');
  });

  it('the revoke dialog of a replacement says that the earlier secrets are revoked with it; a token without a chain gets no such sentence', async () => {
    const page = await open('admin');
    await page.click(page.byTestId('token-revoke-tok-new'));
    expect(page.text(page.byTestId('revoke-modal-chain'))).toBe(
      'This token replaced earlier secrets. Any of them still in its grace period is revoked with it, at the same moment, so none of them keeps working.',
    );
    await page.click(page.byTestId('revoke-modal-cancel'));

    await page.click(page.byTestId('token-revoke-tok-plain'));
    expect(page.byTestId('revoke-modal')).toBeDefined();
    expect(page.find({ testId: 'revoke-modal-chain' })).toBeUndefined();
  });

  it('after revoking a replacement, lists again so the replaced row shows as revoked too', async () => {
    const page = await open('admin', {
      'tokens/revoke': () => ok({ token: revokedView(replacement) }),
      'tokens/list': () => ok({ tokens: [revokedView(replacement), revokedView(replaced), plain], cursor: null }),
    });
    await page.click(page.byTestId('token-revoke-tok-new'));
    await page.click(page.byTestId('revoke-modal-confirm'));
    await page.waitFor(() => page.findAll({ type: 'Lozenge', text: 'Revoked' }).length === 2, { what: 'both chain rows revoked' });
    expect(page.payloadsOf('tokens/revoke')).toEqual([{ tokenId: 'tok-new' }]);
    expect(page.invocationCount('tokens/list')).toBe(1);
    expect(page.text()).toContain('and the earlier secrets it replaced');
    expect(page.find({ testId: 'token-revoke-tok-old' })).toBeUndefined();
  });

  it('the revoke-all dialog says that old secrets still in grace stop working in the same step', async () => {
    const page = await open('admin', {
      'users/search': () => ok({ users: [{ accountId: 'alice', displayName: 'Alice Example' }] }),
      'tokens/list': () => ok({ tokens: [replacement, replaced], cursor: null }),
    });
    await page.change(page.byTestId('filter-owner-search'), 'alice');
    await page.click(await page.waitFor(() => page.find({ testId: 'filter-owner-option-alice' })));
    await page.waitFor(() => page.find({ testId: 'revoke-all' }));
    await page.click(page.byTestId('revoke-all'));
    expect(page.text(page.byTestId('revoke-all-chain'))).toContain('Earlier secrets of rotated tokens that are still in their grace period stop working in the same step.');
  });
});

describe('rotation chains on the personal page', () => {
  it('offers no "Rotate" for a replaced token and shows its grace end', async () => {
    const page = await open('personal');
    expect(page.find({ testId: 'token-rotate-tok-old' })).toBeUndefined();
    expect(page.find({ testId: 'token-rotate-tok-new' })).toBeDefined();
    expect(page.text(page.byTestId('token-expires-tok-old'))).toBe('2026-11-20 15:30 UTC');
  });
});
