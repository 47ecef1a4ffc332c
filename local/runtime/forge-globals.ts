/**
 * Installs the two globals every backend `@forge/*` SDK package talks to:
 * `__forge_fetch__` (routed by `forge-fetch.ts`) and `__forge_runtime__` (a getter returning the
 * current invocation's context, or a host-level context outside any invocation so scripts and
 * tests can use the SDK directly).
 */
import { egressFetch, type EgressPolicy } from './egress';
import { createForgeFetch, type ForgeBackends } from './forge-fetch';
import {
  buildRuntime,
  currentRuntime,
  endInvocation,
  InvocationTimeoutError,
  isEnded,
  runWithRuntime,
  timeLimitMs,
  type ForgeRuntime,
  type InvocationContext,
  type RuntimeSettings,
} from './invocation-context';

export type { ForgeBackends, ProductDescriptor } from './forge-fetch';
export type { ForgeRuntime, InvocationContext } from './invocation-context';
export { InvocationTimeoutError, cutOffFunctionAfter } from './invocation-context';

/**
 * What an invocation that the platform has stopped gets for any further call: no answer, ever.
 * On Forge the process is gone; here its code may still run between awaits, but none of its
 * storage, product, queue or egress calls reach anything.
 */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

export interface ForgeGlobalsOptions {
  /** Scopes reported in `getAppContext().permissions`; default `[]`. */
  scopes?: string[];
  appVersion?: string;
  /** Where `i18n` looks for translations; default the working directory. */
  appCodeDir?: string;
  /** Context used when the SDK is called outside `withInvocation`. */
  hostContext?: InvocationContext;
  /** What app code may `fetch` (manifest egress plus LOCAL_EGRESS_ALLOW); default: anything. */
  egress?: EgressPolicy;
}

interface Installed {
  backends: ForgeBackends;
  settings: RuntimeSettings;
  hostRuntime: ForgeRuntime;
  egress?: EgressPolicy;
}

const INSTALLED_KEY = Symbol.for('forge-local-host.globals');
const FETCH_WRAPPED_KEY = Symbol.for('forge-local-host.egress-fetch');

/**
 * `@forge/api` keeps the global `fetch` it finds when it loads, so the egress check is put in
 * place as soon as this module loads (before the host loads the app), and reads the installed
 * policy at call time.
 */
function wrapGlobalFetch(): void {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  if (holder[FETCH_WRAPPED_KEY] || typeof globalThis.fetch !== 'function') return;
  holder[FETCH_WRAPPED_KEY] = true;
  const checked = egressFetch(globalThis.fetch.bind(globalThis), () => currentRuntime() !== undefined, () => installed()?.egress);
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    isEnded(currentRuntime()) ? never<Response>() : checked(input, init));
}
wrapGlobalFetch();

export const DEFAULT_HOST_CONTEXT: InvocationContext = {
  cloudId: '00000000-0000-4000-8000-000000000001',
  siteUrl: 'http://127.0.0.1',
  appId: '00000000-0000-0000-0000-000000000000',
  environmentId: '00000000-0000-4000-8000-00000000e0e0',
  installationId: '00000000-0000-4000-8000-0000000011a1',
};

function installed(): Installed | undefined {
  return (globalThis as unknown as Record<symbol, Installed | undefined>)[INSTALLED_KEY];
}

/** Idempotent; calling again swaps the backends and settings for all later calls. */
export function installForgeGlobals(backends: ForgeBackends, options: ForgeGlobalsOptions = {}): void {
  const settings: RuntimeSettings = {
    scopes: options.scopes ?? [],
    appVersion: options.appVersion ?? '1.0.0',
    appCodeDir: options.appCodeDir ?? process.cwd(),
  };
  const state: Installed = {
    backends,
    settings,
    hostRuntime: buildRuntime(options.hostContext ?? DEFAULT_HOST_CONTEXT, settings),
    egress: options.egress,
  };
  wrapGlobalFetch();
  const holder = globalThis as unknown as Record<symbol | string, unknown>;
  const firstInstall = holder[INSTALLED_KEY] === undefined;
  holder[INSTALLED_KEY] = state;
  if (!firstInstall) return;

  const forgeFetch = createForgeFetch(() => {
    const current = installed();
    if (!current) throw new Error('Forge globals are not installed');
    return current.backends;
  });
  const cutOffAware: typeof forgeFetch = (descriptor, path, init) => (isEnded(currentRuntime()) ? never<Response>() : forgeFetch(descriptor, path, init));
  Object.defineProperty(globalThis, '__forge_fetch__', { value: cutOffAware, configurable: true, writable: true });
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: (): ForgeRuntime | undefined => currentRuntime() ?? installed()?.hostRuntime,
  });
}

/**
 * Runs `fn` as one invocation: inside it, the SDK sees this context (account, module, fresh
 * invocation id). Past its time limit (`timeoutSeconds`, see invocation-context.ts) the invocation
 * is ended as the platform ends it: the caller gets an `InvocationTimeoutError` at once, and every
 * later SDK or `fetch` call of the invocation stays unanswered, so its work stops where it was.
 */
export async function withInvocation<T>(context: InvocationContext, fn: () => Promise<T>): Promise<T> {
  const current = installed();
  if (!current) throw new Error('installForgeGlobals must be called before withInvocation');
  const runtime = buildRuntime(context, current.settings);
  const limitMs = timeLimitMs(context);
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      endInvocation(runtime);
      reject(new InvocationTimeoutError(context.functionKey ?? 'local', limitMs));
    }, limitMs);
  });
  try {
    // race() handles a rejection of the run that comes after the cut-off: nobody is waiting for it.
    return await Promise.race([runWithRuntime(runtime, fn), cutOff]);
  } finally {
    clearTimeout(timer);
  }
}
