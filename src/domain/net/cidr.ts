/**
 * IP allowlists: parsing CIDR lists (IPv4 and IPv6) and matching a client address against them.
 * Used when tokens and settings are saved (to reject bad entries) and by verification (to match).
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface Cidr {
  address: Address;
  prefixLength: number;
  /** Canonical text, e.g. `10.0.0.0/8` or `2001:db8::/32`. */
  text: string;
}

export type CidrListResult = { ok: true; cidrs: Cidr[] } | { ok: false; invalid: string[] };

/**
 * Strict address parsing: IPv4 only in four-part decimal (ipaddr.js would also take `127.1` or hex),
 * IPv6 without a zone id. Returns null for anything else.
 */
function parseAddress(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  const hex = embeddedIpv4AsHex(text);
  if (hex === null || !ipaddr.IPv6.isValid(hex)) return null;
  const address = ipaddr.IPv6.parse(hex);
  return address.zoneId === undefined ? address : null;
}

/**
 * IPv6 text with its dotted IPv4 tail (`::ffff:10.1.2.3`, `::10.1.2.3`, `64:ff9b::10.1.2.3`)
 * rewritten as two hex groups. ipaddr.js reads any dotted tail as IPv4-mapped (`::10.1.2.3` would
 * become `::ffff:a01:203` and match `10.0.0.0/8`); only `::ffff:a.b.c.d` is that, and the
 * deprecated IPv4-compatible `::a.b.c.d` is an IPv6 address like any other (RFC 4291 §2.5.5).
 * Text without a dotted tail is returned as it is; null when the tail is not a dotted IPv4 address.
 */
function embeddedIpv4AsHex(text: string): string | null {
  if (!text.includes('.')) return text;
  const colon = text.lastIndexOf(':');
  const tail = text.slice(colon + 1);
  if (colon === -1 || !ipaddr.IPv4.isValidFourPartDecimal(tail)) return null;
  const [a, b, c, d] = ipaddr.IPv4.parse(tail).octets;
  return `${text.slice(0, colon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** One entry: `a.b.c.d/n`, `v6::/n`, or a bare address (taken as a single host, /32 or /128). */
export function parseCidr(entry: string): Cidr | null {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = parseAddress(addressText);
  if (!address) return null;
  const maxLength = address.kind() === 'ipv4' ? 32 : 128;
  let prefixLength = maxLength;
  if (slash !== -1) {
    const lengthText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lengthText)) return null;
    prefixLength = Number(lengthText);
    if (prefixLength > maxLength) return null;
  }
  // Host bits are cleared so that equal ranges have one spelling (10.1.2.3/8 → 10.0.0.0/8).
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`);
  return { address: network, prefixLength, text: `${network.toString()}/${prefixLength}` };
}

/** Parses a whole list; any bad entry fails the list and is named, so the user can fix it. */
export function parseCidrList(list: readonly string[]): CidrListResult {
  const cidrs: Cidr[] = [];
  const invalid: string[] = [];
  for (const entry of list) {
    const cidr = parseCidr(entry);
    if (cidr) cidrs.push(cidr);
    else invalid.push(entry);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, cidrs };
}

/** Canonical texts of a list, de-duplicated in order, or the invalid entries. */
export function normalizeCidrList(list: readonly string[]): { ok: true; cidrs: string[] } | { ok: false; invalid: string[] } {
  const parsed = parseCidrList(list);
  if (!parsed.ok) return parsed;
  return { ok: true, cidrs: [...new Set(parsed.cidrs.map((cidr) => cidr.text))] };
}

function matches(address: Address, cidr: Cidr): boolean {
  if (address.kind() === cidr.address.kind()) return address.match(cidr.address, cidr.prefixLength);
  // An IPv4 client can still be covered by an IPv4-mapped IPv6 range (::ffff:10.0.0.0/104).
  if (address.kind() === 'ipv4' && cidr.address.kind() === 'ipv6') {
    return (address as ipaddr.IPv4).toIPv4MappedAddress().match(cidr.address, cidr.prefixLength);
  }
  return false;
}

/**
 * Whether `ip` is allowed by `cidrs`. An empty list allows any address; an unparseable or
 * missing address is never allowed by a non-empty list (fail closed).
 */
export function ipInAllowlist(ip: string | null | undefined, cidrs: readonly Cidr[]): boolean {
  if (cidrs.length === 0) return true;
  if (!ip) return false;
  const parsed = parseAddress(ip.trim());
  if (!parsed) return false;
  // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d; match them as the IPv4 address they are.
  const address = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return cidrs.some((cidr) => matches(address, cidr));
}

/**
 * The network an address belongs to, for "used from a new network" (docs/tokens.md): its /24 for
 * IPv4 (IPv4-mapped IPv6 counts as the IPv4 address it is), its /64 for IPv6. Null when `ip` is
 * not an address.
 */
export function networkOf(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const parsed = parseAddress(ip.trim());
  if (!parsed) return null;
  const address = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  if (address.kind() === 'ipv4') return `${ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/24`).toString()}/24`;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
