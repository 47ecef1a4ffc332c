/**
 * One Jest run for every level: domain unit tests, integration tests through the local host,
 * and browser tests in Debian's Chromium. TypeScript is transpiled only; `npm run typecheck` checks types.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // Browser code imports csv-stringify's browser build (ESM, Buffer polyfilled); under Node the
  // same version's CommonJS build stands in for it, since Jest here does not load ESM packages.
  moduleNameMapper: { '^csv-stringify/browser/esm/sync$': 'csv-stringify/sync' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Fails the run when any product call recorded by the local host lacks its catalog sentence (issue 6).
  globalTeardown: '<rootDir>/test/support/outbound-check.ts',
  testTimeout: 60000,
};
