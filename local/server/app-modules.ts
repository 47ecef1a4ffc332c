/**
 * What the host serves, derived generically from the parsed manifest's modules and resources:
 * page modules (anything with a `resource`), web triggers, scheduled triggers, queue consumers
 * and the functions they name. Nothing here knows this app's module keys.
 */
import { modulesOfType, type AppManifest, type ManifestFunction } from '../manifest';

export interface PageModule {
  key: string;
  /** The manifest module type, e.g. `jira:adminPage`; the platform reports it as `extension.type`. */
  type: string;
  title: string;
  resourceKey: string;
  /** The resource path: a `.tsx` entry for UI Kit, a build directory for Custom UI. */
  resourcePath: string;
  kind: 'ui-kit' | 'custom-ui';
  resolverFunction?: string;
}

/** One of a web trigger's static responses (`response: {type: static, outputs: [...]}`). */
export interface WebTriggerOutput {
  key: string;
  statusCode: number;
  body?: string;
  contentType?: string;
}

export interface WebTriggerModule {
  key: string;
  function: string;
  /** Set when the manifest declares `response.type: static`: the function answers `{outputKey}`. */
  outputs?: WebTriggerOutput[];
}

function staticOutputs(raw: Record<string, unknown>): WebTriggerOutput[] | undefined {
  const response = raw.response as { type?: unknown; outputs?: unknown } | undefined;
  if (!response || response.type !== 'static' || !Array.isArray(response.outputs)) return undefined;
  return response.outputs.flatMap((output: unknown) => {
    const entry = output as Partial<WebTriggerOutput>;
    if (typeof entry?.key !== 'string' || typeof entry.statusCode !== 'number') return [];
    return [{ key: entry.key, statusCode: entry.statusCode, body: typeof entry.body === 'string' ? entry.body : undefined, contentType: typeof entry.contentType === 'string' ? entry.contentType : undefined }];
  });
}

export interface ScheduledModule {
  key: string;
  function: string;
  interval: string;
}

export interface ConsumerModule {
  key: string;
  queue: string;
  function: string;
  method: string;
}

export interface AppModules {
  appId: string;
  pages: PageModule[];
  webTriggers: WebTriggerModule[];
  scheduled: ScheduledModule[];
  consumers: ConsumerModule[];
  functions: Record<string, ManifestFunction>;
}

/** Module types that are not pages even though some of their entries could carry a resource. */
const NON_PAGE_TYPES = new Set(['webtrigger', 'scheduledTrigger', 'consumer', 'trigger']);

export function readAppModules(manifest: AppManifest): AppModules {
  const resources = new Map(manifest.resources.map((resource) => [resource.key, resource.path]));
  const pages: PageModule[] = [];
  for (const [type, entries] of Object.entries(manifest.modules)) {
    if (NON_PAGE_TYPES.has(type)) continue;
    for (const entry of entries) {
      if (!entry.resource) continue;
      pages.push({
        key: entry.key,
        type,
        title: entry.title ?? entry.key,
        resourceKey: entry.resource,
        resourcePath: resources.get(entry.resource) ?? '',
        // `render: native` marks UI Kit; a resource without it is Custom UI (a static build folder).
        kind: entry.render === 'native' ? 'ui-kit' : 'custom-ui',
        ...(entry.resolver ? { resolverFunction: entry.resolver.function } : {}),
      });
    }
  }
  return {
    appId: manifest.appId,
    pages,
    webTriggers: modulesOfType(manifest, 'webtrigger').map((entry) => {
      const outputs = staticOutputs(entry.raw);
      return { key: entry.key, function: entry.function ?? '', ...(outputs ? { outputs } : {}) };
    }),
    scheduled: modulesOfType(manifest, 'scheduledTrigger').map((entry) => ({
      key: entry.key,
      function: entry.function ?? '',
      interval: entry.interval ?? '',
    })),
    // Consumers name their function directly, or through a resolver with a method (older form).
    consumers: modulesOfType(manifest, 'consumer').map((entry) => ({
      key: entry.key,
      queue: entry.queue ?? '',
      function: entry.function ?? entry.resolver?.function ?? '',
      method: entry.resolver?.method ?? '',
    })),
    functions: manifest.functions,
  };
}
