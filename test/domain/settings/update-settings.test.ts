import type { AuditEvent } from '../../../src/domain/audit/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings/model';
import { updateSettings, type SettingsDeps } from '../../../src/domain/settings/update-settings';
import { manualClock } from '../../fakes/clock';
import { fakeDirectory } from '../../fakes/directory';
import { seededRandom } from '../../fakes/random';
import { ADMIN } from '../../fakes/token-deps';

function world(): { deps: SettingsDeps; stored: () => Settings; events: AuditEvent[] } {
  let stored: Settings = structuredClone(DEFAULT_SETTINGS);
  const events: AuditEvent[] = [];
  return {
    stored: () => stored,
    events,
    deps: {
      settings: {
        load: async () => structuredClone(stored),
        save: async (next, expectedVersion, newEvents) => {
          if (stored.version !== expectedVersion) return 'conflict';
          stored = structuredClone(next);
          events.push(...newEvents);
          return 'saved';
        },
      },
      directory: fakeDirectory(),
      clock: manualClock(),
      random: seededRandom(7),
      site: 'https://local.example.net',
    },
  };
}

describe('updateSettings', () => {
  it('saves, bumps the version and returns what changed', async () => {
    const w = world();
    const submitted = structuredClone(DEFAULT_SETTINGS);
    submitted.audit.rateLimited = true;
    const result = await updateSettings(w.deps, ADMIN, submitted);
    expect(result).toMatchObject({ ok: true, data: { settings: { version: 1 }, changes: [{ key: 'audit.rateLimited', from: 'false', to: 'true' }] } });
    expect(w.stored().audit.rateLimited).toBe(true);
  });

  it('records audit and policy changes as separate events with their changed values', async () => {
    const w = world();
    const submitted = structuredClone(DEFAULT_SETTINGS);
    submitted.audit.permissionDenied = true;
    submitted.policies.maxValidity = '90d';
    await updateSettings(w.deps, ADMIN, submitted);
    expect(w.events.map((event) => [event.type.action, event.changedValues.map((change) => change.key)])).toEqual([
      ['Audit settings changed', ['audit.permissionDenied']],
      ['Token policy changed', ['policies.maxValidity']],
    ]);
    expect(w.events[0].author).toEqual({ id: 'local-admin', name: 'Local Admin', type: 'user' });
  });

  it('answers CONFLICT for a save based on a stale version, keeping the newer settings', async () => {
    const w = world();
    const first = structuredClone(DEFAULT_SETTINGS);
    first.audit.successfulAuthentication = true;
    await updateSettings(w.deps, ADMIN, first);
    const stale = structuredClone(DEFAULT_SETTINGS);
    stale.audit.rateLimited = true;
    expect(await updateSettings(w.deps, ADMIN, stale)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(w.stored().audit).toMatchObject({ successfulAuthentication: true, rateLimited: false });
  });

  it('answers CONFLICT when another save lands between the read and the write', async () => {
    const w = world();
    const load = w.deps.settings.load;
    w.deps.settings.load = async () => {
      const read = await load();
      const other = structuredClone(read);
      other.retention.defaultDays = 30;
      other.version = read.version + 1;
      await w.deps.settings.save(other, read.version, []);
      return read;
    };
    const submitted = structuredClone(DEFAULT_SETTINGS);
    submitted.audit.rateLimited = true;
    expect(await updateSettings(w.deps, ADMIN, submitted)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(w.stored().retention.defaultDays).toBe(30);
  });

  it('writes nothing and records nothing when nothing changed', async () => {
    const w = world();
    const result = await updateSettings(w.deps, ADMIN, structuredClone(DEFAULT_SETTINGS));
    expect(result).toMatchObject({ ok: true, data: { settings: { version: 0 }, changes: [] } });
    expect(w.events).toEqual([]);
  });

  it('normalises the system IP allowlist and rejects invalid entries', async () => {
    const w = world();
    const bad = structuredClone(DEFAULT_SETTINGS);
    bad.policies.systemIpAllowlist = ['10.0.0.0/8', 'intranet'];
    expect(await updateSettings(w.deps, ADMIN, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const good = structuredClone(DEFAULT_SETTINGS);
    good.policies.systemIpAllowlist = ['10.9.9.9/8'];
    await updateSettings(w.deps, ADMIN, good);
    expect(w.stored().policies.systemIpAllowlist).toEqual(['10.0.0.0/8']);
  });

  it('normalises trusted gateways, records the change with the audit settings, and refuses invalid entries', async () => {
    const w = world();
    const bad = structuredClone(DEFAULT_SETTINGS);
    bad.trustedGateways = ['127.0.0.2', 'my-nginx'];
    expect(await updateSettings(w.deps, ADMIN, bad)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'settings.trustedGateways', message: expect.stringContaining('my-nginx') }] },
    });
    const good = structuredClone(DEFAULT_SETTINGS);
    good.trustedGateways = ['127.0.0.2', '127.0.0.2/32', '10.1.2.3/16'];
    const result = await updateSettings(w.deps, ADMIN, good);
    expect(w.stored().trustedGateways).toEqual(['127.0.0.2/32', '10.1.0.0/16']);
    expect(result).toMatchObject({ ok: true, data: { changes: [{ key: 'trustedGateways', from: null, to: '127.0.0.2/32, 10.1.0.0/16' }] } });
    expect(w.events.map((event) => event.type.action)).toEqual(['Audit settings changed']);
  });

  it.each([['0.0.0.0/0'], ['10.0.0.0/7'], ['::/0'], ['2001:db8::/31']])('refuses %s as a trusted gateway: anyone in it could choose their address', async (range) => {
    const w = world();
    const wide = structuredClone(DEFAULT_SETTINGS);
    wide.trustedGateways = [range];
    expect(await updateSettings(w.deps, ADMIN, wide)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Too wide') } });
    expect(w.stored().trustedGateways).toEqual([]);
  });

  it('drops a custom day count unless the custom maximum is chosen', async () => {
    const w = world();
    const submitted = structuredClone(DEFAULT_SETTINGS);
    submitted.policies.maxValidity = '30d';
    submitted.policies.customDays = 12;
    await updateSettings(w.deps, ADMIN, submitted);
    expect(w.stored().policies.customDays).toBeNull();
  });
});
