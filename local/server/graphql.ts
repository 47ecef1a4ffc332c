/**
 * The GraphQL calls `@forge/api`'s `webTrigger` makes (createWebTriggerUrl, the URL query and
 * delete). Local URLs are `<host>/x1/<module-key>`: stable per module, as on the platform, and
 * the id the SDK parses from `/x1/<id>` is the module key.
 */
import type { AppModules } from './app-modules';

interface GraphqlRequest {
  query?: unknown;
  variables?: { input?: { triggerKey?: unknown }; id?: unknown };
}

const graphqlError = (message: string): unknown => ({ data: null, errors: [{ message }] });

export function webTriggerUrlResponse(body: unknown, modules: AppModules, baseUrl: () => string): unknown {
  const request = (typeof body === 'string' ? JSON.parse(body) : body) as GraphqlRequest;
  const query = typeof request?.query === 'string' ? request.query : '';
  const urlOf = (key: string): string => `${baseUrl()}/x1/${encodeURIComponent(key)}`;
  const known = (key: unknown): key is string => typeof key === 'string' && modules.webTriggers.some((trigger) => trigger.key === key);

  if (query.includes('createWebTriggerUrl')) {
    const key = request.variables?.input?.triggerKey;
    if (!known(key)) return graphqlError(`No web trigger module '${String(key)}' in manifest.yml.`);
    return { data: { createWebTriggerUrl: { url: urlOf(key) } } };
  }
  if (query.includes('webTriggerUrlsByAppContext')) {
    return { data: { webTriggerUrlsByAppContext: modules.webTriggers.map((trigger) => ({ triggerKey: trigger.key, url: urlOf(trigger.key) })) } };
  }
  if (query.includes('deleteWebTriggerUrl')) {
    // Local URLs are derived from module keys, so deleting one is a no-op that succeeds.
    return { data: { deleteWebTriggerUrl: { success: known(request.variables?.id), message: null } } };
  }
  return graphqlError('The local host answers only the web trigger URL GraphQL operations.');
}
