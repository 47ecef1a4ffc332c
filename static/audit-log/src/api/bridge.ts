/**
 * The bridge functions the page uses, each imported from its own module: the package root
 * re-exports every bridge API as CommonJS (router, modals, an ADF renderer with iframe-resizer,
 * lodash), which a bundler cannot tree-shake, and that would be a third of this bundle.
 * build.mjs resolves these paths past the package's "exports" map; an upgrade that moves one
 * fails the build loudly rather than silently.
 *
 * `view.getContext` is left out on purpose: it pulls @forge/i18n, tslib and lodash (25 KB) and the
 * page needs nothing from the context. Times and numbers follow the browser's locale and time
 * zone, the same ones the date inputs use.
 *
 * `view.createHistory` gives the page its location inside the module (the `path` another page
 * navigated with, src/shared/audit-link.ts) and lets it keep that location in step with the filters.
 */
export { invoke } from '@forge/bridge/out/invoke/invoke';
export { createHistory } from '@forge/bridge/out/view/createHistory';
