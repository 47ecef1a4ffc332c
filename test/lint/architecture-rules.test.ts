/**
 * The architecture rules live in eslint.config.mjs (style.md, team brief): no @forge/* in src/domain, no local/
 * from src/, product calls only in src/adapters/outbound, no product call from front-end code. Each snippet is
 * linted as if it were an existing file of that folder, with the real config. src/ has no import cycle.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Case {
  name: string;
  filePath: string;
  code: string;
}

function lint(cases: Case[]): string[][] {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-snippets.mjs'), JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output) as string[][];
}

const DOMAIN = 'src/domain/ports.ts';
const RESOLVER = 'src/resolvers/define.ts';
const ADAPTER = 'src/adapters/settings/settings-store.ts';
const OUTBOUND = 'src/adapters/outbound/client.ts';
const PAGE = 'src/frontend/admin/ApiCallsTab.tsx';
const CUSTOM_UI = 'static/audit-log/src/App.tsx';

const cases: Array<Case & { expected: string[] }> = [
  { name: '@forge/kvs in src/domain', filePath: DOMAIN, code: "import { kvs } from '@forge/kvs';\nexport const k = kvs;\n", expected: ['no-restricted-imports'] },
  { name: '@forge/react in src/domain', filePath: DOMAIN, code: "import { Text } from '@forge/react';\nexport const t = Text;\n", expected: ['no-restricted-imports'] },
  { name: 'local/ from src/', filePath: ADAPTER, code: "export { LOCAL_SITE } from '../../../local/jira/fixture';\n", expected: ['no-restricted-imports'] },
  { name: '@forge/api in a resolver', filePath: RESOLVER, code: "import api from '@forge/api';\nexport const a = api;\n", expected: ['no-restricted-imports'] },
  {
    name: 'requestJira in an adapter outside outbound',
    filePath: ADAPTER,
    code: "import api, { route } from '@forge/api';\nexport const r = (): Promise<unknown> => api.asApp().requestJira(route`/rest/api/3/myself`);\n",
    expected: ['no-restricted-syntax'],
  },
  {
    name: "@forge/bridge's requestJira in a page",
    filePath: PAGE,
    code: "import { requestJira } from '@forge/bridge';\nexport const r = (): Promise<unknown> => requestJira('/rest/api/3/myself');\n",
    expected: ['no-restricted-imports', 'no-restricted-syntax'],
  },
  { name: 'fetch in the Custom UI', filePath: CUSTOM_UI, code: "export const f = (): Promise<unknown> => fetch('/rest/api/3/myself');\n", expected: ['no-restricted-syntax'] },
  {
    name: 'requestJira in the outbound module (allowed)',
    filePath: OUTBOUND,
    code: "import api, { route } from '@forge/api';\nexport const r = (): Promise<unknown> => api.asApp().requestJira(route`/rest/api/3/myself`);\n",
    expected: [],
  },
  {
    name: 'the wire contract (src/shared) from src/domain: the arrow runs into the domain only',
    filePath: DOMAIN,
    code: "import type { TokenView } from '../shared/resolvers';\nexport type V = TokenView;\n",
    expected: ['no-restricted-imports'],
  },
  { name: 'plain TypeScript in src/domain (allowed)', filePath: DOMAIN, code: 'export const twice = (n: number): number => n * 2;\n', expected: [] },
  {
    name: 'an import cycle in src/ (the settings store importing the recorder, which loads settings)',
    filePath: ADAPTER,
    code: "import { recorder } from '../audit/recorder';\nexport const r = recorder;\n",
    expected: ['import-x/no-cycle'],
  },
];

describe('ESLint architecture rules', () => {
  const results = lint(cases);
  it.each(cases.map((c, index) => [c.name, c.expected, index] as const))('%s: %j', (_name, expected, index) => {
    // The rules each snippet breaks (a rule may report several nodes of one snippet).
    expect([...new Set(results[index] ?? [])].sort()).toEqual([...expected].sort());
  });
});
