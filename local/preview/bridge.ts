/**
 * The browser side of the Forge bridge, as the product frame provides it: `self.__bridge.callBridge`.
 * `invoke` reaches the host's `/api/invoke` as the acting user, `getContext` answers from the page
 * configuration, `reconcile` (UI Kit) hands the ForgeDoc to the preview renderer, `createHistory` answers the
 * page's location inside its module (history.ts).
 */
import type { PreviewConfig } from './config';
import { actingAccountId } from './header';
import { createLocalHistory, moduleHref } from './history';

export interface BridgeHandlers {
  /** UI Kit only: a new ForgeDoc tree after every commit of the app's React tree. */
  onReconcile?: (forgeDoc: unknown) => void;
  onError?: (error: unknown) => void;
}

export type CallBridge = (command: string, data?: unknown) => Promise<unknown>;

declare global {
  var __bridge: { callBridge: CallBridge } | undefined;
}

async function invokeResolver(config: PreviewConfig, data: unknown): Promise<unknown> {
  const { functionKey, payload, metadata } = (data ?? {}) as { functionKey?: unknown; payload?: unknown; metadata?: unknown };
  const response = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-account-id': actingAccountId() },
    body: JSON.stringify({ moduleKey: config.moduleKey, functionKey, payload }),
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string };
    throw new Error(`${error.code ?? 'INVOKE_FAILED'}: ${error.message ?? `HTTP ${response.status}`}`);
  }
  // With metadata the platform wraps the value as {body, metadata}; without, it returns the value.
  return metadata === undefined ? body : { body, metadata: {} };
}

export function productContext(config: PreviewConfig): Record<string, unknown> {
  return {
    accountId: actingAccountId(),
    cloudId: config.cloudId,
    siteUrl: config.siteUrl,
    moduleKey: config.moduleKey,
    localId: config.localId,
    extension: { type: config.extension.type },
    locale: config.locale,
    timezone: config.timezone,
    theme: { colorMode: 'light' },
    environmentType: 'DEVELOPMENT',
  };
}

/**
 * `router.navigate` / `router.open`: a `{target: 'module', moduleKey, path?}` location opens that module's local
 * page, at `path` inside it when given (history.ts); a URL opens as given, in the top window. Other targets
 * (issues, projects...) have no local page.
 */
function navigate(data: unknown): void {
  const { url, target, moduleKey, path, type } = (data ?? {}) as { url?: unknown; target?: unknown; moduleKey?: unknown; path?: unknown; type?: unknown };
  let href: string | null = null;
  if (typeof url === 'string') href = url;
  else if (target === 'module' && typeof moduleKey === 'string') href = moduleHref(moduleKey, path);
  if (href === null) {
    console.debug('[local bridge] navigate target has no local page; ignoring.', data);
    return;
  }
  if (type === 'new-tab') window.open(href, '_blank', 'noopener');
  // A Custom UI page runs in the shell's iframe; navigating moves the whole page, as in Jira.
  else (window.top ?? window).location.assign(href);
}

export function installBridge(config: PreviewConfig, handlers: BridgeHandlers = {}): void {
  const callBridge: CallBridge = async (command, data) => {
    switch (command) {
      case 'reconcile':
        handlers.onReconcile?.((data as { forgeDoc?: unknown } | undefined)?.forgeDoc);
        return undefined;
      case 'invoke':
        return invokeResolver(config, data);
      case 'getContext':
        return productContext(config);
      case 'navigate':
        navigate(data);
        return undefined;
      case 'createHistory':
        return createLocalHistory();
      case 'onError':
        console.error('[local bridge] the page reported an error', data);
        handlers.onError?.((data as { error?: unknown } | undefined)?.error ?? data);
        return undefined;
      default:
        console.debug(`[local bridge] '${command}' is not emulated locally; resolving undefined.`, data);
        return undefined;
    }
  };
  globalThis.__bridge = { callBridge };
}
