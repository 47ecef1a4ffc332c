/**
 * Browser tests in Debian's Chromium through playwright-core (no downloaded browsers).
 * Every launch gets a fresh temporary profile (Playwright creates one per `launch`); every
 * `openPage` its own browser context, so cookies and storage never leak between tests.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

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
}

/**
 * Opens `${host.url}/pages/<moduleKey>` as the given local account.
 * For a UI Kit page it waits until the preview has drawn the page's first ForgeDoc.
 */
export async function openPage(browser: Browser, host: { url: string }, moduleKey: string, options: OpenPageOptions = {}): Promise<Page> {
  const context = await browser.newContext();
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
