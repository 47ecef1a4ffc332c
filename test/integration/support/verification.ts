/**
 * Helpers for the verification integration tests: tokens are made through the real resolvers
 * (tokens/create, settings/update), and verification goes over HTTP to the host's /x1/verify-token.
 */
import type { Settings } from '../../../src/domain/settings/model';
import type { CreateTokenPayload, TokenView } from '../../../src/shared/resolvers';
import type { TestHost, WebTriggerReply } from '../../support/host';

export interface CreatedToken {
  token: TokenView;
  secret: string;
}

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export async function createToken(host: TestHost, payload: Partial<CreateTokenPayload> = {}): Promise<CreatedToken> {
  const result = await host.invoke<Result<CreatedToken>>('api-token-admin', 'tokens/create', {
    description: 'Integration test token',
    scope: 'read-write',
    expiresAt: null,
    ownerAccountId: 'alice',
    ...payload,
  });
  return unwrap(result, 'tokens/create');
}

export async function revokeToken(host: TestHost, tokenId: string): Promise<void> {
  unwrap(await host.invoke<Result<unknown>>('api-token-admin', 'tokens/revoke', { tokenId }), 'tokens/revoke');
}

export async function rotateToken(host: TestHost, tokenId: string, graceSeconds: number): Promise<CreatedToken> {
  return unwrap(await host.invoke<Result<CreatedToken>>('api-token-admin', 'tokens/rotate', { tokenId, graceSeconds }), 'tokens/rotate');
}

export async function getSettings(host: TestHost): Promise<Settings> {
  return unwrap(await host.invoke<Result<{ settings: Settings }>>('api-token-admin', 'settings/get', {}), 'settings/get').settings;
}

/** Reads the settings, applies `change` and saves them through the resolver. */
export async function changeSettings(host: TestHost, change: (settings: Settings) => Settings): Promise<Settings> {
  const current = await getSettings(host);
  return unwrap(await host.invoke<Result<{ settings: Settings }>>('api-token-admin', 'settings/update', { settings: change(current) }), 'settings/update').settings;
}

export function withAudit(toggles: Partial<Settings['audit']>): (settings: Settings) => Settings {
  return (settings) => ({ ...settings, audit: { ...settings.audit, ...toggles } });
}

export interface VerifyCall {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Loopback address to connect from (see WebTriggerCall.from). */
  from?: string;
}

/** A verification with the token as a Bearer credential (unless headers say otherwise). */
export function verify(host: TestHost, secret: string | null, call: VerifyCall = {}): Promise<WebTriggerReply> {
  const headers: Record<string, string> = { ...(secret === null ? {} : { authorization: `Bearer ${secret}` }), ...call.headers };
  return host.webtrigger('verify-token', { method: call.method ?? 'POST', headers, body: call.body, from: call.from });
}

/**
 * The loopback address tests use for a gateway of the customer's (the host appends it to
 * `X-Forwarded-For`, as the platform's edge appends the peer it saw).
 */
export const TEST_GATEWAY = '127.0.0.2';

/** Settings that trust TEST_GATEWAY, so that the client address it forwards is believed. */
export function trustingTestGateway(settings: Settings): Settings {
  return { ...settings, trustedGateways: [`${TEST_GATEWAY}/32`] };
}

/**
 * A call as the trusted test gateway forwarding a client at `clientIp` (needs the settings of
 * `trustingTestGateway`): how tests give a request an address that is not a loopback one.
 */
export function viaGateway(clientIp: string): Pick<VerifyCall, 'from' | 'headers'> & { headers: Record<string, string> } {
  return { from: TEST_GATEWAY, headers: { 'x-forwarded-for': clientIp } };
}

export const describeRequest = (method: string, path = '/rest/api/3/issue/ABC-1'): string => JSON.stringify({ method, path });
