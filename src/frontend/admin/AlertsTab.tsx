/**
 * The "Alerts" tab (docs/tokens.md): security alerts raised by the verification path, open or
 * acknowledged, each with its sentence, its webhook delivery state and a way to its events in the
 * audit log; "Acknowledge" closes one (audited). Below, the Slack and Microsoft Teams webhooks that
 * receive new alerts: the URL is sent once and never shown again.
 */
import React, { useState } from 'react';
import { router } from '@forge/bridge';
import { Button, DynamicTable, Heading, Inline, Label, Lozenge, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import { SIGNAL_TITLES, type AlertStatus, type AlertView } from '../../domain/alerts/model';
import type { AlertWebhook, WebhookKind } from '../../domain/alerts/webhook';
import { alertEventsFilters, formatAuditLink } from '../../shared/audit-link';
import { invoke } from '../invoke';
import { findOption, inputValue, optionValue, type SelectOption } from '../components/events';

const STATUS_OPTIONS: Array<SelectOption<AlertStatus>> = [
  { label: 'Open', value: 'open' },
  { label: 'Acknowledged', value: 'acknowledged' },
];

const KIND_OPTIONS: Array<SelectOption<WebhookKind>> = [
  { label: 'Slack incoming webhook', value: 'slack' },
  { label: 'Microsoft Teams webhook (Workflows or connector)', value: 'teams' },
];

const URL_HINT: Record<WebhookKind, string> = {
  slack: 'https://hooks.slack.com/services/…',
  teams: 'https://<tenant>.webhook.office.com/… or https://prod-NN.<region>.logic.azure.com/workflows/…',
};

function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : new Date(ms).toLocaleString();
}

function deliveryText(alert: AlertView): string {
  const d = alert.delivery;
  if (!d) return 'Not sent (no webhook)';
  if (d.state === 'delivered') return `Delivered (${d.attempts} attempt${d.attempts === 1 ? '' : 's'})`;
  if (d.state === 'pending') return `Retrying after ${d.attempts} failed attempt${d.attempts === 1 ? '' : 's'}: ${d.lastError ?? ''}`;
  return `Failed after ${d.attempts} attempts: ${d.lastError ?? ''}`;
}

/** Who acknowledged: the display name Jira gave for the account, else the account id. */
function acknowledgerName(alert: AlertView, names: Readonly<Record<string, string>>): string {
  const id = alert.acknowledgedBy;
  if (!id) return '—';
  return Object.hasOwn(names, id) && names[id] !== '' ? names[id] : id;
}

/**
 * The audit log is its own admin page (Custom UI); Jira builds its URL. `path` (a deep link into the
 * module, @forge/bridge 6.3+) carries the filter that lists the alert's event: its token, its signal's
 * action, its UTC day (src/shared/audit-link.ts). The page reads it back with `view.createHistory()`.
 */
function openAuditLog(alert: AlertView): void {
  void router.navigate({ target: 'module', moduleKey: 'audit-log', path: formatAuditLink(alertEventsFilters(alert)) });
}

