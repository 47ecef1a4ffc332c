/** Payload schema of `integrity/verify` and `integrity/seals`: an optional period, ISO-8601 with a zone. */
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const integrityRangeSchema = z.strictObject({ from: isoTime.optional(), to: isoTime.optional() });
