/**
 * The admin page's "API calls" tab (docs/api-calls.md): every Jira API call the app may make and why,
 * with the vendor's support link, and under it the calls it recently made (when "App API calls" auditing is on).
 */
import React from 'react';
import { Code, DynamicTable, EmptyState, Heading, Inline, Link, Lozenge, Stack, Text } from '@forge/react';
import { ATTRIBUTES, type AuditEvent } from '../../domain/audit/model';
import type { DataOf, OutboundCallView } from '../../shared/resolvers';
import { formatDateTime } from '../components/format';

export interface ApiCallsTabProps {
  catalog: DataOf<'outbound/catalog'>;
  recentCalls: AuditEvent[];
}

const ACTOR_LABEL: Record<OutboundCallView['actor'], string> = { app: 'App', user: 'User' };
const ORIGIN_LABEL: Record<OutboundCallView['origin'], string> = { backend: 'Back end', frontend: 'Front end' };

const catalogHead = {
  cells: [
    { key: 'call', content: 'Call' },
    { key: 'method', content: 'Method' },
    { key: 'route', content: 'Route' },
    { key: 'actor', content: 'Runs as' },
    { key: 'origin', content: 'From' },
    { key: 'why', content: 'Why the app makes it' },
  ],
};

function catalogRows(calls: OutboundCallView[]): Array<{ key: string; cells: Array<{ key: string; content: React.ReactNode }> }> {
  return calls.map((call) => ({
    key: call.id,
    cells: [
      { key: 'call', content: <Code>{call.id}</Code> },
      { key: 'method', content: <Text>{call.method}</Text> },
      { key: 'route', content: <Code>{call.route}</Code> },
      { key: 'actor', content: <Lozenge appearance={call.actor === 'app' ? 'default' : 'inprogress'}>{ACTOR_LABEL[call.actor]}</Lozenge> },
      { key: 'origin', content: <Text>{ORIGIN_LABEL[call.origin]}</Text> },
      { key: 'why', content: <Text>{call.description}</Text> },
    ],
  }));
}

const recentHead = {
  cells: [
    { key: 'time', content: 'When' },
    { key: 'call', content: 'Call' },
    { key: 'path', content: 'Request' },
    { key: 'status', content: 'Status' },
    { key: 'duration', content: 'Duration' },
    { key: 'actor', content: 'Runs as' },
  ],
};

function attribute(event: AuditEvent, name: string): string {
  return event.extraAttributes.find((extra) => extra.name === name)?.value ?? '';
}

function statusAppearance(status: string): 'success' | 'moved' | 'removed' | 'default' {
  const code = Number(status);
  if (!Number.isInteger(code)) return 'removed';
  if (code < 300) return 'success';
  if (code === 429) return 'moved';
  return code >= 400 ? 'removed' : 'default';
}

function recentRows(events: AuditEvent[]): Array<{ key: string; cells: Array<{ key: string; content: React.ReactNode }> }> {
  return events.map((event) => {
    const status = attribute(event, ATTRIBUTES.statusCode);
    const duration = attribute(event, ATTRIBUTES.durationMs);
    const actor = attribute(event, ATTRIBUTES.actor);
    return {
      key: event.id,
      cells: [
        { key: 'time', content: <Text>{formatDateTime(Date.parse(event.timestamp))}</Text> },
        { key: 'call', content: <Code>{attribute(event, ATTRIBUTES.callId)}</Code> },
        { key: 'path', content: <Code>{`${attribute(event, ATTRIBUTES.requestMethod)} ${attribute(event, ATTRIBUTES.requestPath)}`}</Code> },
        { key: 'status', content: <Lozenge appearance={statusAppearance(status)}>{status || 'none'}</Lozenge> },
        { key: 'duration', content: <Text>{duration ? `${duration} ms` : '—'}</Text> },
        { key: 'actor', content: <Text>{actor === 'user' ? `User (${event.author.name})` : 'App'}</Text> },
      ],
    };
  });
}

export function ApiCallsTab({ catalog, recentCalls }: ApiCallsTabProps): React.JSX.Element {
  return (
    <Stack space="space.300" testId="api-calls-tab">
      <Stack space="space.100">
        <Heading as="h3">Jira API calls this app may make</Heading>
        <Text>
          Every call below is the only way the app talks to Jira. Each one sends its explanation with the request, in the
          x-audit-log-description header, so that it can be traced in your logs.
        </Text>
        <Inline space="space.050">
          <Text>Questions about these calls?</Text>
          <Link href={catalog.supportUrl} openNewTab>
            Contact the vendor&apos;s support
          </Link>
        </Inline>
      </Stack>
      <DynamicTable testId="api-calls-catalog" caption="API call catalog" head={catalogHead} rows={catalogRows(catalog.calls)} />

      <Stack space="space.100">
        <Heading as="h3">Recently recorded calls</Heading>
        {recentCalls.length === 0 ? (
          <EmptyState
            testId="api-calls-empty"
            header="No API calls recorded"
            description='Turn on "App API calls" in Audit settings to record each call the app makes to Jira. Recorded calls appear here and in the audit log.'
          />
        ) : (
          <DynamicTable testId="api-calls-recent" caption="Most recent API calls" head={recentHead} rows={recentRows(recentCalls)} />
        )}
      </Stack>
    </Stack>
  );
}
