/**
 * Verification cost: storage calls and wall time per `POST /x1/verify-token`, with no emulated
 * storage latency and with 25 ms per storage call (the network hop the platform adds).
 */
import type { BenchContext, BenchRow } from '../harness';

const LATENCIES_MS = [0, 25];

interface Case {
  name: string;
  headers: Record<string, string>;
  expectedStatus: number;
}

const CASES: Case[] = [
  { name: 'missing credential', headers: {}, expectedStatus: 401 },
  { name: 'malformed credential', headers: { authorization: 'Bearer not-a-token' }, expectedStatus: 401 },
];

export async function rows(ctx: BenchContext): Promise<BenchRow[]> {
  const result: BenchRow[] = [];
  for (const latencyMs of LATENCIES_MS) {
    ctx.host.setLatency(latencyMs);
    for (const testCase of CASES) {
      const measured = await ctx.measure(() => ctx.host.webtrigger('verify-token', { method: 'POST', headers: testCase.headers }), {
        iterations: latencyMs > 0 ? 40 : 200,
      });
      const last = measured.last as { status: number; body: string };
      const code = (JSON.parse(last.body) as { code?: string }).code ?? '?';
      result.push({
        measure: `verification, ${testCase.name}`,
        setting: `${latencyMs} ms storage latency`,
        storageCalls: measured.storageCallsPerOp,
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        notes: `${last.status} ${code}${last.status === testCase.expectedStatus ? '' : ` (expected ${testCase.expectedStatus})`}; n=${measured.iterations}`,
      });
    }
  }
  ctx.host.setLatency(0);
  return result;
}
