/**
 * Accessibility as a standing check (issue 17), the audit log: axe-core's WCAG 2.0/2.1 A and AA
 * rules over the page in each of its states, at 1366 px, at 800 px and at 200 % zoom, in Chromium
 * against the local host, checked as Jira shows it: inside the host's iframe. A violation fails
 * with its rule, the node and its HTML. The token pages: a11y-token-pages.test.ts.
 */
import type { FrameLocator, Page } from 'playwright-core';
import type { Settings } from '../../src/domain/settings/model';
import type { DataOf } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';
import { expectNoAxeViolations, openPage, SIZE_CASES, SIZES, useBrowserAndHost, type ViewSize } from '../support/browser';
import { expectOk } from '../support/result';
import { createToken, describeRequest, verify } from '../integration/support/verification';

const { host, browser } = useBrowserAndHost({ store: 'memory' });


beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

/** Presents the token to verify-token, as a client would; the HTTP status it answered. */
async function verified(secret: string): Promise<number> {
  return (await verify(host(), secret, { headers: { 'x-forwarded-for': '203.0.113.9' }, body: describeRequest('GET', '/rest/api/3/myself') })).status;
}

/** The audit log as Jira shows it: the host's page with the Custom UI in its iframe. */
async function openAuditLog(size: ViewSize, accountId?: string): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await openPage(browser(), host(), 'audit-log', { size, ...(accountId === undefined ? {} : { accountId }) });
  const frame = page.frameLocator('[data-testid=custom-ui-frame]');
  await frame.locator('[data-testid=results][data-state=ready], [data-testid=results][data-state=error]').waitFor();
  return { page, frame };
}

async function answered(frame: FrameLocator, action: () => Promise<void>): Promise<void> {
  const results = frame.getByTestId('results');
  const before = Number(await results.getAttribute('data-answers'));
  await action();
  await results.evaluate(
    (section, previous) =>
      new Promise<void>((resolve) => {
        const done = (): boolean => Number(section.getAttribute('data-answers')) > previous && section.getAttribute('data-state') !== 'loading';
        if (done()) return resolve();
        const observer = new MutationObserver(() => {
          if (done()) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(section, { attributes: true });
      }),
    before,
  );
}

describe('before anything is recorded', () => {
  it.each(SIZE_CASES)('the empty audit log has no violations at %s', async (_name, size) => {
    const audit = await openAuditLog(size);
    await audit.frame.getByText('No audit events yet').waitFor();
    await expectNoAxeViolations(audit.page, `the empty audit log at ${size.name}`);
    await audit.page.context().close();
  });
});

describe('with tokens and events', () => {
  beforeAll(async () => {
    const tokens: Array<DataOf<'tokens/create'>> = [];
    for (let index = 0; index < 6; index += 1) {
      tokens.push(
        await createToken(host(), {
          description: `Nightly export job ${index} on build-0${index}`,
          scope: index % 2 === 0 ? 'read-only' : 'read-write',
          ownerAccountId: index < 3 ? 'alice' : 'local-admin',
          ipAllowlist: ['127.0.0.0/8'],
          rateLimit: { requests: 100, windowSeconds: 60 },
        }),
      );
    }
    const { settings } = await expectOk(host().invoke<ResolverResult<{ settings: Settings }>>('api-token-admin', 'settings/get', {}));
    await expectOk(
      host().invoke('api-token-admin', 'settings/update', {
        settings: { ...settings, audit: { ...settings.audit, successfulAuthentication: true, failedAuthentication: true } },
      }),
    );
    host().advanceClock(3_600_000);
    for (let index = 0; index < 60; index += 1) expect(await verified(tokens[index % 3].secret)).toBe(200);
    await expectOk(host().invoke('api-token-admin', 'tokens/revoke', { tokenId: tokens[5].token.id }));
    expect(await verified(tokens[5].secret)).toBe(401);
  }, 60_000);

  it.each(SIZE_CASES)('the audit log has no violations in any state at %s', async (_name, size) => {
    const { page, frame } = await openAuditLog(size);
    const check = (state: string): Promise<void> => expectNoAxeViolations(page, `the audit log, ${state}, at ${size.name}`);
    await check('with data and "Load more"');

    await frame.getByTestId('filter-categories').locator('summary').click();
    await check('the categories picker open');
    await answered(frame, () => frame.getByRole('checkbox', { name: 'Authentication', exact: true }).check());
    await frame.getByTestId('filter-actions').locator('summary').click();
    await check('filtered by category, the actions picker open');
    await frame.getByTestId('filter-actions').locator('summary').press('Escape');

    const chart = frame.getByTestId('timeline-chart');
    await chart.focus();
    await chart.press('End');
    await chart.press('Shift+ArrowLeft');
    await check('an interval chosen on the timeline from the keyboard');
    await chart.press('Escape');

    await frame.getByTestId('event-row').first().click();
    await frame.getByTestId('detail-panel').waitFor();
    await check('the detail panel open');
    // Its narrow "Events" buttons keep their word on one line (a cell that wraps anywhere once split it).
    const lines = await frame
      .getByTestId('detail-panel')
      .locator('.mini .link-button')
      .evaluateAll((buttons) =>
        buttons.map((button) => {
          const range = document.createRange();
          range.selectNodeContents(button);
          return range.getClientRects().length;
        }),
      );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((count) => count === 1)).toBe(true);
    await frame.getByTestId('detail-close').click();

    await frame.getByTestId('filter-object-id').fill('no-such-token');
    await answered(frame, () => frame.getByTestId('filter-object-id').press('Enter'));
    await frame.getByTestId('results-empty').waitFor();
    await check('nothing matching the filters');
    await answered(frame, () => frame.getByTestId('results-empty').getByRole('button', { name: 'Clear filters' }).click());

    await frame.getByTestId('export-csv').click();
    await frame.locator('[data-testid=export-status][data-state=done]').waitFor();
    await check('an export done');
    await page.context().close();
  });

  it('the audit log has no violations while it loads, exports or tells a non-administrator no', async () => {
    const page = await openPage(browser(), host(), 'audit-log', { size: SIZES[0] });
    const frame = page.frameLocator('[data-testid=custom-ui-frame]');
    await frame.locator('[data-testid=results][data-state=ready]').waitFor();
    // Every resolver answer held back a second, so the loading and running states stay on screen.
    await page.route('**/api/invoke', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await page.reload();
    await frame.locator('[data-testid=results][data-state=loading]').waitFor();
    await expectNoAxeViolations(page, 'the audit log while its first page loads');
    await frame.locator('[data-testid=results][data-state=ready]').waitFor();
    await frame.getByTestId('export-jsonl').click();
    await frame.locator('[data-testid=export-status][data-state=running]').waitFor();
    await expectNoAxeViolations(page, 'the audit log while an export runs');
    await page.context().close();

    const refused = await openAuditLog(SIZES[0], 'alice');
    await refused.frame.getByTestId('results-error').waitFor();
    await expectNoAxeViolations(refused.page, 'the audit log refusing a non-administrator');
    await refused.page.context().close();
  });

});
