/**
 * From an HTTP request to a verification input: the request to authorise, the credential and
 * the client address. A request that cannot be read is a BAD_REQUEST, decided before the
 * credential is looked at (a client bug is reported as such, whoever sends it).
 */
import { forwardedEntries, takeClientAddress } from './client-ip';
import { extractCredential } from './credentials';
import { parseCidrList } from '../net/cidr';
import type { HttpLikeRequest } from './headers';
import type { Purpose, VerificationInput } from './model';
import { ownTarget, resolveTarget } from './request-target';

export type InputResult = { ok: true; input: VerificationInput } | { ok: false; reason: string };

export function readVerificationInput(request: HttpLikeRequest, purpose: Purpose): InputResult {
  // The audit-events trigger authenticates its own call; its body and headers describe a query, not a request.
  const target = purpose === 'verify-token' ? resolveTarget(request) : ownTarget(request);
  if (!target.ok) return target;
  const forwardedFor = forwardedEntries(request.headers);
  const { ip, chain } = takeClientAddress(forwardedFor, []);
  return {
    ok: true,
    input: { purpose, target: target.target, credential: extractCredential(request.headers), forwardedFor, clientIp: ip, addressChain: chain },
  };
}

/**
 * The input with the admin's trusted gateways applied to its address chain. A stored list that no
 * longer parses trusts nobody: the right-most entry stays the client (fail closed).
 */
export function locateClient(input: VerificationInput, trustedGateways: readonly string[]): VerificationInput {
  if (trustedGateways.length === 0) return input;
  const parsed = parseCidrList(trustedGateways);
  if (!parsed.ok) return input;
  const { ip, chain } = takeClientAddress(input.forwardedFor, parsed.cidrs);
  return { ...input, clientIp: ip, addressChain: chain };
}
