/**
 * Reads `manifest.yml` into typed structures the local host needs: functions and their handlers,
 * modules grouped by type, resources, custom entities with their indexes, and scopes.
 * Generic on purpose: nothing here knows about this particular app.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityIndex {
  name: string;
  /** Attributes whose values must all be given (equality) to query the index; may be empty. */
  partition: string[];
  /** The attribute the index is sorted on and range conditions apply to. */
  range: string;
}

export interface EntityDefinition {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

export interface ManifestFunction {
  key: string;
  /** As written in the manifest, e.g. `index.adminResolver`. */
  handler: string;
  /** Module path relative to `src/` without extension, e.g. `index`. */
  file: string;
  /** Export name in that module, e.g. `adminResolver`. */
  exportName: string;
  /** `timeoutSeconds`, when set: how long the platform lets a scheduled trigger or async function run. */
  timeoutSeconds?: number;
}

/** A module entry; the common fields are typed, everything else stays available in `raw`. */
export interface ManifestModule {
  type: string;
  key: string;
  title?: string;
  resource?: string;
  render?: string;
  /** Direct function reference (webtrigger, scheduledTrigger). */
  function?: string;
  /** Resolver reference (pages, consumers). */
  resolver?: { function: string; method?: string };
  interval?: string;
  queue?: string;
  raw: Record<string, unknown>;
}

export interface ManifestResource {
  key: string;
  path: string;
}

export interface AppManifest {
  appId: string;
  runtime: string;
  functions: Record<string, ManifestFunction>;
  modules: Record<string, ManifestModule[]>;
  resources: ManifestResource[];
  entities: EntityDefinition[];
  scopes: string[];
  /** `permissions.external.fetch.backend`: the hosts (wildcards allowed) backend `fetch` may reach. */
  egressBackend: string[];
}

/** Custom entities "Limitations" (developer.atlassian.com/platform/forge/runtime-reference/custom-entities/). */
export const MAX_INDEXES_PER_ENTITY = 7;

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];

export class ManifestError extends Error {
  constructor(message: string) {
    super(`manifest.yml: ${message}`);
    this.name = 'ManifestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ManifestError(`${where} must be a non-empty string`);
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseFunction(entry: unknown): ManifestFunction {
  if (!isRecord(entry)) throw new ManifestError('each function must be a mapping');
  const key = asString(entry.key, 'function key');
  const handler = asString(entry.handler, `function ${key} handler`);
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    throw new ManifestError(`function ${key} handler "${handler}" must look like "file.export"`);
  }
  const timeoutSeconds = entry.timeoutSeconds;
  if (timeoutSeconds !== undefined && (typeof timeoutSeconds !== 'number' || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 900)) {
    throw new ManifestError(`function ${key} timeoutSeconds must be a whole number from 1 to 900`);
  }
  return {
    key,
    handler,
    file: handler.slice(0, dot),
    exportName: handler.slice(dot + 1),
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
  };
}

function parseModule(type: string, entry: unknown): ManifestModule {
  if (!isRecord(entry)) throw new ManifestError(`each ${type} module must be a mapping`);
  const key = asString(entry.key, `${type} module key`);
  const resolver = isRecord(entry.resolver)
    ? { function: asString(entry.resolver.function, `${type} ${key} resolver.function`), method: optionalString(entry.resolver.method) }
    : undefined;
  return {
    type,
    key,
    title: optionalString(entry.title),
    resource: optionalString(entry.resource),
    render: optionalString(entry.render),
    function: optionalString(entry.function),
    resolver,
    interval: optionalString(entry.interval),
    queue: optionalString(entry.queue),
    raw: entry,
  };
}

/** `range` is written either as a string or as a one-element list in Forge examples. */
function parseRange(value: unknown, where: string): string {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new ManifestError(`${where} range must name exactly one attribute`);
    return asString(value[0], `${where} range`);
  }
  return asString(value, `${where} range`);
}

function parseIndex(entityName: string, entry: unknown): EntityIndex {
  // Shorthand `- attributeName` is an index of that name ranged on that attribute, without partition.
  if (typeof entry === 'string') return { name: entry, partition: [], range: entry };
  if (!isRecord(entry)) throw new ManifestError(`entity ${entityName}: each index must be a name or a mapping`);
  const name = asString(entry.name, `entity ${entityName} index name`);
  const where = `entity ${entityName} index ${name}`;
  const partition = entry.partition === undefined ? [] : entry.partition;
  if (!Array.isArray(partition)) throw new ManifestError(`${where} partition must be a list`);
  return {
    name,
    partition: partition.map((p, i) => asString(p, `${where} partition[${i}]`)),
    range: parseRange(entry.range, where),
  };
}

