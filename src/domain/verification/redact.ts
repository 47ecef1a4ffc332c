/**
 * Text from the request (the path) goes into log lines and audit records; a caller may have put
 * a secret there. Everything that was presented as a credential, and anything shaped like one of
 * our tokens, is replaced, and the query string (where secrets and personal data tend to travel)
 * is never recorded.
 */
import { TOKEN_PREFIX } from '../tokens/format';

export const REDACTED = '[redacted]';
/** Shorter presented strings are not searched for: they would match by coincidence, not leak. */
const MIN_REDACTED_LENGTH = 6;
const TOKEN_LIKE = new RegExp(`${TOKEN_PREFIX}[0-9A-Za-z]+`, 'g');

export function redact(text: string, presented: readonly string[]): string {
  let out = text;
  for (const secret of presented) {
    if (secret.length >= MIN_REDACTED_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_LIKE, REDACTED);
}

/** The path without its query string, redacted; '-' when there is none. */
export function recordablePath(path: string | null, presented: readonly string[]): string {
  if (path === null) return '-';
  // Redact before cutting, so that a secret spanning the '?' leaves no fragment behind.
  const whole = redact(path, presented);
  const query = whole.indexOf('?');
  return query === -1 ? whole : whole.slice(0, query);
}

/** One line of free text for a log: control characters (line breaks included) become spaces. */
export function singleLine(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}
