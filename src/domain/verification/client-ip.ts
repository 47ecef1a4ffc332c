/**
 * The client address (product.md §4): the first entry of `X-Forwarded-For`, else `X-Real-IP`.
 * When X-Forwarded-For is present its first entry decides, even if it is not an address: falling
 * back to another header would let a caller pick whichever header suits them.
 * Only the gateway in front can make these headers trustworthy (docs/gateways/README.md).
 */
import { parseCidr } from '../net/cidr';
import { firstHeader, type HeaderMap } from './headers';

/** `a.b.c.d`, `a.b.c.d:port`, `v6`, `[v6]` or `[v6]:port` → the canonical address, or null. */
export function parseClientAddress(entry: string): string | null {
  let text = entry.trim();
  if (text.length === 0 || text.length > 64 || text.includes('/')) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const parsed = parseCidr(text);
  return parsed ? parsed.address.toString() : null;
}

export function clientIp(headers: HeaderMap): string | null {
  const forwarded = firstHeader(headers, 'x-forwarded-for');
  if (forwarded !== undefined) return parseClientAddress(forwarded.split(',')[0]);
  const real = firstHeader(headers, 'x-real-ip');
  return real === undefined ? null : parseClientAddress(real);
}
