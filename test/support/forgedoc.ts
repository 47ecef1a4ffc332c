/**
 * A Node harness for UI Kit pages at the ForgeDoc level: loads a page entry (src/frontend/<page>/index.tsx)
 * with the real `@forge/react` reconciler and `@forge/bridge`, answers the bridge the way the platform
 * would (reconcile, invoke, getContext, navigate), and lets a test read and drive the latest tree.
 *
 * The bridge is read by both packages when they load, so the globals are installed first and the page
 * is required inside `jest.isolateModules` (a fresh React and reconciler per page).
 */
import * as path from 'node:path';
import type { DataOf, PayloadOf, ResolverKey } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';

export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
  key: string;
}

export type FakeResolver<K extends ResolverKey> = (
  payload: PayloadOf<K>,
) => ResolverResult<DataOf<K>> | Promise<ResolverResult<DataOf<K>>>;

/** The resolvers a page may call, answered by the test. A key left out is an unexpected call. */
export type FakeResolvers = { [K in ResolverKey]?: FakeResolver<K> };

export interface InvocationRecord {
  functionKey: string;
  payload: unknown;
}

export interface RenderOptions {
  resolvers: FakeResolvers;
  /** What `view.getContext()` answers; merged over a Jira admin-page context. */
  context?: Record<string, unknown>;
  /** Installs `navigator.clipboard.writeText`, recording what the page copies. */
  clipboard?: boolean;
}

export interface TextQuery {
  type?: string | string[];
  text?: string | RegExp;
  testId?: string;
  props?: Record<string, unknown>;
}

