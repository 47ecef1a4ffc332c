import React from 'react';
import { Button, Inline, SectionMessage, Text } from '@forge/react';
import type { ExpiringCount } from '../../shared/resolvers';

/**
 * The admin page's count of live tokens that stop working within the widest reminder day, with a
 * button that opens them in the list (the "Expiring" filter, the same index range as the count).
 */
export function ExpiringCountMessage({ expiring, onShow }: { expiring: ExpiringCount | undefined; onShow: (days: number) => void }): React.JSX.Element | null {
  if (!expiring || expiring.count === 0) return null;
  const { count, complete, withinDays } = expiring;
  const amount = complete ? String(count) : `At least ${count}`;
  const days = withinDays === 1 ? '1 day' : `${withinDays} days`;
  return (
    <SectionMessage appearance="warning" testId="expiring-count">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Text>{`${amount} ${count === 1 && complete ? 'token stops' : 'tokens stop'} working within ${days}. Their owners are reminded.`}</Text>
        <Button spacing="compact" onClick={() => onShow(withinDays)} testId="expiring-show">
          Show them
        </Button>
      </Inline>
    </SectionMessage>
  );
}
