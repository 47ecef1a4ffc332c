import { ATTRIBUTES, type AuditEventDraft } from '../../../src/domain/audit/model';
import { createRecorder, type DiscardCounter } from '../../../src/domain/audit/recorder';
import { isExcluded, shouldRecord } from '../../../src/domain/audit/recording-rules';
import type { Settings } from '../../../src/domain/settings/model';
import { allToggles, settingsWith, T0, tokenObject, userObject } from '../../fakes/audit-events';
import { FakeAuditStore } from '../../fakes/audit-store';

function success(tokenId = 't1', path = '/rest/api/3/myself'): AuditEventDraft {
  return {
    action: 'authSucceeded',
    author: { id: 'alice', name: 'Alice', type: 'user' },
    affectedObjects: [tokenObject(tokenId), userObject('alice')],
    extraAttributes: [{ name: ATTRIBUTES.requestPath, value: path }],
    source: '203.0.113.7',
    method: 'Web trigger',
  };
}

const created: AuditEventDraft = {
  action: 'tokenCreated',
  author: { id: 'admin', name: 'Admin', type: 'user' },
  affectedObjects: [tokenObject('t9')],
  method: 'Admin page',
};

function setup(settings: Settings = settingsWith({ audit: allToggles() })) {
  const store = new FakeAuditStore();
  let now = T0;
  let ids = 0;
  const logs: string[] = [];
  let settingsReads = 0;
  const recorder = createRecorder({
    writer: store,
    counter: store.counter,
    loadSettings: async () => {
      settingsReads += 1;
      return settings;
    },
    clock: { now: () => now },
    newId: () => `id-${(ids += 1)}`,
    system: () => 'https://example.atlassian.net',
    log: (message) => logs.push(message),
  });
  return {
    store,
    recorder,
    logs,
    settingsReads: () => settingsReads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('recording rules', () => {
  it('records authentication events only when their toggle is on (all off by default)', () => {
    expect(shouldRecord(success(), settingsWith())).toBe(false);
    expect(shouldRecord(success(), settingsWith({ audit: { ...allToggles(), successfulAuthentication: false } }))).toBe(false);
    expect(shouldRecord(success(), settingsWith({ audit: allToggles() }))).toBe(true);
  });

  it('skips excluded actions by name, catalog id or i18n key, but never hides token management', () => {
    for (const name of ['Token authentication succeeded', 'authSucceeded', 'api-token-audit.action.token.authentication.succeeded']) {
      expect(isExcluded('authSucceeded', { excludedActions: [name] })).toBe(true);
      expect(shouldRecord(success(), settingsWith({ audit: allToggles(), excludedActions: [name] }))).toBe(false);
    }
    expect(shouldRecord(created, settingsWith({ excludedActions: ['Token created'] }))).toBe(true);
  });
});

describe('recorder', () => {
  it('writes an always-recorded event without reading the settings', async () => {
    const t = setup();
    expect(await t.recorder.record(created)).toBe('recorded');
    expect(t.settingsReads()).toBe(0);
    const [stored] = t.store.events();
    expect(stored.event).toMatchObject({
      id: 'id-1',
      timestamp: new Date(T0).toISOString(),
      type: { category: 'Token management', action: 'Token created', categoryI18nKey: 'api-token-audit.category.token.management', actionI18nKey: 'api-token-audit.action.token.created' },
      method: 'Admin page',
      system: 'https://example.atlassian.net',
    });
    expect(stored).toMatchObject({ category: 'Token management', action: 'Token created', authorId: 'admin', objectKey: 'api token:t9' });
  });

  it('skips a draft whose toggle is off, and uses the settings the producer passes', async () => {
    const t = setup(settingsWith());
    expect(await t.recorder.record(success())).toBe('skipped');
    expect(await t.recorder.record(success(), { settings: settingsWith({ audit: allToggles() }) })).toBe('recorded');
    expect(t.settingsReads()).toBe(1);
    expect(t.store.events()).toHaveLength(1);
  });

  it('retries a failed write once and then stores the event', async () => {
    const t = setup();
    t.store.failWrites = 1;
    expect(await t.recorder.record(created)).toBe('recorded');
    expect(t.store.calls.write).toBe(2);
    expect(t.store.discarded).toBeNull();
  });

  it('counts an event whose write fails twice, and reports the count after the next successful write', async () => {
    const t = setup();
    t.store.failWrites = 2;
    expect(await t.recorder.record(created)).toBe('discarded');
    expect(t.store.discarded).toBe(1);
    expect(t.store.events()).toHaveLength(0);
    expect(t.logs.join('\n')).toContain('could not be stored');

    t.advance(1000);
    expect(await t.recorder.record(created)).toBe('recorded');
    expect(t.store.discarded).toBe(0);
    const report = t.store.events().find((r) => r.action === 'Events discarded');
    expect(report?.event.extraAttributes).toContainEqual(expect.objectContaining({ name: 'Events discarded', value: '1' }));
    expect(report?.event.author.type).toBe('app');
  });

  it('keeps a discard it could not count in the process and counts it after storage recovers', async () => {
    const t = setup();
    t.store.failWrites = 2;
    t.store.failCounter = 1;
    expect(await t.recorder.record(created)).toBe('discarded');
    expect(t.store.discarded).toBeNull();
    expect(await t.recorder.record(created)).toBe('recorded');
    expect(t.store.events().filter((r) => r.action === 'Events discarded').map((r) => r.event.extraAttributes.find((a) => a.name === 'Events discarded')?.value)).toEqual(['1']);
    expect(t.store.discarded).toBe(0);
  });

  it('reports every discarded event exactly once', async () => {
    const t = setup();
    await t.store.counter.add(3);
    expect(await t.recorder.reportDiscarded('Scheduled')).toBe(3);
    expect(await t.recorder.reportDiscarded('Scheduled')).toBe(0);
    expect(t.store.events().filter((r) => r.action === 'Events discarded')).toHaveLength(1);
  });

  /** A discard store that settles at most two entries per report, versioned like the adapter's sequence row. */
  function twoPerReport(entries: number[]): { counter: DiscardCounter; entries: () => number[]; otherReporterSettles: () => void } {
    let pending = [...entries];
    let version = 0;
    let beforeNextSettle: (() => void) | null = null;
    const counter: DiscardCounter = {
      add: async (count) => {
        pending.push(count);
      },
      read: async () => {
        const claimed = pending.slice(0, 2);
        return { count: claimed.reduce((sum, n) => sum + n, 0), claim: { taken: claimed.length, version } };
      },
      settle: async (tally) => {
        beforeNextSettle?.();
        beforeNextSettle = null;
        const claim = tally.claim as { taken: number; version: number };
        if (claim.version !== version) return 'conflict';
        pending = pending.slice(claim.taken);
        version += 1;
        return 'settled';
      },
    };
    return {
      counter,
      entries: () => pending,
      otherReporterSettles: () => {
        beforeNextSettle = () => {
          pending = pending.slice(2);
          version += 1;
        };
      },
    };
  }

  function recorderWith(counter: DiscardCounter) {
    const store = new FakeAuditStore();
    let ids = 0;
    return createRecorder({
      writer: store,
      counter,
      loadSettings: async () => settingsWith({ audit: allToggles() }),
      clock: { now: () => T0 },
      newId: () => `id-${(ids += 1)}`,
      system: () => 'https://example.atlassian.net',
      log: () => undefined,
    });
  }

  it('reports more discards than one report holds in several reports, reading again when another reporter settled first', async () => {
    const discards = twoPerReport([1, 2, 3, 4, 5]);
    discards.otherReporterSettles();
    // The other reporter took [1, 2]; this one reports [3, 4] and [5].
    expect(await recorderWith(discards.counter).reportDiscarded('Scheduled')).toBe(12);
    expect(discards.entries()).toEqual([]);
  });

  it('leaves the discards to the next report after three conflicts in a row', async () => {
    const discards = twoPerReport([1, 2, 3, 4, 5, 6, 7, 8]);
    const contended: DiscardCounter = { ...discards.counter, settle: async () => 'conflict' };
    expect(await recorderWith(contended).reportDiscarded('Scheduled')).toBe(0);
    expect(discards.entries()).toHaveLength(8);
  });

  it('counts a draft as discarded when the settings that decide it cannot be read', async () => {
    const store = new FakeAuditStore();
    const recorder = createRecorder({
      writer: store,
      counter: store.counter,
      loadSettings: async () => {
        throw new Error('down');
      },
      clock: { now: () => T0 },
      newId: () => 'x',
      system: () => '',
      log: () => undefined,
    });
    expect(await recorder.record(success())).toBe('discarded');
    expect(store.discarded).toBe(1);
  });

  it('bounds what an event carries, so a hostile path cannot make a write fail on size', async () => {
    const t = setup();
    await t.recorder.record(success('t1', `/x/${'a'.repeat(100_000)}`), { settings: settingsWith({ audit: allToggles() }) });
    const [stored] = t.store.events();
    expect(JSON.stringify(stored).length).toBeLessThan(20_000);
    expect(stored.searchText.length).toBeLessThanOrEqual(2000);
  });
});
