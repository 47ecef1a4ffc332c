// First cut of the SIEM pull API: it refuses requests without a token.
import { jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';

export async function auditEvents(_request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return jsonResponse(401, { code: 'MISSING_CREDENTIALS', message: 'Send a token with the audit-read scope.' }, { 'WWW-Authenticate': 'Bearer' });
}
