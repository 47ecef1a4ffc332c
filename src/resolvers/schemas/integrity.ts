/** Payload schema of `integrity/verify` and `integrity/seals`: an optional period, ISO-8601 with a zone. */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const integrityRangeSchema = z.strictObject({ from: isoTime.optional(), to: isoTime.optional() });

/** `integrity/seals`: the period, and the cursor of the previous answer when paging on. */
export const integritySealsSchema = integrityRangeSchema.extend({ cursor: z.string().regex(/^\d{1,12}$/).optional() });
