import { AUDIT_ACTIONS, type AuditEvent, type AuditEventDraft } from './model';

/** i18n keys in Atlassian Audit's style: a stable, lower-case dotted key per category and action. */
export function i18nKey(prefix: string, text: string): string {
  return `${prefix}.${text.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}`;
}

/** Turns a producer's draft into a full event in Atlassian Audit's entity shape. */
export function buildEvent(draft: AuditEventDraft, input: { id: string; now: number; system: string }): AuditEvent {
  const { category, action } = AUDIT_ACTIONS[draft.action];
  return {
    id: input.id,
    timestamp: new Date(input.now).toISOString(),
    author: draft.author,
    type: {
      category,
      action,
      categoryI18nKey: i18nKey('api-token-audit.category', category),
      actionI18nKey: i18nKey('api-token-audit.action', action),
    },
    affectedObjects: draft.affectedObjects ?? [],
    changedValues: draft.changedValues ?? [],
    extraAttributes: draft.extraAttributes ?? [],
    source: draft.source ?? null,
    method: draft.method,
    system: input.system,
  };
}
