/**
 * The egress domains manifest.yml declares (`permissions.external.fetch.backend`): SIEM destinations
 * and alert webhooks, and the check a SIEM destination URL must pass before it is saved (alert
 * webhooks: domain/alerts/webhook.ts). Kept identical to the manifest by
 * test/domain/siem/egress.test.ts. Wildcards as Forge matches them: `*.example.com` is any
 * subdomain of example.com (not example.com itself).
 */
export const SIEM_EGRESS: readonly string[] = [
  'https://*.splunkcloud.com',
  'https://http-intake.logs.datadoghq.com',
  'https://http-intake.logs.us3.datadoghq.com',
  'https://http-intake.logs.us5.datadoghq.com',
  'https://http-intake.logs.datadoghq.eu',
  'https://http-intake.logs.ap1.datadoghq.com',
  'https://http-intake.logs.ddog-gov.com',
  'https://*.elastic-cloud.com',
  'https://*.cloud.es.io',
  'https://*.ingest.monitor.azure.com',
];

/**
 * Alert webhooks (docs/tokens.md): Slack incoming webhooks; Microsoft Teams connector webhooks
 * (`<tenant>.webhook.office.com`) and the Workflows / Power Automate webhook URLs that replace them
 * (`prod-NN.<region>.logic.azure.com`, `<environment>.environment.api.powerplatform.com`).
 */
export const ALERT_WEBHOOK_EGRESS = {
  slack: ['https://hooks.slack.com'],
  teams: ['https://*.webhook.office.com', 'https://*.logic.azure.com', 'https://*.environment.api.powerplatform.com'],
} as const;

/** Everything the manifest declares, in its order. */
export const DECLARED_EGRESS: readonly string[] = [...SIEM_EGRESS, ...ALERT_WEBHOOK_EGRESS.slack, ...ALERT_WEBHOOK_EGRESS.teams];

export function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * A destination URL is HTTPS on a declared domain. `localOpenings` (`host:port`) is the local
 * host's LOCAL_EGRESS_ALLOW, which the platform does not have: there such a URL would be refused.
 */
export function checkDestinationUrl(raw: string, localOpenings: readonly string[] = []): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: `"${raw}" is not a URL.` };
  }
  if (url.username || url.password) return { ok: false, message: 'Put the credential in the credential field, not in the URL.' };
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (localOpenings.includes(`${url.hostname.toLowerCase()}:${port}`)) return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, message: 'The URL must start with https://.' };
  const host = url.hostname.toLowerCase();
  const allowed = SIEM_EGRESS.some((entry) => hostMatches(entry.replace(/^https:\/\//, '').split('/')[0].toLowerCase(), host));
  if (!allowed) {
    const domains = SIEM_EGRESS.map((entry) => entry.replace('https://', '')).join(', ');
    return { ok: false, message: `${host} is not a domain this app may send to. Forge apps reach only the domains their manifest declares: ${domains}.` };
  }
  return { ok: true, url };
}
