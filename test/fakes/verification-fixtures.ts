/** Shared inputs for the verification unit tests. */
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';
import { generateToken } from '../../src/domain/tokens/format';
import type { TokenLookup } from '../../src/domain/tokens/model';
import type { Credential, RequestTarget, VerificationInput, WindowCounter } from '../../src/domain/verification/model';
import { MAX_RATE_SHARDS } from '../../src/domain/verification/rate-limit';
import { seededRandom } from './random';

export const NOW = Date.UTC(2026, 10, 22, 12, 0, 30);
export const TOKEN = generateToken(seededRandom(42));

export function lookup(overrides: Partial<TokenLookup> = {}): TokenLookup {
  return {
    tokenId: 'tok-1',
    ownerAccountId: 'alice',
    description: 'CI pipeline',
    scope: 'read-write',
    expiresAt: null,
    state: 'active',
    revokedAt: null,
    graceEndsAt: null,
    ipAllowlist: [],
    rateLimit: null,
    usage: { lastUsedAt: null, lastUsedIp: null, lastUsedChain: null, useCount: 0, requestsPerDay: [] },
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}, policies: Partial<Settings['policies']> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides, policies: { ...DEFAULT_SETTINGS.policies, ...policies } };
}

/** The address fields of an input whose platform-appended peer is `ip` (none when null). */
function addressed(ip: string | null): Pick<VerificationInput, 'forwardedFor' | 'clientIp' | 'addressChain'> {
  const forwardedFor = ip === null ? [] : [ip];
  return { forwardedFor, clientIp: ip, addressChain: { entries: forwardedFor, taken: ip === null ? null : 0 } };
}

export function input(overrides: { credential?: Credential; target?: Partial<RequestTarget>; clientIp?: string | null; purpose?: VerificationInput['purpose'] } = {}): VerificationInput {
  return {
    purpose: overrides.purpose ?? 'verify-token',
    credential: overrides.credential ?? { kind: 'token', token: TOKEN, source: 'bearer', presented: [TOKEN] },
    target: { method: 'GET', path: '/rest/api/3/myself', source: 'body', ...overrides.target },
    ...addressed(overrides.clientIp === undefined ? '203.0.113.7' : overrides.clientIp),
  };
}

/** Every rate-limit shard read: `rows` by shard number, no row elsewhere; no limit edit in the window. */
export function rateRead(rows: ReadonlyArray<WindowCounter | null> = []): { shards: Array<WindowCounter | null>; epoch: null } {
  return { shards: Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => rows[shard] ?? null), epoch: null };
}
