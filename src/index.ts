// The handlers manifest.yml names, and nothing else.
export { adminResolver } from './resolvers/admin';
export { auditLogResolver } from './resolvers/audit-log';
export { personalResolver } from './resolvers/personal';
export { verifyToken } from './webtriggers/verify-token';
export { auditEvents } from './webtriggers/audit-events';
export { housekeeping } from './scheduled/housekeeping';
export { siemDelivery, siemDeliveryTick } from './consumers/siem-delivery';
export { integritySeal } from './scheduled/integrity-seal';
export { alertDelivery } from './consumers/alert-delivery';
