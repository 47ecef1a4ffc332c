// ESLint 9 flat config: type-aware TypeScript rules plus the project's architecture rules
// (README.md "Code layout", docs/resolvers.md).
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Node globals for the few plain .js/.mjs files (build scripts, Jest config). Listed here rather than
// pulled from the `globals` package, which is only a transitive dependency.
const NODE_GLOBALS = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'fetch', 'Response', 'Request', 'Headers', 'globalThis',
  ].map((name) => [name, 'readonly']),
);
const COMMONJS_GLOBALS = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

// --- Architecture rules -------------------------------------------------------------------------
// `no-restricted-imports` does not merge across config objects (the last match wins), so each
// area of src/ gets its complete list, built from these pieces.
const NO_LOCAL_HOST = {
  regex: '^(\\.\\./)+local(/|$)',
  message: 'src/ never imports the local host (local/): the app must run unchanged on Forge.',
};
const NO_FORGE_BACKEND_SDK = {
  group: ['@forge/api', '@forge/api/*', '@forge/kvs', '@forge/kvs/*'],
  message:
    'Only src/adapters/ talks to the platform: use a repository in src/adapters/, and callJira() from src/adapters/outbound/client.ts for product calls.',
};
const NO_FORGE_AT_ALL = {
  group: ['@forge/*'],
  message: 'src/domain is plain TypeScript: no @forge/* import. State the need as a port (src/domain/ports.ts) and implement it in src/adapters/.',
};
const NO_BRIDGE_PRODUCT_CALLS = {
  name: '@forge/bridge',
  importNames: ['requestJira', 'requestConfluence', 'requestBitbucket'],
  message: 'Front-end code makes no direct product calls: call a resolver, which uses callJira() from src/adapters/outbound/client.ts.',
};
const DOMAIN_STAYS_INSIDE = {
  regex: '^(\\.\\./)+(shared|resolvers|adapters|frontend|webtriggers|scheduled|consumers)(/|$)',
  message:
    'Dependencies run into the domain, never out of it: src/domain returns domain types (src/domain/result.ts, its own views); resolvers and pages map them to the wire.',
};
const restrictImports = (patterns, paths = []) => ['error', { patterns, paths }];

// Product calls by name, wherever they come from (a member call, a destructured import, a re-export).
const PRODUCT_CALL_SYNTAX = [
  'error',
  {
    selector: 'Identifier[name=/^request(Jira|Confluence|Bitbucket)$/]',
    message: 'Product calls go only through callJira() in src/adapters/outbound/client.ts, which names a catalog entry.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^as(App|User)$/], CallExpression[callee.name=/^as(App|User)$/]',
    message: 'asApp()/asUser() product calls go only through callJira() in src/adapters/outbound/client.ts.',
  },
  {
    selector: "CallExpression[callee.name='fetch']",
    message: 'No fetch() from app code: product calls go through callJira() in src/adapters/outbound/client.ts.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/node_modules/**',
      'local/dist/**',
      'static/*/build/**',
      '.local/**',
      'coverage/**',
      'docs/**',
      '**/*.d.ts',
    ],
  },

  js.configs.recommended,

  // Type-aware TypeScript everywhere tsconfig.json reaches.
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Handlers and adapters often satisfy an async interface without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // `${count}` and `${status}` in messages are intended.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Cosmetic: a redundant cast is worth a look, not a red build.
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
    },
  },

  // The local host parses whatever a test sends it; String(unknown) there is deliberate.
  {
    files: ['local/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'warn' },
  },

  // Tests read JSON answers from the host and drive real SDK packages; `any` there is reading, not design.
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `expect(...).rejects` chains and `@ts-expect-error` type tests are deliberate.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
    },
  },

  // Plain JavaScript (Jest config, build scripts, offline lint scripts): no type information.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: NODE_GLOBALS, sourceType: 'module' },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS }, sourceType: 'commonjs' },
  },

  // --- src/: the app ----------------------------------------------------------------------------
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrictImports([NO_LOCAL_HOST, NO_FORGE_BACKEND_SDK], [NO_BRIDGE_PRODUCT_CALLS]),
      'no-restricted-syntax': PRODUCT_CALL_SYNTAX,
      'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports([NO_LOCAL_HOST, NO_FORGE_AT_ALL, DOMAIN_STAYS_INSIDE]) },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports([NO_LOCAL_HOST], [NO_BRIDGE_PRODUCT_CALLS]) },
  },
  // The one place allowed to make product calls.
  {
    files: ['src/adapters/outbound/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Dependencies run one way (webtriggers, resolvers → domain ← adapters): no import cycle in src/.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },

  // --- static/: Custom UI apps (browser code) -------------------------------------------------
  {
    files: ['static/*/src/**/*.ts', 'static/*/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrictImports([NO_FORGE_BACKEND_SDK], [NO_BRIDGE_PRODUCT_CALLS]),
      'no-restricted-syntax': PRODUCT_CALL_SYNTAX,
    },
  },
);
