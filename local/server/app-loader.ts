/**
 * Finds the app's handler functions the way the platform does: `handler: index.verifyToken`
 * names export `verifyToken` of the app's `index` module. Under Jest the entry is the TypeScript
 * source (ts-jest transforms it); under `npm start` it is the esbuild bundle. Any other CommonJS
 * build of the entry loads the same way: test/deploy runs the Forge CLI's webpack bundle
 * (`index.cjs` of `npm run package`'s runtime zip) through `startLocalHost({appEntry})`.
 */
import path from 'node:path';
import type { AppModules } from './app-modules';

export type AppFunction = (...args: unknown[]) => unknown;

export class AppLoadError extends Error {}

export interface AppLoader {
  /** The handler of a manifest function module, by function key. */
  handler(functionKey: string): AppFunction;
}

export function createAppLoader(modules: AppModules, appEntry: string): AppLoader {
  const entryDir = path.dirname(appEntry);
  const entryName = path.basename(appEntry).replace(/\.[cm]?[jt]sx?$/, '');
  const loaded = new Map<string, Record<string, unknown>>();

  const load = (fileName: string): Record<string, unknown> => {
    const cached = loaded.get(fileName);
    if (cached) return cached;
    const modulePath = fileName === entryName ? appEntry : path.join(entryDir, fileName);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is chosen at run time
    const exports = require(modulePath) as Record<string, unknown>;
    loaded.set(fileName, exports);
    return exports;
  };

  return {
    handler(functionKey) {
      const fn = modules.functions[functionKey];
      if (!fn) throw new AppLoadError(`manifest.yml has no function module '${functionKey}'.`);
      const exported = load(fn.file)[fn.exportName];
      if (typeof exported !== 'function') {
        throw new AppLoadError(`Handler '${fn.handler}' of function '${functionKey}' is not an exported function.`);
      }
      return exported as AppFunction;
    },
  };
}
