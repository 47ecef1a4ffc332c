/**
 * Async events (`@forge/events`) as the platform runs them. `Queue.push` reaches the host as a
 * product call (`/webhook/queue/publish/...` on the stargate remote); every event of the push is
 * delivered to the manifest's consumer of that queue after its `delayInSeconds`, each on its own
 * (events are not ordered and may run at the same time). A consumer that throws, or returns the
 * SDK's `InvocationError` (`{_retry: true, retryOptions}`), is invoked again with
 * `retryContext.retryCount` one higher: after `retryOptions.retryAfter` seconds, or a backoff for a
 * throw, at most `MAX_RETRIES` times; then the event is failed. `GET /api/queues` lists the jobs.
 *
 * `LOCAL_QUEUE_TIME_SCALE` (default 1) multiplies every delay, so tests can run retries fast.
 * Jobs live in memory: a restarted host has no queue (the app must not rely on one surviving,
 * and the platform gives no ordering either).
 */
import { randomUUID } from 'node:crypto';
import type { AppModules } from './app-modules';
import type { ConsumerDelivery, Invoker } from './invoker';

/** Retries after the first attempt (Forge async events: an event is retried up to 4 times). */
export const MAX_RETRIES = 4;
/** Seconds before retrying a consumer that threw: 1, 2, 4, 8 … as the platform backs off. */
const THROW_BACKOFF_SECONDS = (retry: number): number => 2 ** (retry - 1);

export type QueueEventStatus = 'waiting' | 'running' | 'succeeded' | 'retrying' | 'failed' | 'cancelled';

export interface QueueEventRecord {
  eventId: string;
  status: QueueEventStatus;
  attempts: number;
  body: unknown;
  lastError: string | null;
  /** Epoch ms of the next attempt while waiting or retrying. */
  nextAttemptAt: number | null;
  /** What the consumer asked to get back with its retry (`retryOptions.retryData`). */
  retryData?: unknown;
}

export interface QueueJobRecord {
  queue: string;
  jobId: string;
  consumer: string | null;
  pushedAt: string;
  events: QueueEventRecord[];
}

interface PushedEvent {
  body?: unknown;
  delayInSeconds?: number;
}

interface RetryAnswer {
  _retry: true;
  retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
}

function isRetryAnswer(value: unknown): value is RetryAnswer {
  return typeof value === 'object' && value !== null && (value as { _retry?: unknown })._retry === true;
}

export class QueueBroker {
  private readonly jobs = new Map<string, QueueJobRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: Array<() => void> = [];
  private inFlight = 0;
  private stopped = false;

  constructor(
    private readonly modules: AppModules,
    private readonly invoker: Invoker,
    private readonly timeScale: number = 1,
  ) {}

  /** The platform's answer to `/webhook/queue/<operation>/...`. */
  async handle(path: string, init: RequestInit): Promise<Response> {
    const operation = path.split('?')[0].split('/')[3] ?? '';
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as Record<string, unknown>;
    } catch {
      return Response.json({ errorMessage: 'The body is not JSON.' }, { status: 400 });
    }
    const queueName = typeof body.queueName === 'string' ? body.queueName : '';
    const jobId = typeof body.jobId === 'string' ? body.jobId : '';
    if (operation === 'publish') return this.publish(queueName, jobId, Array.isArray(body.payload) ? (body.payload as PushedEvent[]) : []);
    const job = this.jobs.get(jobId);
    if (!job || job.queue !== queueName) return Response.json({ errorMessage: `Job ${jobId} does not exist.` }, { status: 404 });
    if (operation === 'stats') {
      const count = (statuses: QueueEventStatus[]) => job.events.filter((event) => statuses.includes(event.status)).length;
      return Response.json({ success: count(['succeeded']), inProgress: count(['waiting', 'running', 'retrying']), failed: count(['failed']) }, { status: 200 });
    }
    if (operation === 'cancel') {
      for (const event of job.events) if (event.status === 'waiting' || event.status === 'retrying') event.status = 'cancelled';
      this.checkIdle();
      return new Response(null, { status: 204 });
    }
    return Response.json({ errorMessage: `Unknown queue operation ${operation}.` }, { status: 404 });
  }

  private publish(queueName: string, jobId: string, events: PushedEvent[]): Response {
    const consumer = this.modules.consumers.find((candidate) => candidate.queue === queueName);
    const job: QueueJobRecord = { queue: queueName, jobId, consumer: consumer?.key ?? null, pushedAt: new Date().toISOString(), events: [] };
    this.jobs.set(jobId, job);
    for (const pushed of events) {
      const delayMs = Math.max(0, Number(pushed.delayInSeconds ?? 0)) * 1000;
      const record: QueueEventRecord = { eventId: randomUUID(), status: 'waiting', attempts: 0, body: pushed.body, lastError: null, nextAttemptAt: Date.now() + delayMs };
      job.events.push(record);
      // Without a consumer the platform keeps the event undelivered; here it stays waiting.
      if (consumer) this.schedule(job, record, delayMs);
    }
    return Response.json({}, { status: 201 });
  }

  private schedule(job: QueueJobRecord, event: QueueEventRecord, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(job, event);
    }, delayMs * this.timeScale);
    this.timers.add(timer);
  }

  private async deliver(job: QueueJobRecord, event: QueueEventRecord): Promise<void> {
    if (event.status === 'cancelled' || this.stopped || !job.consumer) return;
    const retryCount = event.attempts;
    event.attempts += 1;
    event.status = 'running';
    event.nextAttemptAt = null;
    this.inFlight += 1;
    const delivery: ConsumerDelivery = {
      jobId: job.jobId,
      eventId: event.eventId,
      retryContext: { retryCount, retryReason: retryCount === 0 ? null : event.lastError, retryData: event.retryData ?? null },
    };
    let retryAfterSeconds: number | null = null;
    try {
      const answer = await this.invoker.consumer(job.consumer, event.body, delivery);
      if (isRetryAnswer(answer)) {
        event.lastError = answer.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST';
        event.retryData = answer.retryOptions?.retryData ?? null;
        retryAfterSeconds = Math.max(1, Number(answer.retryOptions?.retryAfter ?? 1));
      } else {
        event.status = 'succeeded';
        event.lastError = null;
      }
    } catch (error) {
      event.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      retryAfterSeconds = THROW_BACKOFF_SECONDS(event.attempts);
    } finally {
      this.inFlight -= 1;
    }
    if (retryAfterSeconds !== null) {
      if (event.attempts > MAX_RETRIES) {
        event.status = 'failed';
      } else {
        event.status = 'retrying';
        event.nextAttemptAt = Date.now() + retryAfterSeconds * 1000;
        this.schedule(job, event, retryAfterSeconds * 1000);
      }
    }
    this.checkIdle();
  }

  /** Whether any event still waits, runs or retries. */
  busy(): boolean {
    if (this.inFlight > 0) return true;
    for (const job of this.jobs.values()) {
      if (job.consumer && job.events.some((event) => event.status === 'waiting' || event.status === 'running' || event.status === 'retrying')) return true;
    }
    return false;
  }

  /** Resolves once nothing waits, runs or retries (tests: `POST /api/queues/drain`). */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (this.busy()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  list(): QueueJobRecord[] {
    return [...this.jobs.values()];
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
