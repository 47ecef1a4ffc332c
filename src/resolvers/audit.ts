// Placeholder until the audit-log issue lands: `audit/*` resolver specs.
import type { ResolverSpec } from './define';

export const auditSpecs: Record<string, ResolverSpec> = {};
