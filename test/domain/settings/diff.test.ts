import { diffSettings, isPolicyChange } from '../../../src/domain/settings/diff';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings/model';

const base = (): Settings => structuredClone(DEFAULT_SETTINGS);

describe('diffSettings', () => {
  it('finds nothing when only the version differs', () => {
    expect(diffSettings(base(), { ...base(), version: 9 })).toEqual([]);
  });

  it('flattens nested keys and stringifies leaves', () => {
    const after = base();
    after.audit.successfulAuthentication = true;
    after.retention.defaultDays = 90;
    after.retention.perCategoryDays = { Authentication: 30 };
    expect(diffSettings(base(), after)).toEqual([
      { key: 'audit.successfulAuthentication', from: 'false', to: 'true' },
      { key: 'retention.defaultDays', from: '180', to: '90' },
      { key: 'retention.perCategoryDays.Authentication', from: null, to: '30' },
    ]);
  });

  it('reads lists and rate limits as single values', () => {
    const after = base();
    after.excludedActions = ['Rate limited', 'Permission denied'];
    after.policies.defaultRateLimit = { requests: 100, windowSeconds: 60 };
    after.policies.systemIpAllowlist = ['10.0.0.0/8'];
    expect(diffSettings(base(), after)).toEqual([
      { key: 'excludedActions', from: null, to: 'Rate limited, Permission denied' },
      { key: 'policies.defaultRateLimit', from: null, to: '100 requests per 60 s' },
      { key: 'policies.systemIpAllowlist', from: null, to: '10.0.0.0/8' },
    ]);
  });

  it('reports a switch of creator mode with the groups that appeared', () => {
    const after = base();
    after.policies.creators = { mode: 'groups', groupIds: ['g1', 'g2'] };
    expect(diffSettings(base(), after)).toEqual([
      { key: 'policies.creators.mode', from: 'everyone', to: 'groups' },
      { key: 'policies.creators.groupIds', from: null, to: 'g1, g2' },
    ]);
  });

  it('tells policy changes from audit settings changes', () => {
    expect(isPolicyChange({ key: 'policies.maxValidity', from: 'never', to: '30d' })).toBe(true);
    expect(isPolicyChange({ key: 'audit.rateLimited', from: 'false', to: 'true' })).toBe(false);
  });
});
