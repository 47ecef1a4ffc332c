// The audit-log page (Custom UI): its bootstrap and the search it pages and exports through.
import { auditSpecs } from './audit';
import { buildResolver } from './define';

export const auditLogResolver = buildResolver(auditSpecs);
