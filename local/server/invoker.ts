/**
 * Calls the app's handlers with the argument shapes the platform uses for each kind of module:
 * resolvers (`@forge/resolver` definitions), web triggers, scheduled triggers and queue consumers.
 */
import { randomUUID } from 'node:crypto';
import { LOCAL_SITE } from '../jira/fixture';
import type { AppLoader } from './app-loader';
import type { AppModules, PageModule, WebTriggerOutput } from './app-modules';
import { LOCAL_INSTALLATION, backendRuntimePayload } from './installation';
import { invocationContext, runInvocation } from './invocation';
import { InvocationTimeoutError } from '../runtime/forge-globals';

/** Forge invocation limits (limits-invocation): resolvers 25 s, web triggers 55 s. */
export const RESOLVER_TIMEOUT_SECONDS = 25;
export const WEBTRIGGER_TIMEOUT_SECONDS = 55;
/** Front-end `invoke`: the payload sent at most 500 KB, the answer at most 5 MB (limits-invocation). */
export const INVOKE_PAYLOAD_LIMIT_BYTES = 500 * 1024;
export const INVOKE_RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** A run ended at its time limit, as its caller sees it: `status` is what the platform answers. */
async function endedAtLimit<T>(status: number, code: string, run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (error) {
    if (error instanceof InvocationTimeoutError) throw new InvocationError(status, code, error.message);
    throw error;
  }
}

/** The web trigger request the platform hands the function (Forge web trigger events reference). */
export interface PlatformWebTriggerRequest {
  method: string;
  path: string;
  userPath: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
  body: string;
  context: { cloudId: string; moduleKey: string };
}

export class InvocationError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

export interface ResolverCall {
  moduleKey: string;
  functionKey: string;
  payload: unknown;
  accountId: string;
}

/** How the queue broker (queues.ts) hands over one event: its job and event ids, and which attempt this is. */
export interface ConsumerDelivery {
  jobId: string;
  eventId: string;
  retryContext: { retryCount: number; retryReason: string | null; retryData: unknown };
}

export class Invoker {
  /** Web trigger invocations by trigger key since the host started: what the platform's invocation limits count. */
  private readonly webTriggerCounts = new Map<string, number>();

  constructor(
    private readonly modules: AppModules,
    private readonly loader: AppLoader,
  ) {}

  webTriggerInvocations(key: string): number {
    return this.webTriggerCounts.get(key) ?? 0;
  }

  /** The static responses a web trigger declares, or undefined for a dynamic one. */
  webTriggerOutputs(key: string): WebTriggerOutput[] | undefined {
    return this.modules.webTriggers.find((candidate) => candidate.key === key)?.outputs;
  }

  page(moduleKey: string): PageModule {
    const page = this.modules.pages.find((candidate) => candidate.key === moduleKey);
    if (!page) throw new InvocationError(404, 'MODULE_NOT_FOUND', `manifest.yml has no page module '${moduleKey}'.`);
    return page;
  }

  /** What the front end sees as `view.getContext()` and the resolver sees as `context`. */
  resolverContext(page: PageModule): Record<string, unknown> {
    return {
      cloudId: LOCAL_SITE.cloudId,
      siteUrl: LOCAL_SITE.siteUrl,
      moduleKey: page.key,
      localId: `${page.key}-local`,
      environmentId: LOCAL_INSTALLATION.environmentId,
      environmentType: LOCAL_INSTALLATION.environmentType,
      extension: { type: page.type },
      localization: { locale: LOCAL_INSTALLATION.locale, timezone: LOCAL_INSTALLATION.timezone },
    };
  }

  /** Scheduled triggers and queue consumers: the function's `timeoutSeconds`, else the platform's 55 s. */
  private backgroundTimeout(functionKey: string): number {
    return this.modules.functions[functionKey]?.timeoutSeconds ?? 55;
  }

