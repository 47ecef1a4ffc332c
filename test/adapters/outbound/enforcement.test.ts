/**
 * docs/api-calls.md: product calls go only through src/adapters/outbound/. A direct requestJira (or asApp/asUser,
 * requestConfluence, requestBitbucket, a fetch of a product URL) anywhere else in the app is a test failure,
 * and front-end code (UI Kit pages, the Custom UI) makes no product call at all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findProductCalls, type Finding } from './product-call-scanner';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUTBOUND_DIR = path.join('src', 'adapters', 'outbound') + path.sep;
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  const absolute = path.join(ROOT, dir);
  return readdirSync(absolute).flatMap((name) => {
    const relative = path.join(dir, name);
    if (name === 'node_modules' || name === 'build' || name === 'dist') return [];
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [relative] : [];
  });
}

const staticApps = readdirSync(path.join(ROOT, 'static')).filter((name) => statSync(path.join(ROOT, 'static', name, 'src'), { throwIfNoEntry: false })?.isDirectory());
const appFiles = [...sourceFiles('src'), ...staticApps.flatMap((app) => sourceFiles(path.join('static', app, 'src')))];
const isFrontEnd = (file: string): boolean => file.startsWith(path.join('src', 'frontend')) || file.startsWith('static' + path.sep);

function scan(file: string): Finding[] {
  return findProductCalls(file, readFileSync(path.join(ROOT, file), 'utf8'), { frontEnd: isFrontEnd(file) });
}

describe('product calls stay in src/adapters/outbound', () => {
  it('finds the app and Custom UI sources to check', () => {
    expect(appFiles).toContain(path.join('src', 'adapters', 'outbound', 'client.ts'));
    expect(appFiles.some((file) => file.startsWith(path.join('static', 'audit-log', 'src')))).toBe(true);
    expect(appFiles.some((file) => file.startsWith(path.join('src', 'frontend')))).toBe(true);
  });

  it('has no product call outside src/adapters/outbound', () => {
    const outside = appFiles.filter((file) => !file.startsWith(OUTBOUND_DIR)).flatMap(scan);
    expect(outside).toEqual([]);
  });

  it('has its product calls in the outbound client, which the scanner does see', () => {
    const inside = scan(path.join('src', 'adapters', 'outbound', 'client.ts')).map((finding) => finding.what);
    expect(inside).toEqual(expect.arrayContaining(['requestJira', 'asApp()', 'asUser()']));
  });
});

describe('the product call scanner', () => {
  const backEnd = (text: string): string[] => findProductCalls('src/x.ts', text, { frontEnd: false }).map((f) => f.what).sort();
  const frontEnd = (text: string): string[] => findProductCalls('src/frontend/x.tsx', text, { frontEnd: true }).map((f) => f.what);

  it.each([
    ["import api, { route } from '@forge/api'; await api.asApp().requestJira(route`/rest/api/3/myself`);", ['asApp()', 'requestJira', 'product path "/rest/api/3/myself"']],
    ["import { requestJira } from '@forge/api'; await requestJira(r);", ['requestJira', 'requestJira']],
    ['const { requestConfluence } = api.asUser();', ['requestConfluence', 'asUser()']],
    ['await api.asUser().requestBitbucket(r);', ['requestBitbucket', 'asUser()']],
    ["await fetch('https://site.atlassian.net/rest/api/3/issue/1');", ['fetch()', 'product path "https://site.atlassian.net/rest/api/3/issue/1"']],
    ["await globalThis.fetch(url);", ['fetch()']],
    ['const p = `/rest/api/3/user/${id}`;', ['product path "/rest/api/3/user/"']],
  ])('flags %s', (code, expected) => {
    expect(backEnd(code)).toEqual([...expected].sort());
  });

  it("flags @forge/bridge's requestJira and any @forge/api import in front-end code", () => {
    expect(frontEnd("import { requestJira } from '@forge/bridge'; void requestJira('/rest/api/3/myself');")).toEqual(
      expect.arrayContaining(['requestJira', 'product path "/rest/api/3/myself"']),
    );
    expect(frontEnd("import api from '@forge/api';")).toEqual(['import of @forge/api in front-end code']);
  });

  it('does not flag prose, comments or unrelated methods named fetch', () => {
    expect(backEnd('// never call requestJira here\nconst note = "ask an admin";\nawait reader.fetch(source, 10);')).toEqual([]);
  });
});
