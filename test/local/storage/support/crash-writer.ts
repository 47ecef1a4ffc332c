/**
 * Child process for the kill -9 test: writes through the real `@forge/kvs` into a persistent
 * store as fast as it can, printing the number of each write once it is acknowledged, until
 * the parent kills it. Compaction is set very low so kills also land inside snapshot writes.
 */
import { kvs } from '@forge/kvs';
import { installForgeGlobals } from '../../../../local/runtime/forge-globals';
import { StorageEngine } from '../../../../local/storage/engine';
import { loadManifest } from '../../../../local/manifest';

const [dir, manifestPath] = process.argv.slice(2);
const engine = new StorageEngine({
  entities: loadManifest(manifestPath).entities,
  store: { dir },
  sweepIntervalMs: 0,
  compactAfterBytes: 256 * 1024,
});
installForgeGlobals({ storage: engine, product: async () => new Response(null, { status: 404 }) });

async function main(): Promise<void> {
  for (let i = 0; ; i += 1) {
    await kvs
      .transact()
      .set(`pair-a-${i}`, { i, padding: 'x'.repeat(20_000 + (i % 7) * 1000) })
      .set(`pair-b-${i}`, i)
      .set(`emp-${i}`, { name: `N${i}`, team: 'crash', age: i }, { entityName: 'employee' })
      .execute();
    process.stdout.write(`${i}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(2);
});
