/** Expiry choices offered when creating a token, bounded by the maximum-validity policy. */
import type { SelectOption } from './events';
import { formatDate } from './format';

const DAY_MS = 86_400_000;

export type ExpiryChoice = 'never' | '7' | '30' | '90' | '365' | 'max' | 'date';

export function expiryOptions(maxExpiresAt: number | null, now: number): Array<SelectOption<ExpiryChoice>> {
  const presets: Array<SelectOption<ExpiryChoice>> = [
    { label: 'In 7 days', value: '7' },
    { label: 'In 30 days', value: '30' },
    { label: 'In 90 days', value: '90' },
    { label: 'In 1 year', value: '365' },
  ];
  const allowed = presets.filter((option) => maxExpiresAt === null || now + Number(option.value) * DAY_MS <= maxExpiresAt);
  const options: Array<SelectOption<ExpiryChoice>> = maxExpiresAt === null ? [{ label: 'Never', value: 'never' }, ...allowed] : allowed;
  if (maxExpiresAt !== null) options.push({ label: `Longest allowed (${formatDate(maxExpiresAt)})`, value: 'max' });
  options.push({ label: 'On a date…', value: 'date' });
  return options;
}

export function defaultExpiryChoice(maxExpiresAt: number | null, now: number): ExpiryChoice {
  if (maxExpiresAt === null || now + 90 * DAY_MS <= maxExpiresAt) return '90';
  return 'max';
}

/** A date picked in the calendar means "valid through that day" (UTC), kept within the policy. */
export function resolveExpiry(
  choice: ExpiryChoice,
  date: string | null,
  maxExpiresAt: number | null,
  now: number,
): { ok: true; expiresAt: number | null } | { ok: false; message: string } {
  const clamp = (value: number): number => (maxExpiresAt === null ? value : Math.min(value, maxExpiresAt));
  switch (choice) {
    case 'never':
      if (maxExpiresAt !== null) return { ok: false, message: 'The token policy requires an expiry date.' };
      return { ok: true, expiresAt: null };
    case 'max':
      return maxExpiresAt === null ? { ok: true, expiresAt: null } : { ok: true, expiresAt: maxExpiresAt };
    case 'date': {
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, message: 'Pick the last day the token is valid.' };
      const endOfDay = Date.parse(`${date}T23:59:59.999Z`);
      if (Number.isNaN(endOfDay) || endOfDay <= now) return { ok: false, message: 'Pick a day in the future.' };
      if (maxExpiresAt !== null && endOfDay - DAY_MS >= maxExpiresAt) {
        return { ok: false, message: `The token policy allows tokens until ${formatDate(maxExpiresAt)} at the latest.` };
      }
      return { ok: true, expiresAt: clamp(endOfDay) };
    }
    default:
      return { ok: true, expiresAt: clamp(now + Number(choice) * DAY_MS) };
  }
}
