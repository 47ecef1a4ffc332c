/**
 * Alert delivery to chat (docs/tokens.md): Slack incoming webhooks and Microsoft Teams (Office 365
 * connector incoming webhooks, and the Workflows / Power Automate "when a webhook request is
 * received" URLs that replace them). The webhook URL is the credential: it is kept as a Forge
 * secret and never returned to the page. What is sent: the alert's sentence and a link to the
 * admin page. Pure; the egress list is kept identical to manifest.yml by a test.
 */
import { ALERT_WEBHOOK_EGRESS, hostMatches } from '../siem/egress';
import type { Alert } from './model';

export const WEBHOOK_KINDS = ['slack', 'teams'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** The egress manifest.yml declares for each kind (domain/siem/egress.ts keeps the whole list). */
export const WEBHOOK_EGRESS: Record<WebhookKind, readonly string[]> = ALERT_WEBHOOK_EGRESS;

/** Delivery attempts per alert and webhook: the first and the queue's retries (docs/tokens.md). */
export const MAX_DELIVERY_ATTEMPTS = 5;

export interface AlertWebhook {
  id: string;
  kind: WebhookKind;
  name: string;
  createdAt: number;
  /** The admin page of this site, for the message's link (known when an admin saves the webhook). */
  adminPageUrl: string;
  /** The last delivery to this webhook: when, whether it was accepted, and why not. */
  last: { at: number; ok: boolean; message: string } | null;
}

export interface WebhookRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A webhook URL is HTTPS on a domain declared for its kind. `localOpenings` (`host:port`) is the
 * local host's LOCAL_EGRESS_ALLOW, which the platform does not have.
 */
export function checkWebhookUrl(kind: WebhookKind, raw: string, localOpenings: readonly string[] = []): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: 'This is not a URL.' };
  }
  if (url.username || url.password) return { ok: false, message: 'A webhook URL carries no user name or password.' };
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (localOpenings.includes(`${url.hostname.toLowerCase()}:${port}`)) return { ok: true, url: url.toString() };
  if (url.protocol !== 'https:') return { ok: false, message: 'The URL must start with https://.' };
  const host = url.hostname.toLowerCase();
  const declared = WEBHOOK_EGRESS[kind].map((entry) => entry.replace(/^https:\/\//, ''));
  if (!declared.some((pattern) => hostMatches(pattern, host))) {
    return { ok: false, message: `${host} is not a ${kind === 'slack' ? 'Slack' : 'Microsoft Teams'} webhook domain this app may send to: ${declared.join(', ')}.` };
  }
  return { ok: true, url: url.toString() };
}

/**
 * Slack reads `<…>` in message text as mentions and links (`<!channel>`, `<https://x|label>`), and
 * an alert's sentence quotes a token description any token owner chose: escaped as Slack documents
 * ("&", "<", ">"), the sentence stays text and cannot ping a channel or disguise a link.
 */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message for one alert: its sentence and a link to the admin page, in the format the kind expects. */
export function webhookRequest(kind: WebhookKind, alert: Pick<Alert, 'sentence' | 'signal' | 'id'>, adminPageUrl: string): WebhookRequest {
  const headers = { 'content-type': 'application/json' };
  const title = 'API Token Audit: security alert';
  if (kind === 'slack') {
    return {
      method: 'POST',
      headers,
      body: JSON.stringify({
        text: `${title}: ${slackText(alert.sentence)} <${adminPageUrl}|Open the Alerts tab>`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${slackText(alert.sentence)}` } },
          { type: 'section', text: { type: 'mrkdwn', text: `<${adminPageUrl}|Open the Alerts tab> (alert ${alert.id})` } },
        ],
      }),
    };
  }
  // An Adaptive Card in a message: what Teams Workflows webhooks require and connector webhooks accept.
  return {
    method: 'POST',
    headers,
    body: JSON.stringify({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', weight: 'Bolder', text: title, wrap: true },
              // A TextRun is plain text (a TextBlock would render markdown links from a token description).
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: alert.sentence }] },
              { type: 'TextBlock', text: `Alert ${alert.id}`, isSubtle: true, wrap: true },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open the Alerts tab', url: adminPageUrl }],
          },
        },
      ],
    }),
  };
}
