/**
 * Token list cursors as a hostile or careless caller sends them: anything that is not a cursor of
 * this list is INVALID_INPUT on `cursor` before storage is asked; a cursor storage refuses is
 * INVALID_INPUT too; only a failing store is an error; and no cursor shows another owner's token
 * on the personal page.
 */
import fc from 'fast-check';
import { encodeCursor } from '../../../src/domain/audit/cursor';
import { CursorRefusedError } from '../../../src/domain/cursor-refused';
import { decodeListCursor, encodeListCursor, type ListFilter } from '../../../src/domain/tokens/list-cursor';
import { listTokens } from '../../../src/domain/tokens/list-tokens';
import type { TokenPage } from '../../../src/domain/tokens/ports';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, BOB, fakeTokenWorld, type FakeTokenWorld } from '../../fakes/token-deps';

const ALICE_LIST: ListFilter = { ownerAccountId: 'alice', text: undefined, status: undefined, expiringWithinDays: undefined };

async function world(): Promise<FakeTokenWorld> {
  const fake = fakeTokenWorld();
  for (let i = 0; i < 5; i += 1) await seedToken(fake, { ownerAccountId: 'alice', description: `alice ${i}` });
  for (let i = 0; i < 5; i += 1) await seedToken(fake, { ownerAccountId: 'bob', description: `bob ${i}` });
  return fake;
}

function invalidCursor(message: string | RegExp = /cursor/) {
  return { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message), issues: [{ path: 'cursor', message: expect.any(String) }] } };
}

describe('token list cursor', () => {
  it('round-trips storage cursors for the filter it was issued for', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.option(fc.string({ maxLength: 50 }), { nil: undefined }), (storage, text) => {
        const filter = { ...ALICE_LIST, text };
        const encoded = encodeListCursor(filter, storage);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeListCursor(encoded, filter)).toEqual({ ok: true, storageCursor: storage });
      }),
    );
  });

  it('is refused for any other filter: owner, text, status or expiry window', () => {
    const encoded = encodeListCursor(ALICE_LIST, 'storage');
    for (const other of [
      { ...ALICE_LIST, ownerAccountId: 'bob' },
      { ...ALICE_LIST, ownerAccountId: undefined },
      { ...ALICE_LIST, text: 'x' },
      { ...ALICE_LIST, status: 'revoked' as const },
      { ...ALICE_LIST, expiringWithinDays: 7 },
    ]) {
      expect(decodeListCursor(encoded, other)).toEqual({ ok: false, problem: 'other-list' });
    }
  });

  it('is refused when it is not one: garbage, truncated, oversize, wrong types, an audit cursor', () => {
    const encoded = encodeListCursor(ALICE_LIST, 'storage');
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const envelope = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const bad = [
      '',
      'abc',
      '!!!',
      'a'.repeat(4097),
      ...Array.from({ length: encoded.length - 1 }, (_, n) => encoded.slice(0, n)),
      encode({ ...envelope, c: 42 }),
      encode({ ...envelope, c: '' }),
      encode({ ...envelope, c: 'x'.repeat(3001) }),
      encode({ ...envelope, f: 12 }),
      encode({ ...envelope, k: 'audit' }),
      encode({ ...envelope, extra: true }),
      encode([envelope]),
      encode(-1),
      encodeCursor({ v: 1, f: 'abc', p: null, s: [1] }),
    ];
    for (const cursor of bad) expect({ cursor, decoded: decodeListCursor(cursor, ALICE_LIST) }).toEqual({ cursor, decoded: { ok: false, problem: 'malformed' } });
  });
});

describe('listTokens with hostile cursors', () => {
  it('pages with its own cursors, and refuses them for another list or owner without asking storage', async () => {
    const fake = await world();
    const first = await listTokens(fake.deps, ALICE, { limit: 2 });
    if (!first.ok || !first.data.cursor) throw new Error('expected a first page with a cursor');
    const second = await listTokens(fake.deps, ALICE, { limit: 2, cursor: first.data.cursor });
    if (!second.ok) throw new Error(second.error.message);
    const seen = [...first.data.tokens, ...second.data.tokens].map((token) => token.description);
    expect(new Set(seen).size).toBe(4);
    expect(seen.every((description) => description.startsWith('alice'))).toBe(true);

    const list = jest.spyOn(fake.repository, 'list');
    expect(await listTokens(fake.deps, BOB, { limit: 2, cursor: first.data.cursor })).toEqual(invalidCursor(/other filters/));
    expect(await listTokens(fake.deps, ALICE, { limit: 2, text: 'alice', cursor: first.data.cursor })).toEqual(invalidCursor(/other filters/));
    expect(await listTokens(fake.deps, ADMIN, { limit: 2, cursor: first.data.cursor })).toEqual(invalidCursor(/other filters/));
    expect(await listTokens(fake.deps, ADMIN, { cursor: 'abc' })).toEqual(invalidCursor(/not valid/));
    expect(list).not.toHaveBeenCalled();
  });

  it('answers a cursor storage refuses with INVALID_INPUT, and a failing store with an error', async () => {
    const fake = await world();
    const cursor = encodeListCursor({ ownerAccountId: undefined, text: undefined, status: undefined, expiringWithinDays: undefined }, 'altered');
    jest.spyOn(fake.repository, 'list').mockRejectedValueOnce(new CursorRefusedError());
    expect(await listTokens(fake.deps, ADMIN, { cursor })).toEqual(invalidCursor(/not valid/));
    const outage = new Error('INTERNAL_SERVER_ERROR');
    jest.spyOn(fake.repository, 'list').mockRejectedValueOnce(outage);
    await expect(listTokens(fake.deps, ADMIN, { cursor })).rejects.toBe(outage);
  });

  it('shows no other owner’s token on the personal page when a cursor steers storage out of the caller’s partition', async () => {
    const fake = await world();
    const everyone: TokenPage = await fake.repository.list({ limit: 100, now: fake.clock.now() });
    // As a store that honoured a position in another partition would answer.
    jest.spyOn(fake.repository, 'list').mockResolvedValue({ tokens: everyone.tokens, cursor: 'more' });
    const forged = encodeListCursor({ ...ALICE_LIST, ownerAccountId: 'bob' }, 'position-in-alice-partition');
    const result = await listTokens(fake.deps, BOB, { cursor: forged });
    expect(result).toEqual(invalidCursor(/not valid/));
    expect(JSON.stringify(result)).not.toContain('alice');
    // Without a cursor the same repository bug is contained by filtering, as before.
    const firstPage = await listTokens(fake.deps, BOB, {});
    expect(firstPage.ok && firstPage.data.tokens.every((token) => token.ownerAccountId === 'bob')).toBe(true);
  });
});
