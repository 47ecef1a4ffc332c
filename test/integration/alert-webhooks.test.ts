/**
 * Alert delivery to Slack and Microsoft Teams webhooks (docs/tokens.md) through the local host:
 * the real @forge/events queue and consumer with the platform's retries, real egress to receivers
 * started here (allowed through LOCAL_EGRESS_ALLOW), the URL kept as a secret, and the delivery
 * state shown with the alert.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import type { AlertView } from '../../src/domain/alerts/model';
import { MAX_DELIVERY_ATTEMPTS, type AlertWebhook } from '../../src/domain/alerts/webhook';
import { startHost, type TestHost } from '../support/host';
import { createToken, revokeToken, verify } from './support/verification';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

interface ChatReceiver {
  url: string;
  hostPort: string;
  received: Received[];
  /** The next n requests are answered with this status. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

async function startChatReceiver(): Promise<ChatReceiver> {
  const received: Received[] = [];
  let failing = 0;
  let failStatus = 500;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = failing > 0 ? failStatus : 200;
      if (failing > 0) failing -= 1;
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver refused');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    received,
    failNext(n, status = 500) {
      failing = n;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

let host: TestHost;
let slack: ChatReceiver;
let teams: ChatReceiver;
const saved = { allow: process.env.LOCAL_EGRESS_ALLOW, scale: process.env.LOCAL_QUEUE_TIME_SCALE };
const SLACK_SECRET_PATH = '/services/T000/B000/slack-secret-part';
const TEAMS_SECRET_PATH = '/workflows/teams-secret-part/triggers/manual/paths/invoke?sig=teams-signature';

function call<T>(functionKey: string, payload: unknown, accountId = 'local-admin'): Promise<Result<T>> {
  return host.invoke<Result<T>>('api-token-admin', functionKey, payload, { accountId });
}

async function drain(): Promise<void> {
  const response = await fetch(`${host.url}/api/queues/drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeoutMs: 60_000 }) });
  expect(response.status).toBe(200);
}

async function alertOf(tokenId: string): Promise<AlertView> {
  const result = await call<{ alerts: AlertView[] }>('alerts/list', { status: 'open' });
  if (!result.ok) throw new Error(result.error.message);
  const alert = result.data.alerts.find((item) => item.tokenId === tokenId);
  if (!alert) throw new Error('no alert');
  return alert;
}

/** A revoked token presented: one new alert. */
async function raiseAlert(): Promise<string> {
  const { token, secret } = await createToken(host, { description: `Webhook test ${Math.random()}` });
  await revokeToken(host, token.id);
  expect((await verify(host, secret)).json().code).toBe('REVOKED_TOKEN');
  return token.id;
}

beforeAll(async () => {
  slack = await startChatReceiver();
  teams = await startChatReceiver();
  process.env.LOCAL_EGRESS_ALLOW = [slack.hostPort, teams.hostPort].join(',');
  process.env.LOCAL_QUEUE_TIME_SCALE = '0.001';
  host = await startHost();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await host.stop();
  await slack.close();
  await teams.close();
  process.env.LOCAL_EGRESS_ALLOW = saved.allow;
  process.env.LOCAL_QUEUE_TIME_SCALE = saved.scale;
});

