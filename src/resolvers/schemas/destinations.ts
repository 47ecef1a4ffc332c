/** Payload schemas of the `destinations/*` resolvers. Strict: unknown fields are INVALID_INPUT. */
import { z } from 'zod';
import { DESTINATION_KINDS } from '../../domain/siem/destination';

/** A SIEM destination as the Destinations tab sends it; `credential` only when set or replaced. */
export const destinationInputSchema = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  kind: z.enum(DESTINATION_KINDS),
  name: z.string().trim().min(1).max(100),
  url: z.string().trim().min(1).max(500),
  index: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Elastic index names are lower-case letters, digits, ., _ and -.')
    .optional(),
  credential: z.string().min(1).max(4000).optional(),
});

export const saveDestinationSchema = z.strictObject({ destination: destinationInputSchema });
export const destinationIdSchema = z.strictObject({ destinationId: z.string().min(1).max(64) });
