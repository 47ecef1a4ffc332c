// The audit-log page (Custom UI): its bootstrap, the search it pages and exports through, and the
// seals a JSON Lines export carries.
import { auditSpecs } from './audit';
import { buildResolver, moduleSpecs } from './define';
import { integritySpecs } from './integrity';

export const auditLogSpecs = moduleSpecs('audit-log')({ ...auditSpecs, 'integrity/seals': integritySpecs['integrity/seals'] });

export const auditLogResolver = buildResolver(auditLogSpecs);
