/**
 * `ANY /x1/<key>[/<userPath>]`: turns an HTTP request into the platform's web trigger request,
 * calls the function, and turns its `{statusCode, headers, body}` back into HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendError } from './http';
import type { WebTriggerOutput } from './app-modules';
import { InvocationError, type Invoker, type PlatformWebTriggerRequest } from './invoker';

/**
 * Forge caps a function invocation's request payload (web trigger requests included: body,
 * headers, query and metadata) at 5 MB per its invocation limits; the body alone is held to it
 * here and a larger one is answered 413 before the function runs.
 */
export const WEBTRIGGER_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Like the platform's edge (and any reverse proxy), the host appends the address of its socket
 * peer as the right-most `X-Forwarded-For` entry, after whatever the caller sent. Tests that need
 * a gateway and a direct caller apart connect from two loopback addresses (127.0.0.1, 127.0.0.2).
 */
export function withEdgeForwardedFor(headers: Record<string, string[]>, peer: string | undefined): void {
  // As one more value of the header: a repeated header is one comma-separated list (RFC 9110 §5.3).
  headers['x-forwarded-for'] = [...(headers['x-forwarded-for'] ?? []), peer ?? ''];
}

export function platformRequest(req: IncomingMessage, url: URL, userPath: string, body: Buffer): Omit<PlatformWebTriggerRequest, 'context'> {
  // headersDistinct keeps repeated headers apart and lower-cases names, as the platform does.
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) if (values) headers[name] = [...values];
  withEdgeForwardedFor(headers, req.socket.remoteAddress);
  const queryParameters: Record<string, string[]> = {};
  for (const name of new Set(url.searchParams.keys())) queryParameters[name] = url.searchParams.getAll(name);
  return { method: req.method ?? 'GET', path: url.pathname, userPath, headers, queryParameters, body: body.toString('utf8') };
}

interface HttpResult {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

/** Checks the function's return value against the platform's response shape. */
export function httpResult(value: unknown): HttpResult | { invalid: string } {
  if (!value || typeof value !== 'object') return { invalid: 'the function returned no response object' };
  const response = value as { statusCode?: unknown; headers?: unknown; body?: unknown };
  const status = response.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { invalid: 'statusCode is missing or not an HTTP status' };
  }
  const headers: Record<string, string[]> = {};
  if (response.headers !== undefined) {
    if (!response.headers || typeof response.headers !== 'object') return { invalid: 'headers is not an object' };
    for (const [name, values] of Object.entries(response.headers as Record<string, unknown>)) {
      if (!Array.isArray(values) || values.some((item) => typeof item !== 'string')) {
        return { invalid: `header '${name}' is not an array of strings` };
      }
      headers[name] = values as string[];
    }
  }
  if (response.body !== undefined && typeof response.body !== 'string') return { invalid: 'body is not a string' };
  return { status, headers, body: response.body ?? '' };
}

/**
 * A web trigger with `response: {type: static, outputs}` answers `{outputKey}`; the platform then
 * sends the output of that key (its statusCode, body and contentType). Web trigger events reference.
 */
export function staticResult(outputs: readonly WebTriggerOutput[], value: unknown): HttpResult | { invalid: string } {
  const outputKey = value && typeof value === 'object' ? (value as { outputKey?: unknown }).outputKey : undefined;
  if (typeof outputKey !== 'string') return { invalid: 'a static web trigger must return {outputKey}' };
  const output = outputs.find((candidate) => candidate.key === outputKey);
  if (!output) return { invalid: `outputKey '${outputKey}' is not one of the manifest's outputs` };
  return { status: output.statusCode, headers: output.contentType ? { 'content-type': [output.contentType] } : {}, body: output.body ?? '' };
}

export async function handleWebTrigger(req: IncomingMessage, res: ServerResponse, url: URL, key: string, userPath: string, invoker: Invoker): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req, WEBTRIGGER_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
    throw error;
  }
  let returned: unknown;
  try {
    returned = await invoker.webTrigger(key, platformRequest(req, url, userPath, body));
  } catch (error) {
    if (error instanceof InvocationError) return sendError(res, error.status, error.code, error.message);
    console.error(`[local host] web trigger ${key} threw: ${error instanceof Error ? error.message : String(error)}`);
    return sendError(res, 500, 'FUNCTION_ERR', 'The web trigger function failed.');
  }
  const outputs = invoker.webTriggerOutputs(key);
  const result = outputs ? staticResult(outputs, returned) : httpResult(returned);
  if ('invalid' in result) {
    // The platform answers 500 when the result does not fit the response format.
    console.error(`[local host] web trigger ${key}: invalid response (${result.invalid}); answering 500.`);
    return sendError(res, 500, 'INVALID_WEBTRIGGER_RESPONSE', `The web trigger function returned an invalid response: ${result.invalid}.`);
  }
  try {
    res.writeHead(result.status, result.headers);
  } catch (error) {
    return sendError(res, 500, 'INVALID_WEBTRIGGER_RESPONSE', `Invalid response header: ${error instanceof Error ? error.message : String(error)}`);
  }
  res.end(result.body);
}
