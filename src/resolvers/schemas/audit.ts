/** Payload schemas of `audit/search` and `audit/bootstrap` (docs/resolvers.md). Strict: unknown fields are INVALID_INPUT. */
import { z } from 'zod';
import { QUERY_BOUNDS } from '../../domain/audit/query';
import { PAGE_SIZE, SCAN_LIMIT } from '../../domain/audit/search';

const name = z.string().trim().min(1).max(200);

export const auditSearchSchema = z.strictObject({
  from: z.string().max(40).nullish(),
  to: z.string().max(40).nullish(),
  categories: z.array(name).max(20).optional(),
  actions: z.array(name).max(40).optional(),
  authors: z.array(z.string().trim().min(1).max(128)).max(20).optional(),
  affectedObject: z.strictObject({ type: z.string().trim().min(1).max(100), id: z.string().trim().min(1).max(500) }).nullish(),
  search: z.string().max(QUERY_BOUNDS.searchLength).nullish(),
  limit: z.number().int().min(1).max(PAGE_SIZE.max).optional(),
  cursor: z.string().max(200_000).nullish(),
  scanLimit: z.number().int().min(SCAN_LIMIT.min).max(SCAN_LIMIT.max).optional(),
  countBeyond: z.boolean().optional(),
});

export type AuditSearchSchema = z.infer<typeof auditSearchSchema>;

/**
 * Payload of `audit/bootstrap`: optionally the filters the page opens with (a link into the page,
 * src/shared/audit-link.ts), so that a filtered first render is still one invocation.
 */
export const auditBootstrapSchema = z.strictObject({
  query: auditSearchSchema.omit({ limit: true, cursor: true, countBeyond: true }).optional(),
});

/** Payload of `audit/searchAuthors`: the text typed into the author filter. */
export const auditAuthorSearchSchema = z.strictObject({ query: z.string().trim().max(100) });
