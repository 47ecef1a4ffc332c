/** The admin page's Audit settings tab at the ForgeDoc level: toggles, review-before-save, conflicts, field errors. */
import type { Settings } from '../../src/domain/settings/model';
import { renderPage, type FakeResolvers, type RenderedPage } from '../support/forgedoc';
import { adminBootstrap, failure, ok, settings } from './fixtures';

async function openSettings(resolvers: FakeResolvers = {}, initial: Settings = settings(), creatorGroups?: Array<{ groupId: string; name: string }>): Promise<RenderedPage> {
  const page = await renderPage('admin', {
    resolvers: { 'admin/bootstrap': () => ok(adminBootstrap({ settings: initial, ...(creatorGroups ? { creatorGroups } : {}) })), ...resolvers },
  });
  await page.waitFor(() => page.find({ testId: 'panel-settings' }), { what: 'the settings tab' });
  return page;
}

const reviewedKeys = (page: RenderedPage): string[] =>
  page.findAll((node) => typeof node.props.testId === 'string' && node.props.testId.startsWith('change-')).map((node) => String(node.props.testId).slice('change-'.length));

describe('audit settings tab', () => {
  it('shows the six event toggles, each explained, with the volume warning', async () => {
    const page = await openSettings();
    const toggles = page.findAll({ type: 'Toggle' }).map((node) => node.props.testId);
    expect(toggles).toEqual(
      expect.arrayContaining([
        'toggle-successfulAuthentication',
        'toggle-failedAuthentication',
        'toggle-failedCredentialVerification',
        'toggle-permissionDenied',
        'toggle-rateLimited',
        'toggle-appApiCalls',
      ]),
    );
    expect(page.findAll({ type: 'Toggle' }).filter((node) => String(node.props.testId).startsWith('toggle-')).every((node) => node.props.isChecked === false)).toBe(true);
    expect(page.text(page.byTestId('volume-warning'))).toContain('Please consider carefully');
    expect(page.text(page.byTestId('panel-settings'))).toContain('usually not advised');
    expect(page.byTestId('settings-review-open').props.isDisabled).toBe(true);
  });

  it('lists exactly the changed keys with from → to before saving, then saves the reviewed settings', async () => {
    const page = await openSettings({
      'settings/update': ({ settings: submitted }) => ok({ settings: { ...submitted, version: submitted.version + 1 } }),
    });
    await page.change(page.byTestId('toggle-successfulAuthentication'), true);
    await page.change(page.byTestId('toggle-rateLimited'), true);
    await page.change(page.byTestId('retention-default'), '90');
    await page.change(page.byTestId('retention-authentication'), '30');
    await page.change(page.get((node) => node.type === 'CheckboxGroup' && node.props.name === 'excluded-actions'), ['Rate limited']);
    expect(page.byTestId('settings-review-open').props.isDisabled).toBe(false);
    await page.click(page.byTestId('settings-review-open'));

    expect(reviewedKeys(page).sort()).toEqual(
      ['audit.successfulAuthentication', 'audit.rateLimited', 'retention.defaultDays', 'retention.perCategoryDays.Authentication', 'excludedActions'].sort(),
    );
    // Each change under the label its control has on the page, switches as On/Off.
    expect(page.text(page.byTestId('change-audit.successfulAuthentication'))).toBe('Record: Successful authentication:Off → On');
    expect(page.text(page.byTestId('change-retention.defaultDays'))).toContain('Keep events for (days):180 → 90');
    expect(page.text(page.byTestId('change-retention.perCategoryDays.Authentication'))).toContain('Keep Authentication events for (days):(none) → 30');
    expect(page.text(page.byTestId('change-excludedActions'))).toContain('Never record these actions:(none) → Rate limited');
    expect(page.invocationCount('settings/update')).toBe(0);

    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-saved' }));
    const [payload] = page.payloadsOf('settings/update');
    expect(payload.settings.version).toBe(3);
    expect(payload.settings.audit).toMatchObject({ successfulAuthentication: true, rateLimited: true, failedAuthentication: false });
    expect(payload.settings.retention).toEqual({ defaultDays: 90, perCategoryDays: { Authentication: 30 } });
    expect(payload.settings.excludedActions).toEqual(['Rate limited']);
    expect(page.text(page.byTestId('settings-saved'))).toContain('All 5 changes');
    expect(page.find({ testId: 'settings-review' })).toBeUndefined();
    expect(page.byTestId('settings-review-open').props.isDisabled).toBe(true);
  });

  it('going back from the review saves nothing and keeps the edits', async () => {
    const page = await openSettings({ 'settings/update': ({ settings: submitted }) => ok({ settings: submitted }) });
    await page.change(page.byTestId('toggle-appApiCalls'), true);
    await page.click(page.byTestId('settings-review-open'));
    await page.click(page.byTestId('settings-review-back'));
    expect(page.invocationCount('settings/update')).toBe(0);
    expect(page.byTestId('toggle-appApiCalls').props.isChecked).toBe(true);
    await page.click(page.byTestId('settings-discard'));
    expect(page.byTestId('toggle-appApiCalls').props.isChecked).toBe(false);
  });

  it('explains a CONFLICT (someone else saved) and reloads their version on request', async () => {
    const theirs = settings({ version: 4 });
    theirs.audit.permissionDenied = true;
    const page = await openSettings({
      'settings/update': () => failure('CONFLICT', 'Another administrator saved the settings after you opened them.'),
      'settings/get': () => ok({ settings: theirs }),
    });
    await page.change(page.byTestId('toggle-failedAuthentication'), true);
    await page.click(page.byTestId('settings-review-open'));
    await page.click(page.byTestId('settings-save'));
    const conflict = await page.waitFor(() => page.find({ testId: 'settings-conflict' }));
    expect(page.text(conflict)).toContain('Someone else saved the settings');

    await page.click(page.byTestId('settings-reload'));
    await page.waitFor(() => !page.find({ testId: 'settings-conflict' }));
    expect(page.invocationCount('settings/get')).toBe(1);
    expect(page.byTestId('toggle-permissionDenied').props.isChecked).toBe(true);
    expect(page.byTestId('toggle-failedAuthentication').props.isChecked).toBe(false);

    // The next save is based on their version.
    await page.change(page.byTestId('toggle-rateLimited'), true);
    await page.click(page.byTestId('settings-review-open'));
    expect(reviewedKeys(page)).toEqual(['audit.rateLimited']);
  });

  it('checks numbers before review and shows the message at the field', async () => {
    const page = await openSettings();
    await page.change(page.byTestId('retention-default'), '0');
    await page.click(page.byTestId('settings-review-open'));
    expect(page.find({ testId: 'settings-review' })).toBeUndefined();
    expect(page.text(page.byTestId('retention-default-issues'))).toContain('A whole number of days from 1 to 3650');
  });

  it('shows the server’s INVALID_INPUT issue next to the system allowlist', async () => {
    const page = await openSettings({
      'settings/update': () =>
        failure('INVALID_INPUT', 'Not an IP address or CIDR range: 10.0.0.300', [
          { path: 'settings.policies.systemIpAllowlist', message: 'Invalid entries: 10.0.0.300' },
        ]),
    });
    await page.change(page.byTestId('policy-ip-allowlist'), '10.0.0.300');
    await page.click(page.byTestId('settings-review-open'));
    expect(reviewedKeys(page)).toEqual(['policies.systemIpAllowlist']);
    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-error' }));
    expect(page.text(page.byTestId('policy-ip-allowlist-issues'))).toBe('Invalid entries: 10.0.0.300');
  });

  it('sends trusted gateways one per line, reviews them, and shows the server’s issue at the field', async () => {
    const page = await openSettings({
      'settings/update': () =>
        failure('INVALID_INPUT', 'Too wide to trust as a gateway', [{ path: 'settings.trustedGateways', message: 'Too wide to trust as a gateway: 0.0.0.0/0' }]),
    });
    await page.change(page.byTestId('trusted-gateways'), '198.51.100.10\n 0.0.0.0/0 \n');
    await page.click(page.byTestId('settings-review-open'));
    expect(reviewedKeys(page)).toEqual(['trustedGateways']);
    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-error' }));
    expect(page.payloadsOf('settings/update').at(-1)?.settings.trustedGateways).toEqual(['198.51.100.10', '0.0.0.0/0']);
    expect(page.text(page.byTestId('trusted-gateways-issues'))).toBe('Too wide to trust as a gateway: 0.0.0.0/0');
  });

  it('limits creators to chosen groups, found through groups/search and reviewed by name', async () => {
    const page = await openSettings({
      'groups/search': ({ query }) => ok({ groups: [{ groupId: 'g-api', name: 'api-users' }].filter((group) => group.name.includes(query)) }),
      'settings/update': ({ settings: submitted }) => ok({ settings: submitted }),
    });
    await page.change(page.byTestId('policy-creators'), 'groups');
    await page.click(page.byTestId('settings-review-open'));
    expect(page.text(page.byTestId('policy-creators-issues'))).toContain('Choose at least one group');

    await page.change(page.byTestId('creator-group-search'), 'api');
    await page.click(await page.waitFor(() => page.find({ testId: 'creator-group-add-g-api' })));
    expect(page.payloadsOf('groups/search')).toEqual([{ query: 'api' }]);
    await page.click(page.byTestId('settings-review-open'));
    expect(reviewedKeys(page).sort()).toEqual(['policies.creators.groupIds', 'policies.creators.mode']);
    expect(page.text(page.byTestId('change-policies.creators.groupIds'))).toContain('(none) → api-users');
    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-saved' }));
    expect(page.payloadsOf('settings/update')[0].settings.policies.creators).toEqual({ mode: 'groups', groupIds: ['g-api'] });
  });

  it('shows the names of the groups already allowed, from the bootstrap', async () => {
    const initial = settings();
    initial.policies.creators = { mode: 'groups', groupIds: ['g-api'] };
    const page = await openSettings({}, initial, [{ groupId: 'g-api', name: 'api-users' }]);
    expect(page.text(page.byTestId('creator-groups'))).toContain('api-users');
  });

  it('a new maximum validity bounds the expiry choices when creating a token afterwards', async () => {
    const page = await openSettings({ 'settings/update': ({ settings: submitted }) => ok({ settings: { ...submitted, version: 4 } }) });
    await page.change(page.byTestId('policy-max-validity'), { label: '30 days', value: '30d' });
    await page.click(page.byTestId('settings-review-open'));
    await page.click(page.byTestId('settings-save'));
    await page.waitFor(() => page.find({ testId: 'settings-saved' }));
    await page.click(page.byTestId('create-token'));
    const options = page.byTestId('create-expiry').props.options as Array<{ value: string }>;
    expect(options.map((option) => option.value)).not.toContain('never');
  });
});
