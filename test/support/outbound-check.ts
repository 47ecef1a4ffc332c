/**
 * Issue 6, "done when": across the whole integration suite, every product call the local host recorded carries an
 * `x-audit-log-description` whose text is the catalog sentence of that call. Checked after the suite has run:
 *
 *  1. `resetOutboundLog()` when the run starts (Jest globalSetup), so an earlier run cannot leak in;
 *  2. `recordOutboundForSuite(calls)` whenever a host running the product app stops (TestHost.stop() in
 *     test/support/host.ts does it, so tests need nothing) - it appends to `.local/outbound-log/`, one JSON line
 *     per call, which works across Jest worker processes;
 *  3. the default export is the Jest globalTeardown: it reads every line and fails the run on any violation.
 *
 * Only hosts running the product app record: the host's own tests drive `requestJira` directly with any headers.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { OUTBOUND_CATALOG, type CatalogEntry } from '../../src/adapters/outbound/catalog';
import { AUDIT_DESCRIPTION_HEADER } from '../../src/adapters/outbound/header';

export const OUTBOUND_LOG_DIR = path.resolve(__dirname, '..', '..', '.local', 'outbound-log');

/** What the check needs of a call recorded by the host (`GET /api/outbound`). */
export interface RecordedProductCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  status?: number;
}

export interface LoggedCall {
  /** The test file that made the call, when known. */
  source: string;
  method: string;
  path: string;
  description: string | null;
}

export interface Violation {
  call: LoggedCall;
  problem: string;
}

export function resetOutboundLog(): void {
  rmSync(OUTBOUND_LOG_DIR, { recursive: true, force: true });
  mkdirSync(OUTBOUND_LOG_DIR, { recursive: true });
}

function currentTestFile(): string {
  const state = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.();
  return state?.testPath ? path.relative(path.resolve(__dirname, '..', '..'), state.testPath) : 'unknown';
}

export function recordOutboundForSuite(calls: readonly RecordedProductCall[], source: string = currentTestFile()): void {
  if (calls.length === 0) return;
  mkdirSync(OUTBOUND_LOG_DIR, { recursive: true });
  const lines = calls.map((call) => {
    const header = Object.entries(call.headers).find(([name]) => name.toLowerCase() === AUDIT_DESCRIPTION_HEADER);
    const logged: LoggedCall = { source, method: call.method.toUpperCase(), path: call.path, description: header ? header[1] : null };
    return `${JSON.stringify(logged)}\n`;
  });
  appendFileSync(path.join(OUTBOUND_LOG_DIR, `calls-${process.pid}.jsonl`), lines.join(''));
}

/** The catalog entries a method and path can belong to: same method, same path as the template's path part. */
function entriesFor(method: string, pathWithQuery: string): Array<[string, CatalogEntry]> {
  const pathname = pathWithQuery.split('?')[0] ?? '';
  return Object.entries(OUTBOUND_CATALOG).filter(([, entry]) => {
    if (entry.method !== method) return false;
    const templatePath = entry.route.split('?')[0] ?? '';
    const pattern = new RegExp(`^${templatePath.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
    return pattern.test(pathname);
  });
}

export function outboundViolations(calls: readonly LoggedCall[]): Violation[] {
  const sentences = new Set<string>(Object.values(OUTBOUND_CATALOG).map((entry) => entry.description));
  const violations: Violation[] = [];
  for (const call of calls) {
    if (call.description === null) {
      violations.push({ call, problem: `no ${AUDIT_DESCRIPTION_HEADER} header` });
      continue;
    }
    if (!sentences.has(call.description)) {
      violations.push({ call, problem: `${AUDIT_DESCRIPTION_HEADER} is not a catalog sentence: ${JSON.stringify(call.description)}` });
      continue;
    }
    const entries = entriesFor(call.method, call.path);
    if (entries.length === 0) {
      violations.push({ call, problem: 'no catalog entry has this method and route' });
    } else if (!entries.some(([, entry]) => entry.description === call.description)) {
      violations.push({ call, problem: `the sentence belongs to another call than ${entries.map(([id]) => id).join(' or ')}` });
    }
  }
  return violations;
}

export function readOutboundLog(): LoggedCall[] {
  if (!existsSync(OUTBOUND_LOG_DIR)) return [];
  return readdirSync(OUTBOUND_LOG_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(path.join(OUTBOUND_LOG_DIR, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LoggedCall),
    );
}

/** Jest globalTeardown: fails the run when any recorded product call lacks its catalog sentence. */
export default function checkOutboundAfterSuite(): void {
  const calls = readOutboundLog();
  const violations = outboundViolations(calls);
  if (violations.length > 0) {
    const lines = violations.slice(0, 20).map(({ call, problem }) => `  ${call.source}: ${call.method} ${call.path} - ${problem}`);
    throw new Error(`${violations.length} of ${calls.length} recorded product calls break the outbound catalog rule:\n${lines.join('\n')}`);
  }
  console.info(`Outbound check: ${calls.length} product call(s) recorded by the local host, each with its catalog sentence.`);
}
