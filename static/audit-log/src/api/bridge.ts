/**
 * The two bridge functions the page uses, imported from their own modules: the package root
 * re-exports every bridge API as CommonJS (router, modals, an ADF renderer with iframe-resizer,
 * lodash), which a bundler cannot tree-shake, and that would be a third of this bundle.
 * build.mjs resolves these paths past the package's "exports" map; an upgrade that moves them
 * fails the build loudly rather than silently.
 */
export { invoke } from '@forge/bridge/out/invoke/invoke';
export { getContext } from '@forge/bridge/out/view/getContext';