function parseEntity(entry: unknown): EntityDefinition {
  if (!isRecord(entry)) throw new ManifestError('each entity must be a mapping');
  const name = asString(entry.name, 'entity name');
  const attributes: Record<string, AttributeType> = {};
  if (!isRecord(entry.attributes)) throw new ManifestError(`entity ${name} must declare attributes`);
  for (const [attribute, spec] of Object.entries(entry.attributes)) {
    const type = isRecord(spec) ? spec.type : undefined;
    if (typeof type !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      throw new ManifestError(`entity ${name} attribute ${attribute} has unknown type ${String(type)}`);
    }
    attributes[attribute] = type as AttributeType;
  }
  const indexEntries = Array.isArray(entry.indexes) ? entry.indexes : [];
  const indexes = indexEntries.map((index) => parseIndex(name, index));
  // Custom entities "Limitations": 7 indexes an entity; `forge deploy` refuses more.
  if (indexes.length > MAX_INDEXES_PER_ENTITY) {
    throw new ManifestError(`entity ${name} declares ${indexes.length} indexes; an entity may have at most ${MAX_INDEXES_PER_ENTITY}`);
  }
  for (const index of indexes) {
    for (const attribute of [...index.partition, index.range]) {
      if (!(attribute in attributes)) {
        throw new ManifestError(`entity ${name} index ${index.name} uses undeclared attribute ${attribute}`);
      }
    }
  }
  return { name, attributes, indexes };
}

/** Parses manifest text; throws `ManifestError` with a readable message when the shape is wrong. */
export function parseManifest(text: string): AppManifest {
  const doc: unknown = parse(text);
  if (!isRecord(doc)) throw new ManifestError('top level must be a mapping');
  const app = isRecord(doc.app) ? doc.app : {};
  const runtime = isRecord(app.runtime) ? optionalString(app.runtime.name) ?? '' : '';
  const storage = isRecord(app.storage) ? app.storage : {};
  const rawModules = isRecord(doc.modules) ? doc.modules : {};

  const functions: Record<string, ManifestFunction> = {};
  const modules: Record<string, ManifestModule[]> = {};
  for (const [type, entries] of Object.entries(rawModules)) {
    if (!Array.isArray(entries)) throw new ManifestError(`modules.${type} must be a list`);
    if (type === 'function') {
      for (const entry of entries) {
        const fn = parseFunction(entry);
        functions[fn.key] = fn;
      }
    } else {
      modules[type] = entries.map((entry) => parseModule(type, entry));
    }
  }

  const resources = (Array.isArray(doc.resources) ? doc.resources : []).map((entry, i): ManifestResource => {
    if (!isRecord(entry)) throw new ManifestError(`resources[${i}] must be a mapping`);
    return { key: asString(entry.key, `resources[${i}].key`), path: asString(entry.path, `resources[${i}].path`) };
  });

  const entities = (Array.isArray(storage.entities) ? storage.entities : []).map(parseEntity);
  const permissions = isRecord(doc.permissions) ? doc.permissions : {};
  const scopes = (Array.isArray(permissions.scopes) ? permissions.scopes : []).filter(
    (scope): scope is string => typeof scope === 'string',
  );

  const external = isRecord(permissions.external) ? permissions.external : {};
  const fetchPermissions = isRecord(external.fetch) ? external.fetch : {};
  const egressBackend = (Array.isArray(fetchPermissions.backend) ? fetchPermissions.backend : []).flatMap((entry): string[] => {
    if (typeof entry === 'string') return [entry];
    // The object form: `- address: https://x.example` (with an optional category).
    return isRecord(entry) && typeof entry.address === 'string' ? [entry.address] : [];
  });

  return { appId: optionalString(app.id) ?? '', runtime, functions, modules, resources, entities, scopes, egressBackend };
}

/** Reads and parses the manifest file (default: `manifest.yml` in the working directory). */
export function loadManifest(path = 'manifest.yml'): AppManifest {
  return parseManifest(readFileSync(path, 'utf8'));
}

/** All modules of one type, e.g. `modulesOfType(m, 'webtrigger')`; empty when the manifest has none. */
export function modulesOfType(manifest: AppManifest, type: string): ManifestModule[] {
  return manifest.modules[type] ?? [];
}

/** The module with this key, whatever its type. */
export function findModule(manifest: AppManifest, key: string): ManifestModule | undefined {
  for (const list of Object.values(manifest.modules)) {
    const found = list.find((module) => module.key === key);
    if (found) return found;
  }
  return undefined;
}

/** The function a module runs: `function:` for triggers, `resolver.function` for pages and consumers. */
export function functionOfModule(manifest: AppManifest, module: ManifestModule): ManifestFunction | undefined {
  const key = module.function ?? module.resolver?.function;
  return key === undefined ? undefined : manifest.functions[key];
}
