/**
 * `npm start`: the local Forge host on 127.0.0.1:${PORT:-8750}, running the esbuild bundle of the
 * app with a persistent store under `.local/` (`LOCAL_STORE=memory` for none). Prints the URL
 * of every page and web trigger; stops cleanly on Ctrl+C / SIGTERM.
 */
import path from 'node:path';
import { startLocalHost, type LocalHost } from './server/host';
import { storageOptionsFromEnv } from './storage/engine';
import { StoreLockedError } from './storage/persistence';

const ROOT = path.resolve(__dirname, '..', '..');

function describeStore(store: 'memory' | { dir: string }): string {
  return store === 'memory' ? 'in memory (LOCAL_STORE=memory), nothing is kept' : `persistent, in ${path.relative(ROOT, path.resolve(ROOT, store.dir)) || '.'}`;
}

function printUrls(host: LocalHost, store: 'memory' | { dir: string }): void {
  const width = Math.max(0, ...host.modules.pages.map((page) => page.title.length), ...host.modules.webTriggers.map((trigger) => trigger.key.length));
  const lines = [
    `Local Forge host: ${host.url}/`,
    `Storage: ${describeStore(store)}`,
    '',
    'Pages:',
    ...host.modules.pages.map((page) => `  ${page.title.padEnd(width)}  ${host.pageUrl(page.key)}`),
    '',
    'Web triggers (any method):',
    ...host.modules.webTriggers.map((trigger) => `  ${trigger.key.padEnd(width)}  ${host.webTriggerUrl(trigger.key)}`),
  ];
  const firstTrigger = host.modules.webTriggers[0];
  if (firstTrigger) lines.push('', `Try: curl -i -X POST ${host.webTriggerUrl(firstTrigger.key)}`);
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const env = storageOptionsFromEnv();
  const store = env.store === 'memory' ? env.store : { dir: path.resolve(ROOT, env.store.dir) };
  const port = Number.parseInt(process.env.PORT ?? '8750', 10);
  const host = await startLocalHost({
    rootDir: ROOT,
    appEntry: path.join(ROOT, 'local', 'dist', 'app', 'index.js'),
    store,
    latencyMs: env.latencyMs,
    failRate: env.failRate,
    port: Number.isInteger(port) && port >= 0 ? port : 8750,
  });
  printUrls(host, env.store);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second Ctrl+C does not wait
    stopping = true;
    console.log(`\n${signal}: stopping the local host…`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`Port ${process.env.PORT ?? '8750'} is in use: set PORT to another port (e.g. PORT=8751 npm start).`);
  else if (error instanceof StoreLockedError) {
    console.error(
      `The local store ${path.relative(ROOT, error.dir) || error.dir} is in use by another local host (process ${error.pid}): stop that one, or start this one with LOCAL_STORE=memory or LOCAL_STORE=<another folder>.`,
    );
  }
  else console.error(error);
  process.exit(1);
});