describe('alert webhooks', () => {
  it('refuses URLs off the declared webhook domains, plain http, and a new webhook without a URL; admins only', async () => {
    const save = (webhook: unknown, accountId?: string) => call<{ webhook: AlertWebhook }>('alerts/webhooks/save', { webhook }, accountId);
    expect(await save({ kind: 'slack', name: 'x', url: 'https://hooks.slack.com.evil.example/services/x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save({ kind: 'slack', name: 'x', url: 'https://acme.webhook.office.com/webhookb2/x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save({ kind: 'teams', name: 'x', url: 'http://acme.webhook.office.com/webhookb2/x' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
    expect(await save({ kind: 'teams', name: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save({ kind: 'teams', name: 'x', url: 'https://x.webhook.office.com/a', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await save({ kind: 'slack', name: 'x', url: `${slack.url}${SLACK_SECRET_PATH}` }, 'bob')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('alerts/webhooks/list', {}, 'alice')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('delivers each new alert to Slack and Teams with its sentence, the admin page link and the catalog header, never returning the URL', async () => {
    const slackHook = await call<{ webhook: AlertWebhook }>('alerts/webhooks/save', { webhook: { kind: 'slack', name: 'Security channel', url: `${slack.url}${SLACK_SECRET_PATH}` } });
    const teamsHook = await call<{ webhook: AlertWebhook }>('alerts/webhooks/save', { webhook: { kind: 'teams', name: 'Teams SOC', url: `${teams.url}${TEAMS_SECRET_PATH}` } });
    expect(slackHook.ok && teamsHook.ok).toBe(true);
    const listed = await call<{ webhooks: AlertWebhook[] }>('alerts/webhooks/list', {});
    expect(JSON.stringify(listed)).not.toContain('secret-part');
    expect(JSON.stringify(slackHook)).not.toContain('secret-part');

    const tokenId = await raiseAlert();
    await drain();
    const alert = await alertOf(tokenId);
    expect(alert.delivery).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });

    const [toSlack] = slack.received.filter((r) => r.body.includes(tokenId));
    expect(toSlack.path).toBe(SLACK_SECRET_PATH);
    expect(toSlack.headers['x-audit-log-description']).toBe(OUTBOUND_CATALOG['alerts.slack.send'].description);
    const slackBody = JSON.parse(toSlack.body) as { text: string };
    expect(slackBody.text).toContain(alert.sentence);
    expect(slackBody.text).toMatch(/\/jira\/settings\/apps\//);

    const [toTeams] = teams.received.filter((r) => r.body.includes(tokenId));
    expect(toTeams.path).toBe(TEAMS_SECRET_PATH);
    expect(toTeams.headers['x-audit-log-description']).toBe(OUTBOUND_CATALOG['alerts.teams.send'].description);
    const card = (JSON.parse(toTeams.body) as { attachments: Array<{ content: { body: Array<{ text?: string; inlines?: Array<{ text: string }> }>; actions: Array<{ url: string }> } }> }).attachments[0].content;
    expect(card.body.flatMap((block) => (block.inlines ? block.inlines.map((run) => run.text) : [block.text]))).toContain(alert.sentence);
    expect(card.actions[0].url).toMatch(/\/jira\/settings\/apps\//);
  });

  it('retries a webhook that failed, without sending again to the one that accepted, and shows the attempts', async () => {
    teams.failNext(2, 503);
    const tokenId = await raiseAlert();
    await drain();
    expect(slack.received.filter((r) => r.body.includes(tokenId)).map((r) => r.status)).toEqual([200]);
    expect(teams.received.filter((r) => r.body.includes(tokenId)).map((r) => r.status)).toEqual([503, 503, 200]);
    expect((await alertOf(tokenId)).delivery).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts and shows why on the alert and on the webhook`, async () => {
    teams.failNext(100, 500);
    const tokenId = await raiseAlert();
    await drain();
    expect(teams.received.filter((r) => r.body.includes(tokenId))).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const { delivery } = await alertOf(tokenId);
    expect(delivery).toMatchObject({ state: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, lastError: expect.stringContaining('Teams SOC: The webhook answered 500') });
    expect(delivery?.lastError).not.toContain('secret-part');
    const listed = await call<{ webhooks: AlertWebhook[] }>('alerts/webhooks/list', {});
    expect(listed.ok && listed.data.webhooks.find((hook) => hook.name === 'Teams SOC')?.last).toMatchObject({ ok: false });
    teams.failNext(0);
  });

  it('sends a test message on request, and removes a webhook with its secret', async () => {
    const listed = await call<{ webhooks: AlertWebhook[] }>('alerts/webhooks/list', {});
    const hook = listed.ok ? listed.data.webhooks.find((item) => item.kind === 'slack') : undefined;
    const before = slack.received.length;
    expect(await call('alerts/webhooks/test', { webhookId: hook?.id })).toMatchObject({ ok: true, data: { delivered: true } });
    expect(slack.received.slice(before).map((r) => r.body).join()).toContain('Test message');
    const storeNow = async () => (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { secrets: string[]; keys: unknown[]; entities: unknown[] };
    const before2 = await storeNow();
    // The URL is a secret (listed by name only), and no plain key or entity holds it.
    expect(before2.secrets).toContain(`alert-webhook-url:${hook?.id}`);
    expect(JSON.stringify([before2.keys, before2.entities])).not.toContain('secret-part');
    expect(await call('alerts/webhooks/remove', { webhookId: hook?.id })).toMatchObject({ ok: true });
    expect((await storeNow()).secrets).not.toContain(`alert-webhook-url:${hook?.id}`);
    expect(await call('alerts/webhooks/test', { webhookId: hook?.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
