/**
 * Payload schemas of the token resolvers (docs/resolvers.md). Strict: unknown fields are INVALID_INPUT.
 * Personal-page variants have no `ownerAccountId`, so a user cannot even name another owner.
 */
import { z } from 'zod';
import { MAX_GRACE_SECONDS } from '../../domain/tokens/chain';
import { TOKEN_SCOPES } from '../../domain/tokens/model';

/** C0/C1 controls and bidirectional overrides, which could disguise a description in lists and logs. */
const UNSAFE_CHARACTERS = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const MAX_DESCRIPTION = 255;
export const MAX_ALLOWLIST = 50;
export { MAX_GRACE_SECONDS };
export const MAX_LIST_LIMIT = 100;

export const descriptionSchema = z
  .string()
  .trim()
  .min(1, 'A description is required')
  .max(MAX_DESCRIPTION, `At most ${MAX_DESCRIPTION} characters`)
  .refine((value) => !UNSAFE_CHARACTERS.test(value), 'Must not contain control characters');

/** Atlassian account ids: `557058:f58131cb-…`, `5b10ac8d82e05b22cc7d4ef5`, or the local host's `alice`. */
export const accountIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'Not an Atlassian account id');

export const rateLimitSchema = z.strictObject({
  requests: z.int().min(1).max(100_000),
  windowSeconds: z.int().min(1).max(86_400),
});

export const ipAllowlistSchema = z.array(z.string().max(64)).max(MAX_ALLOWLIST, `At most ${MAX_ALLOWLIST} entries`);

/** ISO-8601 with a time zone, as epoch milliseconds; null = never. Future and policy checks are the domain's. */
export const expiresAtSchema = z
  .iso.datetime({ offset: true, message: 'An ISO-8601 date-time with a time zone, or null for never' })
  .transform((value) => Date.parse(value))
  .nullable();

export const tokenIdSchema = z.uuid('Not a token id');

export const createTokenSchema = z.strictObject({
  description: descriptionSchema,
  scope: z.enum(TOKEN_SCOPES),
  expiresAt: expiresAtSchema,
  ownerAccountId: accountIdSchema.optional(),
  ipAllowlist: ipAllowlistSchema.optional(),
  rateLimit: rateLimitSchema.nullable().optional(),
});
export const createOwnTokenSchema = createTokenSchema.omit({ ownerAccountId: true });

const listFields = z.strictObject({
  ownerAccountId: accountIdSchema.optional(),
  text: z.string().max(MAX_DESCRIPTION).optional(),
  status: z.enum(['active', 'revoked', 'expired']).optional(),
  expiringWithinDays: z.int().min(1).max(3650).optional(),
  cursor: z.string().min(1).max(4096).optional(),
  limit: z.int().min(1).max(MAX_LIST_LIMIT).optional(),
});
const expiringMeansActive = {
  check: (value: { status?: string; expiringWithinDays?: number }): boolean =>
    value.expiringWithinDays === undefined || value.status === undefined || value.status === 'active',
  params: { message: 'expiringWithinDays lists active tokens only', path: ['expiringWithinDays'] },
};
export const listTokensSchema = listFields.refine(expiringMeansActive.check, expiringMeansActive.params);
export const listOwnTokensSchema = listFields.omit({ ownerAccountId: true }).refine(expiringMeansActive.check, expiringMeansActive.params);

export const revokeTokenSchema = z.strictObject({ tokenId: tokenIdSchema });
export const revokeAllSchema = z.strictObject({ accountId: accountIdSchema });
export const rotateTokenSchema = z.strictObject({
  tokenId: tokenIdSchema,
  graceSeconds: z.int().min(0).max(MAX_GRACE_SECONDS),
});
export const updateTokenSchema = z
  .strictObject({
    tokenId: tokenIdSchema,
    description: descriptionSchema.optional(),
    ipAllowlist: ipAllowlistSchema.optional(),
    rateLimit: rateLimitSchema.nullable().optional(),
  })
  .refine((value) => value.description !== undefined || value.ipAllowlist !== undefined || value.rateLimit !== undefined, {
    message: 'Send at least one of description, ipAllowlist, rateLimit',
  });

export const emptySchema = z.strictObject({});
