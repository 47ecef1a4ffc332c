/**
 * How every resolver is built: the server-side access check, payload validation at the edge,
 * and the one result shape of docs/resolvers.md. Handlers stay thin.
 */
import Resolver from '@forge/resolver';
import type { z } from 'zod';
import { isJiraAdmin } from '../adapters/jira/directory';
import { OutboundError } from '../adapters/outbound/errors';
import { CursorRefusedError } from '../domain/cursor-refused';
import type { DataOf, ModuleResolvers, PageModule, ResolverKey } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';

export interface CallContext {
  /** The caller, as the platform vouches for it (never taken from the payload). */
  accountId: string;
  moduleKey: string;
  siteUrl: string;
  cloudId: string;
}

export type Access = 'admin' | 'user';

export interface ResolverSpec<S extends z.ZodType = z.ZodType, D = unknown> {
  access: Access;
  /** Strict schema: unknown fields are rejected with INVALID_INPUT. */
  payload: S;
  handle: (payload: z.infer<S>, context: CallContext) => Promise<ResolverResult<D>>;
}

export function spec<S extends z.ZodType, D>(definition: ResolverSpec<S, D>): ResolverSpec<S, D> {
  return definition;
}

export function validate<S extends z.ZodType>(schema: S, payload: unknown): { ok: true; value: z.infer<S> } | { ok: false; result: ResolverResult<never> } {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(payload)', message: issue.message }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { ok: false, result: fail('INVALID_INPUT', `Invalid request: ${summary}`, issues) };
}

interface ForgeRequest {
  payload: unknown;
  context: Record<string, unknown>;
}

function callContext(context: Record<string, unknown>): CallContext | null {
  const accountId = context.accountId;
  if (typeof accountId !== 'string' || accountId === '') return null;
  const moduleKey: unknown = context.moduleKey ?? (context.extension as { moduleKey?: unknown } | undefined)?.moduleKey;
  return {
    accountId,
    moduleKey: typeof moduleKey === 'string' ? moduleKey : '',
    siteUrl: typeof context.siteUrl === 'string' ? context.siteUrl : '',
    cloudId: typeof context.cloudId === 'string' ? context.cloudId : '',
  };
}

/** Runs one spec: who may call, what they may send, and no stack trace ever reaches the page. */
export async function runSpec(resolverSpec: ResolverSpec, request: ForgeRequest): Promise<ResolverResult<unknown>> {
  const context = callContext(request.context);
  if (!context) return fail('FORBIDDEN', 'This action needs a signed-in Jira user.');
  try {
    if (resolverSpec.access === 'admin' && !(await isJiraAdmin(context.accountId))) {
      return fail('FORBIDDEN', 'Only Jira administrators can do this.');
    }
    const parsed = validate(resolverSpec.payload, request.payload);
    if (!parsed.ok) return parsed.result;
    return await resolverSpec.handle(parsed.value, context);
  } catch (error) {
    // A cursor storage would not continue from is the caller's input, not an outage (the use
    // cases answer it themselves; this keeps any other paged resolver from calling it UNAVAILABLE).
    if (error instanceof CursorRefusedError) {
      const message = 'The cursor is not valid; start again without a cursor.';
      return fail('INVALID_INPUT', message, [{ path: 'cursor', message }]);
    }
    // Only the error's name and, for Jira failures, the catalog id and kind: never payload values.
    if (error instanceof OutboundError) {
      console.error(`Resolver failed: Jira call ${error.callId} (${error.kind}, status ${error.status ?? 'none'})`);
      return fail('UNAVAILABLE', error.userMessage);
    }
    console.error(`Resolver failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    return fail('UNAVAILABLE', 'The app could not complete this request right now. Please try again.');
  }
}

/**
 * A spec as a module map holds it: any payload schema, and a handler whose data is the contract's
 * for that key (the handler's own payload type is the schema's, so it is not constrained here).
 */
interface SpecWithData<D> {
  access: Access;
  payload: z.ZodType;
  handle: (payload: never, context: CallContext) => Promise<ResolverResult<D>>;
}

/** One module's spec map: exactly the contract keys the module serves, each with the contract's data type. */
export type ModuleSpecs<K extends ResolverKey> = { [P in K]: SpecWithData<DataOf<P>> };

/**
 * Checks a page module's spec map against the contract at compile time: a key the module serves
 * without an implementation, a misspelt or unknown key, or a handler answering another shape is a
 * type error. Returns the map unchanged.
 */
export function moduleSpecs<M extends PageModule>(_module: M) {
  return <T extends ModuleSpecs<ModuleResolvers[M]>>(specs: T & Record<Exclude<keyof T, ModuleResolvers[M]>, never>): T => specs;
}

/** Builds the handler for one page module from its resolver specs. */
export function buildResolver(specs: Record<string, ResolverSpec>): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const [key, resolverSpec] of Object.entries(specs)) {
    resolver.define(key, (request: ForgeRequest) => runSpec(resolverSpec, request));
  }
  return resolver.getDefinitions();
}

export { ok, fail };
