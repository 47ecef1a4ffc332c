/**
 * Finding the token in a request (docs/verify-token.md). Three forms are accepted:
 *
 *   1. `Authorization: Bearer <token>`
 *   2. `Authorization: Basic base64(<any user>:<token>)` — the password is the token
 *   3. `X-Api-Token: <token>`
 *
 * Precedence: the candidates are tried in that order and the FIRST WELL-FORMED TOKEN wins
 * (only one of 1 and 2 can exist, as a request has one Authorization header). A gateway may pass
 * an Authorization header meant for the upstream (say, Basic with a Jira password) next to an
 * X-Api-Token; the token is still found. When something was presented but none of it is a token
 * of ours, the answer is MALFORMED_TOKEN; when nothing was presented, MISSING_CREDENTIALS.
 * An Authorization header with another scheme (Digest, Negotiate...) counts as presented.
 * Nothing here touches storage.
 */
import { parseToken } from '../tokens/format';
import { firstHeader, type HeaderMap } from './headers';
import type { Credential, CredentialSource } from './model';

/** Longer header values are not decoded: no token of ours is anywhere near this long. */
const MAX_CREDENTIAL_HEADER_LENGTH = 4096;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

interface Candidate {
  value: string;
  source: CredentialSource;
}

/** The password of a Basic credential, or null when it is not base64 of `user:password`. */
export function basicPassword(encoded: string): string | null {
  if (encoded.length === 0 || !BASE64.test(encoded)) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

function authorizationCandidate(value: string, presented: string[]): Candidate | null {
  const trimmed = value.trim();
  presented.push(trimmed);
  if (trimmed.length > MAX_CREDENTIAL_HEADER_LENGTH) return null;
  const match = /^(\S+)\s+(\S.*)$/.exec(trimmed);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  const rest = match[2].trim();
  presented.push(rest);
  if (scheme === 'bearer') return { value: rest, source: 'bearer' };
  if (scheme !== 'basic') return null;
  const password = basicPassword(rest);
  if (password === null) return null;
  presented.push(password);
  return { value: password, source: 'basic' };
}

export function extractCredential(headers: HeaderMap): Credential {
  const presented: string[] = [];
  const candidates: Candidate[] = [];

  const authorization = firstHeader(headers, 'authorization');
  if (authorization !== undefined) {
    const candidate = authorizationCandidate(authorization, presented);
    if (candidate) candidates.push(candidate);
  }
  const apiToken = firstHeader(headers, 'x-api-token');
  if (apiToken !== undefined) {
    const value = apiToken.trim();
    presented.push(value);
    candidates.push({ value, source: 'x-api-token' });
  }

  for (const candidate of candidates) {
    const parsed = parseToken(candidate.value);
    if (parsed.ok) return { kind: 'token', token: parsed.token, source: candidate.source, presented };
  }
  return presented.length === 0 ? { kind: 'missing', presented } : { kind: 'malformed', presented };
}
