/**
 * Which request is to be authorised (docs/verify-token.md, "Who may describe what"):
 *
 *   1. a gateway (nginx auth_request with the shipped config, Caddy forward_auth, Traefik
 *      ForwardAuth) describes its client's request in `X-Forwarded-Method` (+ `X-Forwarded-Uri`),
 *      which it sets itself, overwriting whatever the client sent. When these are present the
 *      body is not read: a gateway may pass its client's body on, and the client must not be
 *      able to describe its own request;
 *   2. a direct caller (Jira Automation, a CI job, a script: the service that received the token)
 *      describes it in a JSON body `{"method": "PUT", "path": "/rest/api/3/issue/ABC-1"}`;
 *   3. otherwise the trigger's own method, with no path.
 *
 * No other header is read (`X-Original-Method` and the like): a gateway that forwards client
 * headers would let a client choose them. A URI header without its method header is a bad
 * request rather than a fall-through: gateways send their sub-request as GET, so a missing method
 * header would authorise every write as a read.
 */
import { z } from 'zod';
import { firstHeader, type HttpLikeRequest } from './headers';
import { HTTP_METHODS, type HttpMethod, type RequestTarget } from './model';

export const MAX_BODY_BYTES = 8 * 1024;
export const MAX_PATH_LENGTH = 2048;

export type TargetResult = { ok: true; target: RequestTarget } | { ok: false; reason: string };

/** Standard methods only; matched case-insensitively and reported upper-case. */
export function parseMethod(text: string): HttpMethod | null {
  const upper = text.trim().toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper) ? (upper as HttpMethod) : null;
}

/** An absolute path (query allowed): starts with '/', no whitespace or control characters, bounded. */
export function isRequestPath(text: string): boolean {
  // \s covers Unicode spaces and line separators; \p{Cc} the C0/C1 controls.
  return text.length <= MAX_PATH_LENGTH && text.startsWith('/') && !/[\s\p{Cc}]/u.test(text);
}

const bodySchema = z
  .object({
    method: z.string().max(16),
    path: z.string().max(MAX_PATH_LENGTH).optional(),
  })
  .strict();

function fromBody(body: string): TargetResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'The body is not valid JSON.' };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'The body must be {"method": "...", "path": "/..."} and nothing else.' };
  return build(parsed.data.method, parsed.data.path ?? null, 'body');
}

function build(methodText: string, path: string | null, source: RequestTarget['source']): TargetResult {
  const method = parseMethod(methodText);
  if (!method) return { ok: false, reason: 'The method is not a standard HTTP method.' };
  if (path !== null && !isRequestPath(path)) return { ok: false, reason: 'The path is not an absolute request path.' };
  return { ok: true, target: { method, path, source } };
}

const METHOD_HEADER = 'x-forwarded-method';
const URI_HEADER = 'x-forwarded-uri';

function fromGatewayHeaders(request: HttpLikeRequest): TargetResult | null {
  const method = firstHeader(request.headers, METHOD_HEADER);
  const uri = firstHeader(request.headers, URI_HEADER);
  if (method === undefined && uri === undefined) return null;
  if (method === undefined) return { ok: false, reason: 'X-Forwarded-Uri was sent without X-Forwarded-Method.' };
  return build(method, uri === undefined ? null : uri.trim(), 'gateway');
}

/** The trigger's own method: what an endpoint that authenticates its own calls (audit-events) uses. */
export function ownTarget(request: HttpLikeRequest): TargetResult {
  return build(typeof request.method === 'string' ? request.method : '', null, 'trigger');
}

export function resolveTarget(request: HttpLikeRequest): TargetResult {
  const described = fromGatewayHeaders(request);
  if (described) return described;
  const body = typeof request.body === 'string' ? request.body : '';
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return { ok: false, reason: `The body is larger than ${MAX_BODY_BYTES} bytes.` };
  if (body.trim() !== '') return fromBody(body);
  return ownTarget(request);
}
