import React from 'react';
import { Heading, SectionMessage, Stack, Text } from '@forge/react';
import type { PersonalPolicyView } from '../../shared/resolvers';
import type { CreatePolicy } from '../components/CreateTokenModal';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { TokensPanel } from '../components/TokensPanel';
import { useBootstrap } from '../components/useBootstrap';
import { HygieneBanner } from './HygieneBanner';

/** The server computed the policy for this caller; the page only turns it into the form's limits. */
function personalCreatePolicy(policy: PersonalPolicyView, isAdmin: boolean): CreatePolicy | null {
  if (!policy.canCreate) return null;
  return {
    forcedScope: policy.forcedScope,
    allowAuditRead: isAdmin,
    maxExpiresAt: policy.maxExpiresAt === null ? null : Date.parse(policy.maxExpiresAt),
    defaultRateLimit: policy.defaultRateLimit,
  };
}

export function PersonalApp(): React.JSX.Element {
  const { boot, retry } = useBootstrap('personal/bootstrap');

  if (boot.state === 'loading') return <LoadingState label="Loading your API tokens…" />;
  if (boot.state === 'failed') {
    return <ErrorState title="Your API tokens could not be loaded" error={boot.error} onRetry={retry} testId="personal-error" />;
  }

  const { tokens, policy, me, notices } = boot.data;
  return (
    <Stack space="space.200">
      <Heading as="h2">My API tokens</Heading>
      <HygieneBanner notices={notices} />
      <TokensPanel
        initial={tokens}
        withOwner={false}
        createPolicy={personalCreatePolicy(policy, me.isAdmin)}
        cannotCreate={
          <SectionMessage appearance="information" title="Creating tokens is limited" testId="cannot-create">
            <Text>
              Your Jira administrator lets only members of selected groups create API tokens. Ask them to add you to one of those
              groups, or to create a token for you. You can still see, rotate and revoke the tokens you have.
            </Text>
          </SectionMessage>
        }
      />
    </Stack>
  );
}
