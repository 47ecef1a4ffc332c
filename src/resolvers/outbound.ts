// Placeholder until the outbound-calls issue lands: `outbound/*` resolver specs.
import type { ResolverSpec } from './define';

export const outboundSpecs: Record<string, ResolverSpec> = {};
