/** Audit events for tests, built through the real buildEvent/toRow so rows look like production rows. */
import { buildEvent } from '../../src/domain/audit/build-event';
import type { AffectedObject, AuditActionId, AuditEvent, AuditMethod, ExtraAttribute } from '../../src/domain/audit/model';
import { toRow, type AuditEventRow } from '../../src/domain/audit/row';
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

export interface EventSpec {
  id: string;
  at: number;
  action?: AuditActionId;
  author?: string;
  objects?: AffectedObject[];
  attributes?: ExtraAttribute[];
  method?: AuditMethod;
}

export function tokenObject(id: string, name = `token ${id}`): AffectedObject {
  return { type: 'API token', id, name };
}

export function userObject(id: string): AffectedObject {
  return { type: 'user', id, name: id };
}

export function event(spec: EventSpec): AuditEvent {
  return buildEvent(
    {
      action: spec.action ?? 'authSucceeded',
      author: { id: spec.author ?? 'alice', name: spec.author ?? 'alice', type: 'user' },
      affectedObjects: spec.objects ?? [],
      extraAttributes: spec.attributes ?? [],
      method: spec.method ?? 'Web trigger',
    },
    { id: spec.id, now: spec.at, system: 'https://example.atlassian.net' },
  );
}

export function row(spec: EventSpec): AuditEventRow {
  return toRow(event(spec));
}

export function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** Every toggle on. */
export function allToggles(): Settings['audit'] {
  return {
    successfulAuthentication: true,
    failedAuthentication: true,
    failedCredentialVerification: true,
    permissionDenied: true,
    rateLimited: true,
    appApiCalls: true,
  };
}
