import React from 'react';
import { Box, Heading, Inline, Label, Lozenge, SectionMessage, Stack, Text, Toggle, xcss } from '@forge/react';
import type { AuditToggles } from '../../domain/settings/model';
import { checkedValue } from '../components/events';
import type { SectionProps } from './section-props';

interface ToggleInfo {
  key: keyof AuditToggles;
  label: string;
  explanation: string;
  noisy?: boolean;
}

/** The six switchable event types of docs/audit-events.md, in the order of the Data Center app's Audit Logging tab. */
export const AUDIT_TOGGLES: ToggleInfo[] = [
  {
    key: 'successfulAuthentication',
    label: 'Successful authentication',
    explanation: 'Records every request a token authenticates: by far the busiest event; consider aggregating it below.',
  },
  {
    key: 'failedAuthentication',
    label: 'Failed authentication attempts',
    explanation: 'A well-formed token was refused: unknown, revoked, expired, or used from an address outside its allowlist.',
  },
  {
    key: 'failedCredentialVerification',
    label: 'Failed credential verification',
    explanation: 'Credentials that are not one of this app’s tokens at all, such as passwords or other tokens. Noisy; usually not advised.',
    noisy: true,
  },
  {
    key: 'permissionDenied',
    label: 'Permission denied',
    explanation: 'A token was used outside its scope, for example a read-only token sending a PUT request.',
  },
  {
    key: 'rateLimited',
    label: 'Rate limited',
    explanation: 'A token went over its rate limit and the request was refused with 429.',
  },
  {
    key: 'appApiCalls',
    label: 'App API calls',
    explanation:
      'Each call this app makes to Jira, with the reason it gives (x-audit-log-description), status and duration. So that browsing does not fill the log, the administrator check and the display-name lookups that page loads, searches and exports make are recorded only when they refuse or fail.',
  },
];

const rowStyle = xcss({ paddingBlock: 'space.050' });

export function AuditEventsSection({ form, onChange }: SectionProps): React.JSX.Element {
  return (
    <Stack space="space.150">
      <Heading as="h3" size="small">
        Authentication events
      </Heading>
      <Text>
        Creating, rotating, editing and revoking tokens, and changes to these settings, are always recorded. Choose which
        authentication events are recorded as well. All are off by default.
      </Text>
      <SectionMessage appearance="warning" title="Please consider carefully which events to record" testId="volume-warning">
        <Text>
          Depending on the number of requests and the event types, the audit log can grow very quickly. A long retention period
          combined with many recorded events uses more storage and makes searching slower. Failed credential verification in
          particular records every request that carries some other credential, and is usually not advised.
        </Text>
      </SectionMessage>
      <Stack space="space.050">
        {AUDIT_TOGGLES.map((info) => (
          <Box key={info.key} xcss={rowStyle}>
            <Inline space="space.150" alignBlock="start">
              <Toggle
                id={`toggle-${info.key}`}
                isChecked={form.audit[info.key]}
                onChange={(event) => onChange({ audit: { ...form.audit, [info.key]: checkedValue(event, form.audit[info.key]) } })}
                testId={`toggle-${info.key}`}
              />
              <Stack space="space.025">
                <Inline space="space.100" alignBlock="center">
                  <Label labelFor={`toggle-${info.key}`}>{info.label}</Label>
                  {info.noisy ? <Lozenge appearance="moved">Noisy</Lozenge> : null}
                </Inline>
                <Text size="small" color="color.text.subtle">
                  {info.explanation}
                </Text>
              </Stack>
            </Inline>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}
