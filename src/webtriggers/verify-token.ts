// First cut of the verification web trigger: it already refuses requests without credentials.
import { header, jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';

export async function verifyToken(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  const presented = header(request, 'authorization') ?? header(request, 'x-api-token');
  if (!presented) {
    return jsonResponse(
      401,
      { valid: false, code: 'MISSING_CREDENTIALS', message: 'Send a token as Authorization: Bearer <token>.' },
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
  return jsonResponse(401, { valid: false, code: 'UNKNOWN_TOKEN', message: 'The token is not known.' }, { 'WWW-Authenticate': 'Bearer' });
}