export function AlertsTab(): React.JSX.Element {
  const [status, setStatus] = useState<AlertStatus>('open');
  const [alerts, setAlerts] = useState<AlertView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [webhooks, setWebhooks] = useState<AlertWebhook[] | null>(null);
  const [message, setMessage] = useState<{ appearance: 'error' | 'success'; text: string } | null>(null);
  const [form, setForm] = useState<{ kind: WebhookKind; name: string; url: string }>({ kind: 'slack', name: '', url: '' });

  // Loaded when asked: every tab panel renders with the page, and the page's first render is one invocation (docs/performance.md).
  const load = async (wanted: AlertStatus, after: string | null = null): Promise<void> => {
    const [page, hooks] = await Promise.all([invoke('alerts/list', { status: wanted, ...(after ? { cursor: after } : {}) }), after ? null : invoke('alerts/webhooks/list', {})]);
    if (!page.ok) {
      setMessage({ appearance: 'error', text: page.error.message });
      return;
    }
    setAlerts(after ? [...(alerts ?? []), ...page.data.alerts] : page.data.alerts);
    setCursor(page.data.cursor);
    setNames((known) => ({ ...known, ...page.data.acknowledgerNames }));
    if (hooks) {
      if (hooks.ok) setWebhooks(hooks.data.webhooks);
      else setMessage({ appearance: 'error', text: hooks.error.message });
    }
  };

  const acknowledge = async (alert: AlertView): Promise<void> => {
    const result = await invoke('alerts/acknowledge', { alertId: alert.id });
    if (!result.ok) {
      setMessage({ appearance: 'error', text: result.error.message });
      return;
    }
    setMessage({ appearance: 'success', text: `Acknowledged: ${SIGNAL_TITLES[alert.signal]} for "${alert.tokenDescription}".` });
    setAlerts((alerts ?? []).filter((item) => item.id !== alert.id || status === 'acknowledged'));
  };

  const saveWebhook = async (): Promise<void> => {
    const result = await invoke('alerts/webhooks/save', { webhook: { kind: form.kind, name: form.name, url: form.url } });
    if (!result.ok) {
      setMessage({ appearance: 'error', text: result.error.message });
      return;
    }
    setForm({ ...form, name: '', url: '' });
    setMessage({ appearance: 'success', text: `Saved "${result.data.webhook.name}". New alerts will be posted there.` });
    const hooks = await invoke('alerts/webhooks/list', {});
    if (hooks.ok) setWebhooks(hooks.data.webhooks);
  };

  const webhookAction = async (label: string, run: () => Promise<{ ok: boolean; text: string }>): Promise<void> => {
    const outcome = await run();
    setMessage({ appearance: outcome.ok ? 'success' : 'error', text: `${label}: ${outcome.text}` });
    const hooks = await invoke('alerts/webhooks/list', {});
    if (hooks.ok) setWebhooks(hooks.data.webhooks);
  };

  const rows = (alerts ?? []).map((alert) => ({
    key: alert.id,
    cells: [
      { key: 'when', content: <Text>{when(alert.createdAt)}</Text> },
      {
        key: 'signal',
        content: <Lozenge appearance={alert.status === 'open' ? 'moved' : 'default'}>{SIGNAL_TITLES[alert.signal]}</Lozenge>,
      },
      { key: 'sentence', content: <Text>{alert.sentence}</Text> },
      { key: 'delivery', content: <Text>{deliveryText(alert)}</Text> },
      {
        key: 'actions',
        content: (
          <Inline space="space.100">
            {alert.status === 'open' ? (
              <Button testId={`alert-acknowledge-${alert.id}`} appearance="primary" onClick={() => void acknowledge(alert)}>
                Acknowledge
              </Button>
            ) : (
              <Text>{`Acknowledged ${when(alert.acknowledgedAt)} by ${acknowledgerName(alert, names)}`}</Text>
            )}
            <Button testId={`alert-events-${alert.id}`} appearance="subtle" iconAfter="shortcut" onClick={() => openAuditLog(alert)}>
              {`Events of token ${alert.tokenId}`}
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  const webhookRows = (webhooks ?? []).map((hook) => ({
    key: hook.id,
    cells: [
      { key: 'name', content: <Text>{hook.name}</Text> },
      { key: 'kind', content: <Text>{KIND_OPTIONS.find((k) => k.value === hook.kind)?.label ?? hook.kind}</Text> },
      { key: 'last', content: <Text>{hook.last ? `${when(hook.last.at)}: ${hook.last.message}` : 'Nothing sent yet'}</Text> },
      {
        key: 'actions',
        content: (
          <Inline space="space.100">
            <Button
              testId={`webhook-test-${hook.id}`}
              onClick={() =>
                void webhookAction('Send test message', async () => {
                  const r = await invoke('alerts/webhooks/test', { webhookId: hook.id });
                  return r.ok ? { ok: r.data.delivered, text: r.data.message } : { ok: false, text: r.error.message };
                })
              }
            >
              Send test message
            </Button>
            <Button
              testId={`webhook-remove-${hook.id}`}
              appearance="subtle"
              onClick={() =>
                void webhookAction('Remove', async () => {
                  const r = await invoke('alerts/webhooks/remove', { webhookId: hook.id });
                  return r.ok ? { ok: true, text: `${hook.name} removed with its URL.` } : { ok: false, text: r.error.message };
                })
              }
            >
              Remove
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.200">
      <Text>
        Raised by token verification, at most once per token, signal and day: a revoked or expired token still presented, a token used from a network
        it has not used recently, a burst of failed verifications. Each is also a Security alerts event in the audit log.
      </Text>
      {message ? (
        <SectionMessage appearance={message.appearance} testId="alerts-message">
          <Text>{message.text}</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.100" alignBlock="end">
        <Stack>
          <Label labelFor="alerts-status">Show</Label>
          <Select
            inputId="alerts-status"
            options={STATUS_OPTIONS}
            value={findOption(STATUS_OPTIONS, status)}
            onChange={(option: unknown) => {
              const next = STATUS_OPTIONS.find((o) => o.value === optionValue(option));
              if (!next) return;
              setStatus(next.value);
              if (alerts !== null) void load(next.value);
            }}
            testId="alerts-status"
          />
        </Stack>
        <Button testId="alerts-load" onClick={() => void load(status)}>
          {alerts === null ? 'Show alerts' : 'Refresh'}
        </Button>
      </Inline>
      <DynamicTable
        testId="alerts-table"
        head={{ cells: ['Raised', 'Signal', 'Alert', 'Delivery to webhooks', ''].map((content, i) => ({ key: String(i), content })) }}
        rows={rows}
      />
      {alerts !== null && alerts.length === 0 ? <Text>{status === 'open' ? 'No open alert.' : 'No acknowledged alert.'}</Text> : null}
      {cursor ? (
        <Inline>
          <Button testId="alerts-more" onClick={() => void load(status, cursor)}>
            Show more
          </Button>
        </Inline>
      ) : null}
      <Heading as="h3">Webhooks</Heading>
      <Text>New alerts are posted to these Slack and Microsoft Teams webhooks with their sentence and a link to this page. Failed posts are retried.</Text>
      {webhooks !== null ? (
        <DynamicTable
          testId="webhooks-table"
          head={{ cells: ['Name', 'Kind', 'Last delivery', ''].map((content, i) => ({ key: String(i), content })) }}
          rows={webhookRows}
        />
      ) : null}
      {webhooks !== null && webhooks.length === 0 ? <Text>No webhook yet.</Text> : null}
      <Label labelFor="webhook-kind">Kind</Label>
      <Select
        inputId="webhook-kind"
        options={KIND_OPTIONS}
        value={findOption(KIND_OPTIONS, form.kind)}
        onChange={(option: unknown) => {
          const kind = KIND_OPTIONS.find((k) => k.value === optionValue(option));
          if (kind) setForm({ ...form, kind: kind.value });
        }}
        testId="webhook-kind"
      />
      <Label labelFor="webhook-name">Name</Label>
      <Textfield id="webhook-name" value={form.name} onChange={(e: unknown) => setForm({ ...form, name: inputValue(e) })} testId="webhook-name" />
      <Label labelFor="webhook-url">Webhook URL ({URL_HINT[form.kind]}; stored as a secret, never shown again)</Label>
      <Textfield id="webhook-url" type="password" value={form.url} onChange={(e: unknown) => setForm({ ...form, url: inputValue(e) })} testId="webhook-url" />
      <Inline>
        <Button appearance="primary" testId="webhook-save" onClick={() => void saveWebhook()}>
          Save webhook
        </Button>
      </Inline>
    </Stack>
  );
}
