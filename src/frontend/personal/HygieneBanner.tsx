import React from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import type { HygieneNotices } from '../../shared/resolvers';
import { formatDateTime } from '../components/format';

/**
 * The owner's banner (docs/tokens.md): their tokens that stop working soon, and those the daily run
 * will revoke for not being used. Nothing is shown when there is nothing to say.
 */
export function HygieneBanner({ notices }: { notices: HygieneNotices | undefined }): React.JSX.Element | null {
  if (!notices || (notices.expiring.length === 0 && notices.unused.length === 0)) return null;
  const { expiring, unused } = notices;
  return (
    <Stack space="space.100">
      {expiring.length > 0 ? (
        <SectionMessage
          appearance="warning"
          title={expiring.length === 1 ? 'A token of yours expires soon' : `${expiring.length} tokens of yours expire soon`}
          testId="expiring-banner"
        >
          <Stack space="space.050">
            {expiring.map((notice) => (
              <Text key={notice.tokenId}>{`“${notice.description}” (${notice.hint}) stops working on ${formatDateTime(notice.endsAt)}.`}</Text>
            ))}
            <Text>Rotate a token before it expires to keep your scripts working with a new secret.</Text>
          </Stack>
        </SectionMessage>
      ) : null}
      {unused.length > 0 ? (
        <SectionMessage
          appearance="warning"
          title={unused.length === 1 ? 'A token of yours will be revoked because it is not used' : `${unused.length} tokens of yours will be revoked because they are not used`}
          testId="unused-banner"
        >
          <Stack space="space.050">
            {unused.map((notice) => (
              <Text key={notice.tokenId}>
                {`“${notice.description}” (${notice.hint}) has not been used since ${formatDateTime(notice.idleSince)} and will be revoked on or after ${formatDateTime(notice.revokeAfter)}.`}
              </Text>
            ))}
            <Text>{`Your administrator revokes tokens unused for ${unused[0].days} days. Using a token keeps it; revoke those you no longer need.`}</Text>
          </Stack>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
