import { AUDIT_ACTIONS, type AuditActionId, type AuditEvent, type AuditEventDraft } from './model';

/** i18n keys in Atlassian Audit's style: a stable, lower-case dotted key per category and action. */
export function i18nKey(prefix: string, text: string): string {
  return `${prefix}.${text.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}`;
}

export const I18N_PREFIX = {
  category: 'api-token-audit.category',
  action: 'api-token-audit.action',
  attribute: 'api-token-audit.attribute',
  changedValue: 'api-token-audit.changed',
} as const;

export function categoryI18nKey(category: string): string {
  return i18nKey(I18N_PREFIX.category, category);
}

export function actionI18nKey(actionId: AuditActionId): string {
  return i18nKey(I18N_PREFIX.action, AUDIT_ACTIONS[actionId].action);
}

/**
 * Bounds on what one event may carry. A request path or a changed allowlist comes from outside;
 * clipping keeps every event far below the 240 KiB value limit, so a write never fails on size.
 */
export const EVENT_BOUNDS = { text: 2000, listItems: 50 } as const;

function clip(text: string): string {
  return text.length <= EVENT_BOUNDS.text ? text : `${text.slice(0, EVENT_BOUNDS.text - 1)}…`;
}

function clipOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : clip(String(text));
}

/**
 * The `system` of every event: the site the app is installed on, as its ARI. Every kind of invocation
 * knows the cloud id (web and scheduled triggers do not know the site URL), so events from token
 * management, verification and outbound calls all name the site the same way.
 */
export function siteSystem(cloudId: string): string {
  return cloudId ? `ari:cloud:jira::site/${cloudId}` : '';
}

/** Turns a producer's draft into a full event in Atlassian Audit's entity shape. */
export function buildEvent(draft: AuditEventDraft, input: { id: string; now: number; system: string }): AuditEvent {
  const { category, action } = AUDIT_ACTIONS[draft.action];
  const max = EVENT_BOUNDS.listItems;
  return {
    id: input.id,
    timestamp: new Date(input.now).toISOString(),
    author: { id: clip(draft.author.id), name: clip(draft.author.name), type: draft.author.type },
    type: {
      category,
      action,
      categoryI18nKey: categoryI18nKey(category),
      actionI18nKey: actionI18nKey(draft.action),
    },
    affectedObjects: (draft.affectedObjects ?? []).slice(0, max).map((o) => ({ id: clip(o.id), name: clip(o.name), type: clip(o.type) })),
    changedValues: (draft.changedValues ?? []).slice(0, max).map((c) => ({
      key: clip(c.key),
      from: clipOrNull(c.from),
      to: clipOrNull(c.to),
      i18nKey: c.i18nKey ?? i18nKey(I18N_PREFIX.changedValue, c.key),
    })),
    extraAttributes: (draft.extraAttributes ?? []).slice(0, max).map((a) => ({
      name: clip(a.name),
      value: clip(String(a.value)),
      nameI18nKey: a.nameI18nKey ?? i18nKey(I18N_PREFIX.attribute, a.name),
    })),
    source: clipOrNull(draft.source),
    method: draft.method,
    system: input.system,
  };
}
