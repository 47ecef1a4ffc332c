/**
 * Page first render (docs/performance.md: one resolver invocation per page load). Each iteration runs a
 * UI Kit page's built bundle (local/dist/pages/<resource>.js, the file the preview serves) afresh
 * in Node with a bridge that answers `invoke` from the bench host's real resolvers, and counts the
 * invocations until the page has drawn its first screen and gone quiet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import type { BenchContext, BenchHost, BenchRow } from '../harness';
import { percentile } from '../harness';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ITERATIONS = 20;
/** How long a drawn page must stay without a resolver call in flight before its first render counts as done. */
const QUIET_MS = 150;
const TIMEOUT_MS = 15_000;

interface PageCase {
  name: string;
  moduleKey: string;
  resource: string;
  accountId: string;
  extensionType: string;
  /** A testId the first screen shows once its data has arrived. */
  drawn: string;
}

const PAGES: PageCase[] = [
  { name: 'admin page (api-token-admin)', moduleKey: 'api-token-admin', resource: 'admin-page', accountId: 'local-admin', extensionType: 'jira:adminPage', drawn: 'admin-tabs' },
  { name: 'personal page (my-api-tokens)', moduleKey: 'my-api-tokens', resource: 'personal-page', accountId: 'alice', extensionType: 'jira:personalSettingsPage', drawn: 'token-filters' },
];

interface DocNode {
  props?: Record<string, unknown>;
  children?: DocNode[];
}

function hasTestId(node: DocNode | null, testId: string): boolean {
  if (!node) return false;
  if (node.props?.testId === testId) return true;
  return (node.children ?? []).some((child) => hasTestId(child, testId));
}

interface Render {
  invocations: string[];
  drawnMs: number;
}

/** One page load: evaluate the bundle with a fresh bridge, wait for the drawn marker, then for quiet. */
async function firstRender(host: BenchHost, page: PageCase, bundle: Script): Promise<Render> {
  const invocations: string[] = [];
  let doc: DocNode | null = null;
  let drawnAt: number | null = null;
  let inFlight = 0;
  let lastActivity = performance.now();
  const started = performance.now();

  const callBridge = async (command: string, data?: unknown): Promise<unknown> => {
    switch (command) {
      case 'reconcile':
        doc = (data as { forgeDoc: DocNode }).forgeDoc;
        if (drawnAt === null && hasTestId(doc, page.drawn)) drawnAt = performance.now();
        lastActivity = performance.now();
        return undefined;
      case 'invoke': {
        const { functionKey, payload } = data as { functionKey: string; payload?: unknown };
        invocations.push(functionKey);
        inFlight += 1;
        try {
          return await host.invoke(page.moduleKey, functionKey, payload, { accountId: page.accountId });
        } finally {
          inFlight -= 1;
          lastActivity = performance.now();
        }
      }
      case 'getContext':
        return { accountId: page.accountId, moduleKey: page.moduleKey, extension: { type: page.extensionType }, locale: 'en-US', timezone: 'UTC' };
      default:
        return undefined;
    }
  };
  const globals = globalThis as { self?: unknown; __bridge?: unknown };
  globals.self = globalThis;
  globals.__bridge = { callBridge };
  bundle.runInThisContext();

  for (;;) {
    const now = performance.now();
    if (drawnAt !== null && inFlight === 0 && now - lastActivity >= QUIET_MS) break;
    if (now - started > TIMEOUT_MS) throw new Error(`${page.name}: the first screen (${page.drawn}) was not drawn within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { invocations, drawnMs: (drawnAt ?? performance.now()) - started };
}

/** Tokens to list, so the bootstrap reads real rows: 30 of alice's and 5 of the admin's. */
async function seed(host: BenchHost): Promise<void> {
  const owners = [...Array<string>(30).fill('alice'), ...Array<string>(5).fill('local-admin')];
  for (const [index, owner] of owners.entries()) {
    const result = await host.invoke<{ ok: boolean }>('api-token-admin', 'tokens/create', {
      description: `Bench token ${index + 1}`,
      scope: 'read-only',
      expiresAt: null,
      ownerAccountId: owner,
    });
    if (!result.ok) throw new Error(`bench seed: tokens/create failed: ${JSON.stringify(result)}`);
  }
}

export async function rows(ctx: BenchContext): Promise<BenchRow[]> {
  const { host } = ctx;
  await seed(host);
  const result: BenchRow[] = [];
  for (const page of PAGES) {
    const file = path.join(ROOT, 'local', 'dist', 'pages', `${page.resource}.js`);
    const bundle = new Script(readFileSync(file, 'utf8'), { filename: file });
    await firstRender(host, page, bundle); // warm-up: module compilation, resolver code paths
    host.resetStats();
    const counts = new Map<string, number>();
    const samples: number[] = [];
    let invocations = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const render = await firstRender(host, page, bundle);
      invocations += render.invocations.length;
      samples.push(render.drawnMs);
      for (const key of render.invocations) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    samples.sort((a, b) => a - b);
    const perRender = invocations / ITERATIONS;
    const keys = [...counts.keys()].join(', ');
    result.push({
      measure: 'page first render',
      setting: page.name,
      storageCalls: host.stats().total / ITERATIONS,
      p50Ms: percentile(samples, 50),
      p99Ms: percentile(samples, 99),
      notes: `resolver invocations per render: ${perRender} (${keys}); target 1${perRender === 1 ? '' : ' (MISSED)'}; n=${ITERATIONS}`,
    });
  }
  return result;
}
