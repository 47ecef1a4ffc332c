/**
 * Runs one invocation of the app: inside the Forge globals' per-invocation context, and in the
 * host's own async context so that product calls know which user an `asUser()` call acts as.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LOCAL_SITE } from '../jira/fixture';
import { withInvocation, type InvocationContext } from '../runtime/forge-globals';
import { LOCAL_INSTALLATION } from './installation';

const current = new AsyncLocalStorage<InvocationContext>();

export interface InvocationTarget {
  accountId?: string;
  moduleKey?: string;
  functionKey?: string;
  timeoutSeconds?: number;
}

export function invocationContext(appId: string, target: InvocationTarget): InvocationContext {
  return {
    ...target,
    cloudId: LOCAL_SITE.cloudId,
    siteUrl: LOCAL_SITE.siteUrl,
    appId,
    environmentId: LOCAL_INSTALLATION.environmentId,
    installationId: LOCAL_INSTALLATION.installationId,
  };
}

export function runInvocation<T>(context: InvocationContext, fn: () => Promise<T>): Promise<T> {
  return current.run(context, () => withInvocation(context, fn));
}

/** The user of the invocation in progress; undefined outside one or for triggers without a user. */
export function currentAccountId(): string | undefined {
  return current.getStore()?.accountId;
}
