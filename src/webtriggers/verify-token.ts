/** The verification web trigger (product.md §4): request → authenticate → HTTP answer. */
import { authenticate } from './authenticator';
import type { WebTriggerRequest, WebTriggerResponse } from './http';
import { verificationResponse } from './verification-response';

export async function verifyToken(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return verificationResponse(await authenticate(request, { purpose: 'verify-token' }));
}