  async resolver(call: ResolverCall): Promise<unknown> {
    const page = this.page(call.moduleKey);
    if (!page.resolverFunction) {
      throw new InvocationError(404, 'NO_RESOLVER', `Page module '${call.moduleKey}' declares no resolver function.`);
    }
    const payloadBytes = jsonBytes(call.payload);
    if (payloadBytes > INVOKE_PAYLOAD_LIMIT_BYTES) {
      throw new InvocationError(413, 'PAYLOAD_TOO_LARGE', `The invoke payload (${payloadBytes} bytes) is larger than the platform's ${INVOKE_PAYLOAD_LIMIT_BYTES} bytes.`);
    }
    const handler = this.loader.handler(page.resolverFunction);
    const context = invocationContext(this.modules.appId, {
      accountId: call.accountId,
      moduleKey: page.key,
      functionKey: page.resolverFunction,
      timeoutSeconds: RESOLVER_TIMEOUT_SECONDS,
    });
    const result = await endedAtLimit(
      504,
      'FUNCTION_TIMEOUT',
      runInvocation(context, async () =>
        handler(
          { call: { functionKey: call.functionKey, payload: call.payload, jobId: undefined }, context: this.resolverContext(page) },
          backendRuntimePayload(call.accountId),
        ),
      ),
    );
    const resultBytes = jsonBytes(result);
    if (resultBytes > INVOKE_RESPONSE_LIMIT_BYTES) {
      throw new InvocationError(502, 'RESPONSE_TOO_LARGE', `The resolver's answer (${resultBytes} bytes) is larger than the platform's ${INVOKE_RESPONSE_LIMIT_BYTES} bytes.`);
    }
    return result;
  }

  /** Returns what the handler returned, unchecked: the HTTP layer translates (or refuses) it. */
  async webTrigger(key: string, request: Omit<PlatformWebTriggerRequest, 'context'>): Promise<unknown> {
    const trigger = this.modules.webTriggers.find((candidate) => candidate.key === key);
    if (!trigger) throw new InvocationError(404, 'WEBTRIGGER_NOT_FOUND', `manifest.yml has no web trigger '${key}'.`);
    const handler = this.loader.handler(trigger.function);
    this.webTriggerCounts.set(key, this.webTriggerInvocations(key) + 1);
    const context = invocationContext(this.modules.appId, { moduleKey: key, functionKey: trigger.function, timeoutSeconds: WEBTRIGGER_TIMEOUT_SECONDS });
    const platformRequest: PlatformWebTriggerRequest = { ...request, context: { cloudId: LOCAL_SITE.cloudId, moduleKey: key } };
    // Past 55 s the platform's edge answers 424 Failed Dependency (ECO-75).
    return endedAtLimit(424, 'FUNCTION_TIMEOUT', runInvocation(context, async () => handler(platformRequest, backendRuntimePayload(undefined))));
  }

  async scheduled(key: string): Promise<void> {
    const trigger = this.modules.scheduled.find((candidate) => candidate.key === key);
    if (!trigger) throw new InvocationError(404, 'SCHEDULED_TRIGGER_NOT_FOUND', `manifest.yml has no scheduled trigger '${key}'.`);
    const handler = this.loader.handler(trigger.function);
    const context = invocationContext(this.modules.appId, {
      moduleKey: key,
      functionKey: trigger.function,
      timeoutSeconds: this.backgroundTimeout(trigger.function),
    });
    const event = { context: { cloudId: LOCAL_SITE.cloudId, moduleKey: key, userAccess: { enabled: false } } };
    await endedAtLimit(504, 'FUNCTION_TIMEOUT', runInvocation(context, async () => handler(event, backendRuntimePayload(undefined))));
  }

  /**
   * Delivers one queue event to a consumer, as the platform does after a `Queue.push`:
   * `@forge/events` 2.x consumers are functions called with the AsyncEvent; 1.x consumers are
   * resolvers whose payload is the body with `retryContext` added and whose call carries the jobId.
   */
  async consumer(key: string, body: unknown, delivery?: ConsumerDelivery): Promise<unknown> {
    const consumer = this.modules.consumers.find((candidate) => candidate.key === key);
    if (!consumer) throw new InvocationError(404, 'CONSUMER_NOT_FOUND', `manifest.yml has no queue consumer '${key}'.`);
    const handler = this.loader.handler(consumer.function);
    const context = invocationContext(this.modules.appId, {
      moduleKey: key,
      functionKey: consumer.function,
      timeoutSeconds: this.backgroundTimeout(consumer.function),
    });
    const jobId = delivery?.jobId ?? `${consumer.queue}#${randomUUID()}`;
    const eventId = delivery?.eventId ?? randomUUID();
    const retryContext = delivery?.retryContext ?? { retryCount: 0, retryReason: null, retryData: null };
    return endedAtLimit(504, 'FUNCTION_TIMEOUT', runInvocation(context, async () =>
      consumer.method
        ? handler(
            { call: { functionKey: consumer.method, payload: { ...(body as Record<string, unknown>), retryContext }, jobId }, context: { moduleKey: key } },
            backendRuntimePayload(undefined),
          )
        : handler({ queueName: consumer.queue, jobId, eventId, body, retryContext }, backendRuntimePayload(undefined)),
    ));
  }
}
