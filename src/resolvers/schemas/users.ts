/** Payload schema of the people and group pickers. An empty query has no suggestions. */
import { z } from 'zod';

export const pickerSearchSchema = z.strictObject({ query: z.string().trim().max(100) });
