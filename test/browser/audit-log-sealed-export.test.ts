/**
 * The audit-log page's JSON Lines export carries the integrity seals of its events
 * (docs/audit-events.md), and `npm run verify-export` checks the downloaded file offline: a clean export passes, an
 * edited line fails naming the event. Events come from the real producers, seals from the real
 * hourly `integrity-seal` run, the file from a click on the page in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Settings } from '../../src/domain/settings/model';
import type { ResolverResult } from '../../src/shared/result';
import { openPage, useBrowserAndHost } from '../support/browser';
import { expectOk } from '../support/result';
import { describeRequest, verify } from '../integration/support/verification';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Built by Jest's global setup; `npm run verify-export` builds it, then runs it the same way. */
const VERIFY_EXPORT = path.resolve(__dirname, '../../local/dist/scripts/verify-export.js');

const { host, browser } = useBrowserAndHost({ store: 'memory' });

async function createToken(description: string): Promise<string> {
  const data = await expectOk(host().invoke<ResolverResult<{ secret: string }>>('api-token-admin', 'tokens/create', { description, scope: 'read-only', expiresAt: null }));
  return data.secret;
}

async function verifyToken(secret: string): Promise<void> {
  const reply = await verify(host(), secret, { body: describeRequest('GET', '/rest/api/3/myself') });
  expect(reply.status).toBe(200);
}

function runVerifyExport(file: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [VERIFY_EXPORT, file], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

async function exportJsonLines(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-jsonl').click()]);
  await page.waitForSelector('[data-testid=export-status][data-state=done]');
  return readFile((await download.path()) ?? '', 'utf8');
}

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  // Two sealed periods a day apart (the run seals what is older than five minutes, at least daily),
  // then events newer than the last seal, which the export holds without a seal.
  const { settings } = await expectOk(host().invoke<ResolverResult<{ settings: Settings }>>('api-token-admin', 'settings/get', {}));
  await expectOk(host().invoke('api-token-admin', 'settings/update', { settings: { ...settings, audit: { ...settings.audit, successfulAuthentication: true } } }));
  const first = await createToken('Sealed export, first day');
  for (let i = 0; i < 12; i += 1) await verifyToken(first);
  host().advanceClock(10 * MINUTE);
  await host().runScheduled('integrity-seal');
  host().advanceClock(DAY);
  const second = await createToken('Sealed export, second day');
  for (let i = 0; i < 8; i += 1) await verifyToken(second);
  host().advanceClock(10 * MINUTE);
  await host().runScheduled('integrity-seal');
  await createToken('Not sealed yet');
}, 120_000);

afterAll(async () => {
  jest.restoreAllMocks();
});

describe('audit log page: sealed JSON Lines export', () => {
  it('downloads the events with the seals of their periods, which verify-export accepts, and rejects once a line is edited', async () => {
    const page = await openPage(browser(), host(), 'audit-log', { customUiDocument: true });
    await page.waitForSelector('[data-testid=results][data-answers="1"]');
    const text = await exportJsonLines(page);
    const lines = text.split('\n').filter((line) => line !== '');
    const sealLines = lines.filter((line) => line.startsWith('{"seal":'));
    expect(sealLines.map((line) => (JSON.parse(line) as { seal: { seq: number } }).seal.seq)).toEqual([1, 2]);
    // The seal lines come after every event line.
    expect(lines.slice(lines.length - sealLines.length)).toEqual(sealLines);
    expect(await page.getByTestId('export-status').textContent()).toContain('2 seals');

    const dir = mkdtempSync(path.join(tmpdir(), 'sealed-export-'));
    const clean = path.join(dir, 'clean.jsonl');
    writeFileSync(clean, text);
    const accepted = runVerifyExport(clean);
    expect(accepted.stdout).toMatch(/^seal 1 \(start \.\. .*\): OK, all \d+ events match the root$/m);
    expect(accepted.stdout).toMatch(/^seal 2 \(.*\): OK, all \d+ events match the root$/m);
    expect(accepted.status).toBe(0);

    // Change one sealed event (the first day's token creation) as a forger would: valid JSON, one value changed.
    const target = lines.find((line) => line.includes('Sealed export, first day') && line.includes('"Token created"')) as string;
    const { id } = JSON.parse(target) as { id: string };
    const edited = path.join(dir, 'edited.jsonl');
    writeFileSync(edited, text.replace(target, target.replace('Sealed export, first day', 'Sealed export, other day')));
    const rejected = runVerifyExport(edited);
    expect(rejected.stdout).toContain(`: FAIL, event ${id} was changed`);
    expect(rejected.stdout).toMatch(/^seal 2 .*: OK/m);
    expect(rejected.status).toBe(1);
    await page.context().close();
  });

  it('carries only the seals of the exported events when a filter narrows them', async () => {
    const page = await openPage(browser(), host(), 'audit-log', { customUiDocument: true });
    await page.waitForSelector('[data-testid=results][data-answers="1"]');
    await page.getByTestId('filter-text').fill('Sealed export, second day');
    await page.getByTestId('filter-apply').click();
    await page.waitForFunction(() => {
      const results = document.querySelector('[data-testid=results]');
      return results !== null && Number(results.getAttribute('data-answers')) > 1 && results.getAttribute('data-state') !== 'loading';
    });
    expect(await page.getByTestId('event-row').count()).toBeGreaterThan(0);
    const text = await exportJsonLines(page);
    const lines = text.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => line.startsWith('{"seal":')).map((line) => (JSON.parse(line) as { seal: { seq: number } }).seal.seq)).toEqual([2]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealed-export-')), 'filtered.jsonl');
    writeFileSync(file, text);
    const report = runVerifyExport(file);
    expect(report.stdout).toMatch(/^seal 2 .*: OK, the \d+ exported events of \d+ are sealed unchanged$/m);
    expect(report.status).toBe(0);
    await page.context().close();
  });
});
