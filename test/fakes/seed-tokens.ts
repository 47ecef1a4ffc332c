/** Creates tokens through the real createToken, so tests start from states the app can reach. */
import { createToken, type CreateTokenInput, type IssuedToken } from '../../src/domain/tokens/create-token';
import type { Caller } from '../../src/domain/tokens/ports';
import { ADMIN, type FakeTokenWorld } from './token-deps';

export async function seedToken(world: FakeTokenWorld, overrides: Partial<CreateTokenInput> & { caller?: Caller } = {}): Promise<IssuedToken> {
  const { caller = ADMIN, ...input } = overrides;
  const result = await createToken(world.deps, caller, {
    description: 'Seeded token',
    scope: 'read-write',
    expiresAt: null,
    ownerAccountId: caller.reach === 'all' ? 'alice' : undefined,
    ...input,
  });
  if (!result.ok) throw new Error(`seed failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}
