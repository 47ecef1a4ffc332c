/**
 * `npm run docs:api-calls`: writes docs/api-calls.md from the outbound catalog.
 * `--check` only compares, and exits 1 when the file is out of date (for CI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogEntries, VENDOR_SUPPORT_URL } from '../src/adapters/outbound/catalog';
import { API_CALLS_DOC_PATH, renderApiCallsDoc } from '../src/adapters/outbound/catalog-doc';

/** npm runs scripts from the project root; from elsewhere, look up from this file (bundled into local/dist/scripts/). */
function projectRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'manifest.yml'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'manifest.yml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('Could not find the project root (the folder of manifest.yml)');
  }
}

const target = path.join(projectRoot(), API_CALLS_DOC_PATH);
const expected = renderApiCallsDoc(catalogEntries(), VENDOR_SUPPORT_URL);
let current: string | null = null;
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = null;
}

if (process.argv.includes('--check')) {
  if (current !== expected) {
    console.error(`${API_CALLS_DOC_PATH} is out of date: run npm run docs:api-calls`);
    process.exitCode = 1;
  } else {
    console.info(`${API_CALLS_DOC_PATH} matches the outbound catalog`);
  }
} else if (current === expected) {
  console.info(`${API_CALLS_DOC_PATH} is up to date (${catalogEntries().length} calls)`);
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, expected);
  console.info(`Wrote ${API_CALLS_DOC_PATH} (${catalogEntries().length} calls)`);
}
