/**
 * Browser tests in Debian's Chromium through playwright-core (no downloaded browsers).
 * Every launch gets a fresh temporary profile (Playwright creates one per `launch`); every
 * `openPage` its own browser context, so cookies and storage never leak between tests.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import { useHost, type StartHostOptions, type TestHost } from './host';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** What `useBrowserAndHost` gives a test file: its host and its browser, once `beforeAll` has started them. */
export interface BrowserAndHost {
  host(): TestHost;
  browser(): Browser;
}

/**
 * Registers the `beforeAll` that starts a local host and launches Chromium, and the `afterAll` that
 * closes both, in the describe block (or file) it is called in. Call it before the block's own
 * `beforeAll`: Jest runs them in order, so a seeding hook finds the host started.
 */
export function useBrowserAndHost(options: StartHostOptions = {}): BrowserAndHost {
  const host = useHost(options);
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    host: () => host,
    browser: () => {
      if (browser === undefined) throw new Error("The browser is not launched yet: use it in a test or a beforeAll after useBrowserAndHost's");
      return browser;
    },
  };
}

/** The acting-user cookie the page header's switcher sets (local/preview/header.ts). */
const ACCOUNT_COOKIE = 'local-account-id';

export interface OpenPageOptions {
  /** Default `local-admin`. */
  accountId?: string;
  /**
   * For a Custom UI module: open its own document (`/pages/<key>/`, what Jira loads in its iframe)
   * instead of the host's shell around it, so the test works on the app's page directly.
   */
  customUiDocument?: boolean;
  /** The window size and zoom the page is drawn at (see `SIZES`); Playwright's default 1280 × 720 otherwise. */
  size?: ViewSize;
}

/**
 * Opens `${host.url}/pages/<moduleKey>` as the given local account.
 * For a UI Kit page it waits until the preview has drawn the page's first ForgeDoc.
 */
export async function openPage(browser: Browser, host: { url: string }, moduleKey: string, options: OpenPageOptions = {}): Promise<Page> {
  const context = await browser.newContext(contextOptions(options.size));
  await context.addCookies([{ name: ACCOUNT_COOKIE, value: options.accountId ?? 'local-admin', url: host.url }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${moduleKey}: ${error.message}`));
  await page.goto(`${host.url}/pages/${encodeURIComponent(moduleKey)}${options.customUiDocument ? '/' : ''}`);
  await page.waitForFunction(() => {
    const root = document.getElementById('forge-root');
    // Drawn, or failed visibly (page error, or the "not built yet" notice): never a silent timeout.
    return !root || root.querySelector('[data-forge-type="Root"], [data-testid="preview-error"], [role="alert"]') !== null;
  });
  return page;
}

/** Reloads the page and returns the resolver calls its first render made (every `POST /api/invoke`). */
export async function invocationsOnLoad(page: Page, drawn: string): Promise<string[]> {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/invoke') {
      calls.push(String((request.postDataJSON() as { functionKey?: unknown }).functionKey));
    }
  });
  await page.reload();
  await page.locator(drawn).first().waitFor();
  await page.waitForLoadState('networkidle');
  return calls;
}

/**
 * A window an admin uses: a laptop at 1366 px, a narrow window at 800 px, and the laptop at 200 %
 * browser zoom. Zoom is what a zoomed browser lays out: half the CSS pixels, each drawn twice as big.
 */
export interface ViewSize {
  name: string;
  width: number;
  height: number;
  zoom: number;
}

export const SIZES: readonly ViewSize[] = [
  { name: '1366 px', width: 1366, height: 768, zoom: 1 },
  { name: '800 px', width: 800, height: 768, zoom: 1 },
  { name: '200 % zoom', width: 1366, height: 768, zoom: 2 },
];

/** `SIZES` as Jest `each` cases, each named by its size. */
export const SIZE_CASES = SIZES.map((size): [string, ViewSize] => [size.name, size]);

function contextOptions(size: ViewSize | undefined): BrowserContextOptions {
  if (size === undefined) return {};
  return {
    viewport: { width: Math.round(size.width / size.zoom), height: Math.round(size.height / size.zoom) },
    deviceScaleFactor: size.zoom,
  };
}

/** The WCAG 2.0 and 2.1 level A and AA rules of axe-core: what "WCAG 2.1 AA" means in its tags. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Injects axe-core into every frame of the page (evaluated over the DevTools protocol, so no CSP applies). */
async function injectAxe(page: Page): Promise<void> {
  await Promise.all(
    page.frames().map(async (frame: Frame) => {
      const present = await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
      if (!present) await frame.evaluate(AXE_SOURCE);
    }),
  );
}

/** One line per failing node: the rule, its impact and help, where the node is, its HTML and why it fails. */
export function describeViolations(violations: readonly AxeResult[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const where = node.target.map((selector) => (Array.isArray(selector) ? selector.join(' >>> ') : String(selector))).join(' >>> iframe >>> ');
        const why = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
        return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n  node: ${where}\n  html: ${node.html}\n  ${why}`;
      }),
    )
    .join('\n');
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules over the page as it is now, frames included (a Custom UI
 * iframe is checked inside, its nodes named `iframe >>> selector`). Resolves with the violations.
 */
export async function axeViolations(page: Page): Promise<AxeResult[]> {
  await injectAxe(page);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        iframes: true,
      }),
    WCAG_21_AA_TAGS,
  );
  return results.violations;
}

/** Fails with every violation's rule, node and HTML snippet when axe-core finds any; `state` names what was checked. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    const count = violations.reduce((sum, violation) => sum + violation.nodes.length, 0);
    throw new Error(`axe-core: ${count} WCAG 2.1 AA violation${count === 1 ? '' : 's'} in ${state}:\n${describeViolations(violations)}`);
  }
}

/** What has keyboard focus, inside a focused iframe too: its test id, else its id, else a short description. */
export async function focusedElement(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element instanceof HTMLIFrameElement && element.contentDocument !== null) element = element.contentDocument.activeElement;
    if (element === null || element === document.body) return 'body';
    const html = element as HTMLElement;
    if (html.dataset.testid) return html.dataset.testid;
    if (html.id) return `#${html.id}`;
    return `${html.tagName.toLowerCase()}${html.getAttribute('role') ? `[role=${html.getAttribute('role') ?? ''}]` : ''} "${(html.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/** Whether keyboard focus is inside the element with this test id (inside a focused iframe too). */
export async function focusIsInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    let element: Element | null = document.activeElement;
    while (element instanceof HTMLIFrameElement && element.contentDocument !== null) element = element.contentDocument.activeElement;
    return element?.closest(`[data-testid="${id}"]`) != null;
  }, testId);
}

/**
 * Presses Tab (or Shift+Tab) until the element with this test id has focus, as a keyboard user
 * would; fails, naming where focus is, when it is not reached within `max` presses.
 */
export async function tabTo(page: Page, testId: string, options: { shift?: boolean; max?: number } = {}): Promise<number> {
  const max = options.max ?? 80;
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(options.shift === true ? 'Shift+Tab' : 'Tab');
    if ((await focusedElement(page)) === testId) return presses;
  }
  throw new Error(`${testId} not reached in ${max} presses of ${options.shift === true ? 'Shift+Tab' : 'Tab'}; focus is on ${await focusedElement(page)}`);
}
