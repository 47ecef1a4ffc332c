/**
 * From an HTTP request to a verification input: the request to authorise, the credential and
 * the client address. A request that cannot be read is a BAD_REQUEST, decided before the
 * credential is looked at (a client bug is reported as such, whoever sends it).
 */
import { clientIp } from './client-ip';
import { extractCredential } from './credentials';
import type { HttpLikeRequest } from './headers';
import type { Purpose, VerificationInput } from './model';
import { ownTarget, resolveTarget } from './request-target';

export type InputResult = { ok: true; input: VerificationInput } | { ok: false; reason: string };

export function readVerificationInput(request: HttpLikeRequest, purpose: Purpose): InputResult {
  // The audit-events trigger authenticates its own call; its body and headers describe a query, not a request.
  const target = purpose === 'verify-token' ? resolveTarget(request) : ownTarget(request);
  if (!target.ok) return target;
  return {
    ok: true,
    input: { purpose, target: target.target, credential: extractCredential(request.headers), clientIp: clientIp(request.headers) },
  };
}
