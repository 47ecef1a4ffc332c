/**
 * The client address: what IP allowlists check, what events record as `source`, and what a
 * token's "last used from" shows. It is the address the platform saw, never one a caller picks
 * (docs/verify-token.md, "Who may describe what").
 *
 * Every reverse proxy, the platform's edge among them (and the local host, like it), appends
 * the address of its peer as the right-most entry of `X-Forwarded-For`. So:
 *
 *   1. the entries of every `X-Forwarded-For` value are read in order, as one list;
 *   2. the right-most entry is the peer the platform saw; it is taken unless it lies in the
 *      admin's `trustedGateways`;
 *   3. while the entry just taken is a trusted gateway, the entry to its left, which that gateway
 *      wrote, is taken instead (a gateway behind a gateway, each trusted, is followed);
 *   4. an entry that is blank or not an address ends the walk with no address: allowlists refuse
 *      it and events record none. Nothing is skipped, so a caller cannot shift the walk by
 *      writing blanks.
 *
 * `X-Real-IP`, `Forwarded` and every other entry are ignored: a caller can write them freely.
 */
import { ipInAllowlist, parseCidr, type Cidr } from '../net/cidr';
import type { HeaderMap } from './headers';

/** Entries kept for the record (the right-most ones): enough for any real chain of proxies. */
export const MAX_CHAIN_ENTRIES = 8;
/** Longer entries are not addresses; they are cut for the record. */
const MAX_ENTRY_LENGTH = 64;

/** The `X-Forwarded-For` chain as received, and which of its entries was taken as the client. */
export interface AddressChain {
  /** The right-most entries, trimmed and cut to MAX_ENTRY_LENGTH, oldest first. */
  entries: string[];
  /** Index into `entries` of the entry taken, or null when none could be (no header, blank, not an address, walked past the kept entries). */
  taken: number | null;
}

export interface ClientAddress {
  /** Canonical address, or null when none could be taken. */
  ip: string | null;
  chain: AddressChain;
}

/**
 * `a.b.c.d`, `a.b.c.d:port`, `v6`, `[v6]` or `[v6]:port` → the canonical address, or null.
 * An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, as dual-stack sockets report IPv4 peers) is the
 * IPv4 address it maps.
 */
export function parseClientAddress(entry: string): string | null {
  let text = entry.trim();
  if (text.length === 0 || text.length > MAX_ENTRY_LENGTH || text.includes('/')) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const parsed = parseCidr(text);
  if (!parsed) return null;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(parsed.address.toString());
  if (!mapped) return parsed.address.toString();
  const high = parseInt(mapped[1], 16);
  const low = parseInt(mapped[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Every entry of every `X-Forwarded-For` value, in order (a repeated header is one list, RFC 9110 §5.3). */
export function forwardedEntries(headers: HeaderMap): string[] {
  const entries: string[] = [];
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'x-forwarded-for' || !Array.isArray(values)) continue;
    for (const value of values) {
      if (typeof value === 'string') entries.push(...value.split(',').map((entry) => entry.trim()));
    }
  }
  return entries;
}

/** The chain as it is kept: its right-most entries, each cut to a bounded length. */
export function keptChain(entries: readonly string[]): string[] {
  return entries.slice(-MAX_CHAIN_ENTRIES).map((entry) => entry.slice(0, MAX_ENTRY_LENGTH));
}

/** Steps 2 to 4 of the header, over the kept chain. */
export function takeClientAddress(entries: readonly string[], trustedGateways: readonly Cidr[]): ClientAddress {
  const kept = keptChain(entries);
  for (let index = kept.length - 1; index >= 0; index -= 1) {
    const ip = parseClientAddress(kept[index]);
    if (ip === null) break;
    const trusted = trustedGateways.length > 0 && ipInAllowlist(ip, trustedGateways);
    if (!trusted) return { ip, chain: { entries: kept, taken: index } };
    // A trusted address with nothing to its left called the trigger itself.
    if (index === 0 && entries.length === kept.length) return { ip, chain: { entries: kept, taken: 0 } };
  }
  return { ip: null, chain: { entries: kept, taken: null } };
}
