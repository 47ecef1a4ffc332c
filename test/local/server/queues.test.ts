// Async events through the real @forge/events Queue: push reaches the manifest's consumer, retries as the platform does.
import { FIXTURE_APP, startHost, type TestHost } from '../../support/host';

let host: TestHost;
const savedScale = process.env.LOCAL_QUEUE_TIME_SCALE;

beforeAll(async () => {
  // Retry waits of seconds run in hundredths of that.
  process.env.LOCAL_QUEUE_TIME_SCALE = '0.01';
  host = await startHost({ app: FIXTURE_APP });
});
afterAll(async () => {
  await host.stop();
  process.env.LOCAL_QUEUE_TIME_SCALE = savedScale;
});

interface QueueListing {
  busy: boolean;
  jobs: Array<{ queue: string; jobId: string; consumer: string | null; events: Array<{ status: string; attempts: number; lastError: string | null; body: unknown }> }>;
}

async function drain(): Promise<QueueListing> {
  const response = await fetch(`${host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 20_000 }) });
  expect(response.status).toBe(200);
  return (await response.json()) as QueueListing;
}

async function push(events: Array<Record<string, unknown>>): Promise<string> {
  return (await host.invoke<{ jobId: string }>('fixture-page', 'queue/push', { events })).jobId;
}

async function attempts(note: string): Promise<Array<{ retryCount: number; retryData: unknown }>> {
  return (await host.invoke<{ attempts: Array<{ retryCount: number; retryData: unknown }> }>('fixture-page', 'queue/attempts', { note })).attempts;
}

describe('async events', () => {
  it('delivers every pushed event to the consumer of its queue, and GET /api/queues shows the job', async () => {
    const jobId = await push([{ note: 'a' }, { note: 'b' }]);
    const listing = await drain();
    const job = listing.jobs.find((candidate) => candidate.jobId === jobId);
    expect(job).toMatchObject({ queue: 'audit-queue', consumer: 'audit-consumer', events: [{ status: 'succeeded', attempts: 1 }, { status: 'succeeded', attempts: 1 }] });
    expect(await attempts('a')).toEqual([{ retryCount: 0, retryData: null }]);
    expect(await host.invoke('fixture-page', 'queue/stats', { jobId })).toEqual({ success: 2, inProgress: 0, failed: 0 });
    const viaGet = (await (await fetch(`${host.url}/api/queues`)).json()) as QueueListing;
    expect(viaGet.busy).toBe(false);
    expect(viaGet.jobs.map((j) => j.jobId)).toContain(jobId);
  });

  it('invokes a consumer that throws again with the retry count in its context, until it succeeds', async () => {
    await push([{ note: 'thrower', failTimes: 2, failBy: 'throw' }]);
    await drain();
    expect((await attempts('thrower')).map((a) => a.retryCount)).toEqual([0, 1, 2]);
    expect(await host.invoke('fixture-page', 'last-event')).toEqual({ event: { note: 'thrower', queueName: 'audit-queue', hasJobId: true } });
  });

  it('honours an InvocationError retry request, handing back its retryData', async () => {
    await push([{ note: 'asker', failTimes: 1, failBy: 'retry' }]);
    await drain();
    expect(await attempts('asker')).toEqual([
      { retryCount: 0, retryData: null },
      { retryCount: 1, retryData: { attempt: 0 } },
    ]);
  });

  it('gives up after 4 retries and marks the event failed', async () => {
    const jobId = await push([{ note: 'hopeless', failTimes: 99, failBy: 'throw' }]);
    const listing = await drain();
    expect((await attempts('hopeless')).map((a) => a.retryCount)).toEqual([0, 1, 2, 3, 4]);
    expect(listing.jobs.find((j) => j.jobId === jobId)?.events[0]).toMatchObject({ status: 'failed', attempts: 5, lastError: expect.stringContaining('attempt 4 fails') });
    expect(await host.invoke('fixture-page', 'queue/stats', { jobId })).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });
});