export interface RenderedPage {
  /** The latest reconciled tree. */
  root(): ForgeNode;
  /** Every resolver invocation, in order. */
  readonly invocations: InvocationRecord[];
  invocationCount(functionKey?: ResolverKey): number;
  payloadsOf<K extends ResolverKey>(functionKey: K): Array<PayloadOf<K>>;
  /** Keys the page invoked that the test did not supply. */
  readonly unexpected: string[];
  readonly navigations: unknown[];
  readonly copied: string[];
  findAll(query: TextQuery | ((node: ForgeNode) => boolean)): ForgeNode[];
  find(query: TextQuery | ((node: ForgeNode) => boolean)): ForgeNode | undefined;
  /** Like find, but throws with the page text when nothing matches. */
  get(query: TextQuery | ((node: ForgeNode) => boolean)): ForgeNode;
  byTestId(testId: string): ForgeNode;
  /** A Button or LoadingButton whose label is exactly `label`. */
  button(label: string | RegExp): ForgeNode;
  text(node?: ForgeNode): string;
  click(node: ForgeNode): Promise<void>;
  change(node: ForgeNode, value: unknown): Promise<void>;
  waitFor<T>(predicate: () => T | undefined | null | false, options?: { timeoutMs?: number; what?: string }): Promise<T>;
  /** Waits until the page has no resolver call in flight and React has committed. */
  settle(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TEXT_PROPS = ['text', 'header', 'description', 'title', 'label'] as const;

interface BridgeGlobals {
  self?: unknown;
  __bridge?: { callBridge: (cmd: string, data?: unknown) => Promise<unknown> };
  navigator?: unknown;
}

function walk(node: ForgeNode, visit: (node: ForgeNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** The nearest ancestor of `target` of the given type, or null. */
function enclosing(root: ForgeNode, target: ForgeNode, type: string): ForgeNode | null {
  const path: ForgeNode[] = [];
  const search = (node: ForgeNode): boolean => {
    if (node === target) return true;
    path.push(node);
    if ((node.children ?? []).some(search)) return true;
    path.pop();
    return false;
  };
  if (!search(root)) return null;
  return [...path].reverse().find((node) => node.type === type) ?? null;
}

/** All visible text under a node: String nodes plus text-bearing props (CodeBlock text, EmptyState header...). */
export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return typeof node.props.text === 'string' ? node.props.text : '';
  const own = TEXT_PROPS.map((prop) => node.props[prop])
    .filter((value): value is string => typeof value === 'string')
    .join(' ');
  const inner = (node.children ?? []).map(textOf).join('');
  return own && inner ? `${own} ${inner}` : own || inner;
}

function matches(node: ForgeNode, query: TextQuery): boolean {
  if (node.type === 'String') return false;
  if (query.type !== undefined) {
    const types = Array.isArray(query.type) ? query.type : [query.type];
    if (!types.includes(node.type)) return false;
  }
  if (query.testId !== undefined && node.props.testId !== query.testId) return false;
  if (query.props) {
    for (const [key, value] of Object.entries(query.props)) if (node.props[key] !== value) return false;
  }
  if (query.text !== undefined) {
    const text = textOf(node).trim();
    if (typeof query.text === 'string' ? !text.includes(query.text) : !query.text.test(text)) return false;
  }
  return true;
}

/** The serialised event UI Kit hands to input handlers (SerialisableEvent in forge-react-types). */
function inputEvent(target: Record<string, unknown>): Record<string, unknown> {
  return { bubbles: true, cancelable: false, defaultPrevented: false, eventPhase: 2, isTrusted: true, target, timeStamp: 0, type: 'change' };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function renderPage(entry: 'admin' | 'personal', options: RenderOptions): Promise<RenderedPage> {
  const invocations: InvocationRecord[] = [];
  const unexpected: string[] = [];
  const navigations: unknown[] = [];
  const copied: string[] = [];
  let latest: ForgeNode | null = null;
  let inFlight = 0;

  const context = {
    accountId: 'local-admin',
    cloudId: 'local-cloud',
    siteUrl: 'http://127.0.0.1',
    moduleKey: entry === 'admin' ? 'api-token-admin' : 'my-api-tokens',
    locale: 'en-US',
    timezone: 'UTC',
    extension: { type: entry === 'admin' ? 'jira:adminPage' : 'jira:personalSettingsPage' },
    ...options.context,
  };

  async function answerInvoke(data: { functionKey: string; payload: unknown }): Promise<unknown> {
    invocations.push({ functionKey: data.functionKey, payload: data.payload });
    const fake = (options.resolvers as Record<string, ((payload: unknown) => unknown) | undefined>)[data.functionKey];
    if (!fake) {
      unexpected.push(data.functionKey);
      throw new Error(`No resolver defined for ${data.functionKey}`);
    }
    inFlight += 1;
    try {
      // Resolver answers cross the bridge as JSON, never as shared objects.
      return JSON.parse(JSON.stringify(await fake(data.payload))) as unknown;
    } finally {
      inFlight -= 1;
    }
  }

  const callBridge = async (cmd: string, data?: unknown): Promise<unknown> => {
    switch (cmd) {
      case 'reconcile':
        latest = (data as { forgeDoc: ForgeNode }).forgeDoc;
        return undefined;
      case 'invoke':
        return answerInvoke(data as { functionKey: string; payload: unknown });
      case 'getContext':
        return structuredClone(context);
      case 'navigate':
        navigations.push(data);
        return undefined;
      case 'onError':
        return undefined;
      default:
        throw new Error(`The ForgeDoc harness does not answer bridge command "${cmd}"`);
    }
  };

  const globals = globalThis as BridgeGlobals;
  globals.self = globalThis;
  globals.__bridge = { callBridge };
  if (options.clipboard) {
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: { clipboard: { writeText: async (text: string) => void copied.push(text) } },
    });
  } else {
    Object.defineProperty(globalThis, 'navigator', { configurable: true, value: undefined });
  }

  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(REPO_ROOT, 'src', 'frontend', entry, 'index.tsx'));
  });

  const page: RenderedPage = {
    root() {
      if (!latest) throw new Error('The page has not rendered yet');
      return latest;
    },
    invocations,
    invocationCount(functionKey) {
      return functionKey ? invocations.filter((call) => call.functionKey === functionKey).length : invocations.length;
    },
    payloadsOf<K extends ResolverKey>(functionKey: K) {
      return invocations.filter((call) => call.functionKey === functionKey).map((call) => call.payload as PayloadOf<K>);
    },
    unexpected,
    navigations,
    copied,
    findAll(query) {
      const found: ForgeNode[] = [];
      const test = typeof query === 'function' ? query : (node: ForgeNode) => matches(node, query);
      if (latest) walk(latest, (node) => test(node) && found.push(node));
      return found;
    },
    find(query) {
      const all = page.findAll(query);
      // The deepest match is the most specific one (a Button rather than the Stack holding it).
      return all[all.length - 1];
    },
    get(query) {
      const node = page.find(query);
      if (!node) {
        const described = typeof query === 'function' ? 'a predicate' : JSON.stringify(query, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
        throw new Error(`No node matches ${described}. Page text:\n${latest ? textOf(latest) : '(not rendered)'}`);
      }
      return node;
    },
    byTestId(testId) {
      return page.get({ testId });
    },
    button(label) {
      const buttons = page.findAll({ type: ['Button', 'LoadingButton'] });
      const found = buttons.find((node) => {
        const text = textOf(node).trim();
        return typeof label === 'string' ? text === label : label.test(text);
      });
      if (!found) {
        throw new Error(`No button labelled ${String(label)}. Buttons: ${buttons.map((node) => JSON.stringify(textOf(node).trim())).join(', ')}`);
      }
      return found;
    },
    text(node) {
      return node ? textOf(node) : latest ? textOf(latest) : '';
    },
    async click(node) {
      if (node.props.isDisabled === true) throw new Error(`Cannot click a disabled ${node.type}: ${textOf(node)}`);
      const onClick = node.props.onClick;
      if (typeof onClick === 'function') (onClick as (event: unknown) => void)(inputEvent({}));
      if (node.props.type === 'submit') {
        // A submit button submits its form, as in the browser: the platform calls onSubmit without a DOM event.
        const form = latest ? enclosing(latest, node, 'Form') : null;
        if (!form || typeof form.props.onSubmit !== 'function') throw new Error(`${node.type} "${textOf(node)}" is a submit button outside a Form with onSubmit`);
        (form.props.onSubmit as () => void)();
      } else if (typeof onClick !== 'function') {
        throw new Error(`${node.type} "${textOf(node)}" has no onClick`);
      }
      await page.settle();
    },
    async change(node, value) {
      const onChange = node.props.onChange;
      if (typeof onChange !== 'function') throw new Error(`${node.type} has no onChange`);
      const handler = onChange as (value: unknown) => void;
      switch (node.type) {
        case 'Textfield':
        case 'TextArea':
          handler(inputEvent({ value }));
          break;
        case 'Toggle':
        case 'Checkbox':
          handler(inputEvent({ checked: value, value: node.props.value }));
          break;
        case 'Tabs':
          handler(value);
          break;
        default:
          // Select hands over the chosen option(s), DatePicker the ISO date string.
          handler(value);
      }
      await page.settle();
    },
    async waitFor(predicate, waitOptions = {}) {
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 4000);
      let lastError: unknown = null;
      for (;;) {
        try {
          const value = predicate();
          if (value) return value;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() > deadline) {
          const reason = lastError instanceof Error ? `\nLast error: ${lastError.message}` : '';
          throw new Error(`Timed out waiting for ${waitOptions.what ?? 'the page'}.${reason}\nPage text:\n${page.text()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async settle() {
      for (let round = 0; round < 50; round += 1) {
        await tick();
        if (inFlight === 0 && round >= 3) {
          await tick();
          if (inFlight === 0) return;
        }
      }
    },
  };

  await page.waitFor(() => latest, { what: 'the first render' });
  await page.settle();
  return page;
}
