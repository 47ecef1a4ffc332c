// The audit-log page (Custom UI): its bootstrap and the search it pages and exports through.
import { auditSpecs } from './audit';
import { buildResolver, moduleSpecs } from './define';

export const auditLogSpecs = moduleSpecs('audit-log')({ ...auditSpecs });

export const auditLogResolver = buildResolver(auditLogSpecs);
