/** Payload schemas of the "API calls" tab's resolvers. */
import { z } from 'zod';

export const RECENT_CALLS = { default: 20, max: 100 } as const;

export const recentCallsSchema = z.strictObject({ limit: z.number().int().min(1).max(RECENT_CALLS.max).optional() });
