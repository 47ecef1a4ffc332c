import { parseCidrList, type Cidr } from '../../../src/domain/net/cidr';
import { forwardedEntries, keptChain, MAX_CHAIN_ENTRIES, parseClientAddress, takeClientAddress } from '../../../src/domain/verification/client-ip';

function cidrs(list: string[]): Cidr[] {
  const parsed = parseCidrList(list);
  if (!parsed.ok) throw new Error(`bad test list ${parsed.invalid.join(', ')}`);
  return parsed.cidrs;
}

const GATEWAYS = cidrs(['127.0.0.2/32', '10.0.0.0/8']);

describe('forwardedEntries', () => {
  it('reads every X-Forwarded-For value, in order, as one list, in any header case', () => {
    expect(forwardedEntries({ 'X-Forwarded-For': ['1.1.1.1, 2.2.2.2', ' 3.3.3.3 '], 'x-forwarded-for': ['4.4.4.4'] })).toEqual(['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']);
  });

  it('keeps blank entries, so that they stay where they were sent', () => {
    expect(forwardedEntries({ 'x-forwarded-for': ['1.1.1.1,, 2.2.2.2', ''] })).toEqual(['1.1.1.1', '', '2.2.2.2', '']);
  });

  it('ignores X-Real-IP and Forwarded', () => {
    expect(forwardedEntries({ 'x-real-ip': ['1.1.1.1'], forwarded: ['for=2.2.2.2'] })).toEqual([]);
  });
});

/**
 * The rule of docs/verify-token.md: the right-most entry, or while the entry taken is a trusted
 * gateway the one to its left; a blank or unparsable entry ends the walk with no address.
 */
describe('takeClientAddress', () => {
  it.each<[string, string[], Cidr[], string | null, number | null]>([
    ['no header: no address', [], GATEWAYS, null, null],
    ['a direct caller: the peer the platform appended', ['198.51.100.7'], GATEWAYS, '198.51.100.7', 0],
    ['a direct caller spoofing an entry: still the peer', ['10.1.2.3', '198.51.100.7'], GATEWAYS, '198.51.100.7', 1],
    ['a spoofed trusted-looking entry with nobody trusted: the peer', ['127.0.0.2', '198.51.100.7'], [], '198.51.100.7', 1],
    ['through a trusted gateway: the entry the gateway wrote', ['203.0.113.5', '127.0.0.2'], GATEWAYS, '203.0.113.5', 0],
    ['through a trusted gateway, client spoof left of it: the gateway entry only', ['10.9.9.9', '203.0.113.5', '127.0.0.2'], GATEWAYS, '203.0.113.5', 1],
    ['two trusted gateways in a row are followed', ['203.0.113.5', '10.0.0.4', '127.0.0.2'], GATEWAYS, '203.0.113.5', 0],
    ['an untrusted gateway is taken itself', ['203.0.113.5', '127.0.0.3'], GATEWAYS, '127.0.0.3', 1],
    ['a trusted gateway calling by itself is the client', ['127.0.0.2'], GATEWAYS, '127.0.0.2', 0],
    ['a blank right-most entry: no address', ['198.51.100.7', ''], GATEWAYS, null, null],
    ['a blank entry left of a trusted gateway: no address, no skipping', ['198.51.100.7', '', '127.0.0.2'], GATEWAYS, null, null],
    ['garbage left of a trusted gateway: no address', ['unknown', '127.0.0.2'], GATEWAYS, null, null],
    ['garbage further left does not matter', ['unknown', '', '198.51.100.7'], GATEWAYS, '198.51.100.7', 2],
    ['ports and brackets are read', ['[2001:db8::1]:443', '127.0.0.2:8080'], GATEWAYS, '2001:db8::1', 0],
    ['an IPv4-mapped peer is its IPv4 address', ['::ffff:198.51.100.7'], GATEWAYS, '198.51.100.7', 0],
    ['an IPv4-mapped trusted gateway is trusted', ['203.0.113.5', '::ffff:127.0.0.2'], GATEWAYS, '203.0.113.5', 0],
    ['an IPv4-compatible address is IPv6, not a trusted IPv4 gateway', ['203.0.113.5', '::10.1.2.3'], GATEWAYS, '::a01:203', 1],
  ])('%s', (_name, entries, trusted, ip, taken) => {
    const result = takeClientAddress(entries, trusted);
    expect(result.ip).toBe(ip);
    expect(result.chain.taken).toBe(taken);
    expect(result.chain.entries).toEqual(entries);
  });

  it('keeps only the right-most entries, each cut to a bounded length', () => {
    const long = Array.from({ length: 30 }, (_, i) => `192.0.2.${i}`);
    expect(keptChain(long)).toEqual(long.slice(-MAX_CHAIN_ENTRIES));
    expect(keptChain(['x'.repeat(500)])[0]).toHaveLength(64);
  });

  it('gives no address when every kept entry is a trusted gateway and more were sent', () => {
    const entries = ['203.0.113.5', ...Array.from({ length: MAX_CHAIN_ENTRIES }, () => '10.0.0.1')];
    expect(takeClientAddress(entries, GATEWAYS)).toMatchObject({ ip: null, chain: { taken: null } });
  });
});

describe('parseClientAddress', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9:4711 ', '203.0.113.9'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[::1]', '::1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::ffff:a01:203', '10.1.2.3'],
    ['::10.1.2.3', '::a01:203'],
  ])('reads %s as %s', (entry, expected) => {
    expect(parseClientAddress(entry)).toBe(expected);
  });

  it.each(['127.1', '0x7f.0.0.1', '10.0.0.0/8', 'fe80::1%eth0', 'localhost', '', '999.1.1.1', '::1.2.3', 'for=1.2.3.4'])('refuses %s', (entry) => {
    expect(parseClientAddress(entry)).toBeNull();
  });
});
