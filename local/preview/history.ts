/**
 * `view.createHistory()` for local pages: the page's location inside its module, as the platform
 * keeps it (Forge docs, custom-ui-bridge/view#createhistory: "the path and location properties are
 * always relative to your app's URL"; `listen` calls back with `(location, action)`, the `history`
 * package's v4 shape that @forge/bridge's types name).
 *
 * Jira puts that location after the module's URL (`…/apps/<app>/<env>/events?…`). Here the module's
 * URL is `/pages/<key>`, and the location lives in the top window's fragment
 * (`/pages/<key>#/events?…`), so the host serves every page unchanged and a copied address opens the
 * same view. The Custom UI runs in an iframe of the same origin, so it reads and writes the top
 * window's address, as the platform's history does for the product page.
 */

type Action = 'POP' | 'PUSH' | 'REPLACE';

export interface LocalLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key?: string;
}

type Listener = (location: LocalLocation, action: Action) => void;
type To = string | { pathname?: string; search?: string; hash?: string };

function topWindow(): Window {
  try {
    // Reading the top window's location throws when it belongs to another origin: then this frame is the page.
    void window.top?.location.href;
    return window.top ?? window;
  } catch {
    return window;
  }
}

/** `#/events?v=1&…` → `{pathname: '/events', search: '?v=1&…'}`; no fragment is the module's root. */
export function locationOfFragment(fragment: string): LocalLocation {
  const path = fragment.replace(/^#/, '');
  const query = path.indexOf('?');
  const pathname = query >= 0 ? path.slice(0, query) : path;
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, search: query >= 0 ? path.slice(query) : '', hash: '', state: undefined };
}

/** The fragment for a location inside the module: the path as given, or none for the root. */
export function fragmentOf(to: To): string {
  const path = typeof to === 'string' ? to : `${to.pathname ?? '/'}${to.search ?? ''}`;
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return absolute === '/' ? '' : `#${absolute}`;
}

/** The module URL with a location inside it, e.g. for `router.navigate({target: 'module', moduleKey, path})`. */
export function moduleHref(moduleKey: string, path: unknown): string {
  const base = `/pages/${encodeURIComponent(moduleKey)}`;
  return typeof path === 'string' && path !== '' ? `${base}${fragmentOf(path)}` : base;
}

export function createLocalHistory(): unknown {
  const win = topWindow();
  const listeners = new Set<Listener>();
  const history = {
    action: 'POP' as Action,
    location: locationOfFragment(win.location.hash),
    get length(): number {
      return win.history.length;
    },
    push(to: To): void {
      move('PUSH', to);
    },
    replace(to: To): void {
      move('REPLACE', to);
    },
    go(n: number): void {
      win.history.go(n);
    },
    goBack(): void {
      win.history.back();
    },
    goForward(): void {
      win.history.forward();
    },
    listen(listener: Listener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    block(): () => void {
      return () => undefined;
    },
    createHref(to: To): string {
      return `${win.location.pathname}${win.location.search}${fragmentOf(to)}`;
    },
  };

  function notify(action: Action): void {
    history.action = action;
    history.location = locationOfFragment(win.location.hash);
    for (const listener of [...listeners]) listener(history.location, action);
  }

  function move(action: 'PUSH' | 'REPLACE', to: To): void {
    const url = `${win.location.pathname}${win.location.search}${fragmentOf(to)}`;
    if (action === 'PUSH') win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
    notify(action);
  }

  // Back, forward, or an address edited by hand.
  win.addEventListener('popstate', () => notify('POP'));
  // Chromium fires both for an edited fragment: the second finds nothing new.
  win.addEventListener('hashchange', () => {
    const next = locationOfFragment(win.location.hash);
    if (next.pathname + next.search !== history.location.pathname + history.location.search) notify('POP');
  });
  return history;
}
