/**
 * Per-invocation platform context. The SDKs read `global.__forge_runtime__` at call time, so an
 * AsyncLocalStorage-backed getter gives every concurrent invocation its own account, module and
 * invocation id without them ever seeing each other's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

export interface InvocationContext {
  accountId?: string;
  moduleKey?: string;
  functionKey?: string;
  cloudId: string;
  siteUrl: string;
  appId: string;
  environmentId: string;
  installationId: string;
  /** How long this invocation may run; the platform's default for its kind when not set. */
  timeoutSeconds?: number;
}

/** The object `@forge/api` and `@forge/kvs` read as `global.__forge_runtime__`. */
export interface ForgeRuntime {
  appContext: {
    appId: string;
    appVersion: string;
    environmentId: string;
    environmentType: string;
    invocationId: string;
    installationId: string;
    moduleKey?: string;
    functionKey?: string;
    license?: unknown;
    installation?: unknown;
    permissions: { scopes: string[]; external: Record<string, unknown> };
  };
  proxy: { token: string; url: string };
  contextAri: string;
  aaid?: string;
  tracing: { traceId: string; spanId: string };
  metrics: RuntimeMetrics;
  lambdaContext: { getRemainingTimeInMillis: () => number; functionName: string; awsRequestId: string };
  featureFlags: { isEnabled: (flag: string) => boolean };
  container: { appCodeDir: string };
  externalAuth: unknown[];
}

interface Timer {
  stop: (tags?: Record<string, string>) => void;
}

export interface RuntimeMetrics {
  counter: (name: string, tags?: Record<string, string>) => { incr: () => void; decr: () => void };
  timing: (name: string, tags?: Record<string, string>) => { measure: () => Timer };
  gauge: (name: string, tags?: Record<string, string>) => { set: (value: number) => void };
}

/** The platform records SDK metrics; locally there is nowhere to send them. */
const noopMetrics: RuntimeMetrics = {
  counter: () => ({ incr: (): void => undefined, decr: (): void => undefined }),
  timing: () => ({ measure: (): Timer => ({ stop: (): void => undefined }) }),
  gauge: () => ({ set: (): void => undefined }),
};

/**
 * Forge invocation limits (developer.atlassian.com/platform/forge/limits-invocation/): resolvers 25 s,
 * web triggers 55 s, scheduled triggers and async event consumers their function's `timeoutSeconds`
 * (55 s by default, up to 900). The host passes each kind's limit as `timeoutSeconds`; an invocation
 * without one (scripts, tests calling `withInvocation` directly) gets the resolver's 25 s.
 */
export const DEFAULT_TIMEOUT_SECONDS = 25;

/** How an invocation past its time limit ends: its caller gets this error, and the invocation is cut off. */
export class InvocationTimeoutError extends Error {
  constructor(
    readonly functionKey: string,
    readonly limitMs: number,
  ) {
    super(`The function ${functionKey} was stopped after ${limitMs} ms, its time limit.`);
    this.name = 'InvocationTimeoutError';
  }
}

/**
 * Test-only: end invocations of a function after `ms` whatever it is told it has left, so that a
 * run that overruns its own budget (a stalled call past the safety margin) can be cut off in a
 * test without waiting 55 s or more. `undefined` removes the override.
 */
const cutOffOverrides = new Map<string, number>();
export function cutOffFunctionAfter(functionKey: string, ms: number | undefined): void {
  if (ms === undefined) cutOffOverrides.delete(functionKey);
  else cutOffOverrides.set(functionKey, ms);
}

/** When the host ends this invocation: its limit, or a test's override for its function. */
export function timeLimitMs(context: InvocationContext): number {
  const override = context.functionKey === undefined ? undefined : cutOffOverrides.get(context.functionKey);
  return override ?? (context.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/** Invocations past their limit: nothing they ask of the platform afterwards is answered. */
const ended = new WeakSet<ForgeRuntime>();
export function endInvocation(runtime: ForgeRuntime): void {
  ended.add(runtime);
}
export function isEnded(runtime: ForgeRuntime | undefined): boolean {
  return runtime !== undefined && ended.has(runtime);
}

export interface RuntimeSettings {
  scopes: string[];
  appVersion: string;
  appCodeDir: string;
}

const storage = new AsyncLocalStorage<ForgeRuntime>();

function bareAppId(appId: string): string {
  return appId.replace(/^ari:cloud:ecosystem::app\//, '');
}

export function buildRuntime(context: InvocationContext, settings: RuntimeSettings): ForgeRuntime {
  const deadline = Date.now() + (context.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const invocationId = randomUUID();
  return {
    appContext: {
      appId: bareAppId(context.appId),
      appVersion: settings.appVersion,
      environmentId: context.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId,
      installationId: context.installationId,
      moduleKey: context.moduleKey,
      functionKey: context.functionKey,
      permissions: { scopes: [...settings.scopes], external: {} },
      // As the platform gives it: the installation's ARI and the site it is installed on.
      installation: {
        ari: { installationId: context.installationId, toString: () => `ari:cloud:ecosystem::installation/${context.installationId}` },
        contexts: [{ cloudId: context.cloudId, toString: () => `ari:cloud:jira::site/${context.cloudId}` }],
      },
    },
    proxy: { token: `local-${invocationId}`, url: 'http://forge-local-proxy.invalid' },
    contextAri: `ari:cloud:jira::site/${context.cloudId}`,
    aaid: context.accountId,
    tracing: { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') },
    metrics: noopMetrics,
    lambdaContext: {
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      functionName: context.functionKey ?? 'local',
      awsRequestId: invocationId,
    },
    featureFlags: { isEnabled: () => false },
    container: { appCodeDir: settings.appCodeDir },
    externalAuth: [],
  };
}

export function runWithRuntime<T>(runtime: ForgeRuntime, fn: () => Promise<T>): Promise<T> {
  return storage.run(runtime, fn);
}

export function currentRuntime(): ForgeRuntime | undefined {
  return storage.getStore();
}
