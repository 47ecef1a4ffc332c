import React from 'react';
import { BarChart, Stack, Text } from '@forge/react';
import type { TokenView } from '../../shared/resolvers';

/** Short enough for 30 bars in a table cell: `11-22` for 22 November (days are UTC, docs/tokens.md). */
const shortDay = (day: string): string => day.slice(5);

/**
 * Verified requests per UTC day over the last 30 days (token.usage.requestsPerDay, 30 entries
 * ending with the server's today), with the total in words beside it for readers who do not see
 * the chart. No chart for a token without requests in that time: 30 empty bars say less than a line.
 */
export function UsageChart({ token }: { token: TokenView }): React.JSX.Element {
  const days = token.usage.requestsPerDay;
  const total = days.reduce((sum, { count }) => sum + count, 0);
  if (total === 0) {
    return (
      <Text size="small" color="color.text.subtle" testId={`token-usage-${token.id}`}>
        No requests in 30 days
      </Text>
    );
  }
  return (
    <Stack space="space.025">
      <BarChart
        data={days.map(({ day, count }) => ({ day: shortDay(day), requests: count }))}
        xAccessor="day"
        yAccessor="requests"
        title="Requests per day (UTC)"
        width={240}
        height={140}
        showBorder={false}
        hideMenu
      />
      <Text size="small" color="color.text.subtle" testId={`token-usage-${token.id}`}>
        {`${total.toLocaleString('en-US')} ${total === 1 ? 'request' : 'requests'} in 30 days`}
      </Text>
    </Stack>
  );
}
