// Placeholder until the audit-log issue lands: the audit-log page's resolvers.
import { buildResolver } from './define';

export const auditLogResolver = buildResolver({});
