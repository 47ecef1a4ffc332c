import React, { useState } from 'react';
import { router } from '@forge/bridge';
import { Box, Button, Heading, Inline, SectionMessage, Stack, Tab, TabList, TabPanel, Tabs, Text, xcss } from '@forge/react';
import { latestAllowedExpiry } from '../../domain/tokens/policies';
import type { Settings } from '../../domain/settings/model';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { TokensPanel } from '../components/TokensPanel';
import { useBootstrap } from '../components/useBootstrap';
import type { CreatePolicy } from '../components/CreateTokenModal';
import { AlertsTab } from './AlertsTab';
import { ApiCallsTab } from './ApiCallsTab';
import { DestinationsTab } from './DestinationsTab';
import { SettingsTab } from './SettingsTab';

const panelStyle = xcss({ paddingBlock: 'space.200' });

/** Admins are exempt from the creator and forced-scope policies; the maximum validity applies to every token. */
function adminCreatePolicy(settings: Settings): CreatePolicy {
  return {
    forcedScope: null,
    allowAuditRead: true,
    maxExpiresAt: latestAllowedExpiry(settings.policies, Date.now()),
    defaultRateLimit: settings.policies.defaultRateLimit,
  };
}

/**
 * The audit log is its own admin page (Custom UI). `router.navigate` with a module target lets Jira build
 * the URL: the page cannot know the app and environment ids that a hard-coded admin-page link would need.
 */
function openAuditLog(): void {
  void router.navigate({ target: 'module', moduleKey: 'audit-log' });
}

export function AdminApp(): React.JSX.Element {
  const { boot, retry } = useBootstrap('admin/bootstrap');
  const [settings, setSettings] = useState<Settings | null>(null);

  if (boot.state === 'loading') {
    return <LoadingState label="Loading API tokens and audit settings…" />;
  }
  if (boot.state === 'failed') {
    if (boot.error.code === 'FORBIDDEN') {
      return (
        <SectionMessage appearance="warning" title="You need to be a Jira administrator" testId="admin-forbidden">
          <Text>
            This page manages every API token on the site and what the audit log records. Ask a Jira administrator for access,
            or manage your own tokens under Personal settings → My API tokens.
          </Text>
        </SectionMessage>
      );
    }
    return <ErrorState title="This page could not be loaded" error={boot.error} onRetry={retry} testId="admin-error" />;
  }

  const data = boot.data;
  const current = settings ?? data.settings;
  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Heading as="h2">API tokens &amp; audit</Heading>
        <Button iconAfter="shortcut" onClick={openAuditLog} testId="open-audit-log">
          Open audit log
        </Button>
      </Inline>
      <Tabs id="admin-tabs" testId="admin-tabs">
        <TabList>
          <Tab testId="tab-tokens">Tokens</Tab>
          <Tab testId="tab-settings">Audit settings</Tab>
          <Tab testId="tab-api-calls">API calls</Tab>
          <Tab testId="tab-destinations">Destinations</Tab>
          <Tab testId="tab-alerts">Alerts</Tab>
        </TabList>
        <TabPanel testId="panel-tokens">
          <Box xcss={panelStyle}>
            <TokensPanel initial={data.tokens} withOwner createPolicy={adminCreatePolicy(current)} {...(data.expiring ? { expiring: data.expiring } : {})} />
          </Box>
        </TabPanel>
        <TabPanel testId="panel-settings">
          <Box xcss={panelStyle}>
            <SettingsTab initial={data.settings} creatorGroups={data.creatorGroups ?? []} onSaved={setSettings} />
          </Box>
        </TabPanel>
        <TabPanel testId="panel-api-calls">
          <Box xcss={panelStyle}>
            <ApiCallsTab catalog={data.catalog} recentCalls={data.recentCalls} />
          </Box>
        </TabPanel>
        <TabPanel testId="panel-destinations">
          <Box xcss={panelStyle}>
            <DestinationsTab />
          </Box>
        </TabPanel>
        <TabPanel testId="panel-alerts">
          <Box xcss={panelStyle}>
            <AlertsTab />
          </Box>
        </TabPanel>
      </Tabs>
    </Stack>
  );
}
