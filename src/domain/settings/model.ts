import type { RateLimit } from '../tokens/model';

/** The audit toggles of docs/audit-events.md; all off by default (docs/audit-events.md). */
export interface AuditToggles {
  successfulAuthentication: boolean;
  failedAuthentication: boolean;
  failedCredentialVerification: boolean;
  permissionDenied: boolean;
  rateLimited: boolean;
  appApiCalls: boolean;
}

export const MAX_VALIDITY_CHOICES = ['never', '30d', '90d', '6m', '1y', '2y', 'custom'] as const;
export type MaxValidityChoice = (typeof MAX_VALIDITY_CHOICES)[number];

export interface TokenPolicies {
  /** Longest validity a new token may have. `customDays` applies when `maxValidity` is `custom`. */
  maxValidity: MaxValidityChoice;
  customDays: number | null;
  /** Who may create tokens: everyone, or members of the listed Jira groups (by group id). */
  creators: { mode: 'everyone' } | { mode: 'groups'; groupIds: string[] };
  /** Tokens users create for themselves are forced to read-only. */
  forceReadOnlyForSelfCreated: boolean;
  /** Applied to new tokens that do not set their own limit. */
  defaultRateLimit: RateLimit | null;
  /** CIDR list applied to every token in addition to its own list; empty = any. */
  systemIpAllowlist: string[];
}

export const DEACTIVATED_OWNER_ACTIONS = ['revoke', 'flag'] as const;
export type DeactivatedOwnerAction = (typeof DEACTIVATED_OWNER_ACTIONS)[number];

/** Token hygiene of docs/tokens.md, applied by the daily run (docs/tokens.md "Token hygiene"). */
export interface HygieneSettings {
  /** Days before a token stops verifying on which its owner is reminded, largest first (default 7 and 1). */
  reminderDays: number[];
  /** Revoke tokens unused for this many days (never-used ones count from creation); null = off. */
  unusedDays: number | null;
  /** What the daily run does to the tokens of an owner whose Atlassian account is deactivated. */
  deactivatedOwners: DeactivatedOwnerAction;
}

export interface RetentionSettings {
  /** Days events are kept (default 180). */
  defaultDays: number;
  /** Optional longer or shorter periods per category, e.g. {"Authentication": 30}. */
  perCategoryDays: Record<string, number>;
}

export interface Settings {
  audit: AuditToggles;
  retention: RetentionSettings;
  /** Action names (AuditAction) that are never recorded (Atlassian Audit's denylist). */
  excludedActions: string[];
  /** At most one success event per token per minute, carrying a count. */
  successAggregation: { enabled: boolean; windowSeconds: number };
  policies: TokenPolicies;
  /**
   * Gateways whose `X-Forwarded-For` entry is believed (CIDRs): when the address the platform saw
   * lies in one of these, the client is the entry that gateway wrote (domain/verification/client-ip.ts).
   */
  trustedGateways: string[];
  /**
   * How long a gateway may reuse a 200 of the verify-token trigger for the same credential and
   * request (0–60 s; 0 = every request is asked): the answer then carries
   * `Cache-Control: private, max-age=N`. This is also how long a revoked token may still pass a
   * caching gateway. Tokens with a rate limit are never cached (docs/gateways/README.md).
   */
  verificationCacheSeconds: number;
  hygiene: HygieneSettings;
  /** Bumped on every save; lets a writer detect a concurrent save. */
  version: number;
}

export const DEFAULT_SETTINGS: Settings = {
  audit: {
    successfulAuthentication: false,
    failedAuthentication: false,
    failedCredentialVerification: false,
    permissionDenied: false,
    rateLimited: false,
    appApiCalls: false,
  },
  retention: { defaultDays: 180, perCategoryDays: {} },
  excludedActions: [],
  successAggregation: { enabled: false, windowSeconds: 60 },
  policies: {
    maxValidity: 'never',
    customDays: null,
    creators: { mode: 'everyone' },
    forceReadOnlyForSelfCreated: false,
    defaultRateLimit: null,
    systemIpAllowlist: [],
  },
  trustedGateways: [],
  verificationCacheSeconds: 0,
  hygiene: { reminderDays: [7, 1], unusedDays: null, deactivatedOwners: 'flag' },
  version: 0,
};
