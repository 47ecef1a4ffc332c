/** The verification web trigger (docs/verify-token.md): request → authenticate → HTTP answer. */
import { authenticate } from './authenticator';
import type { WebTriggerRequest, WebTriggerResponse } from './http';
import { verificationResponse } from './verification-response';

export async function verifyToken(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return verificationResponse(await authenticate(request, { purpose: 'verify-token' }));
}
