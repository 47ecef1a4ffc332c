import { ipInAllowlist, normalizeCidrList, parseCidr, parseCidrList } from '../../../src/domain/net/cidr';

function cidrs(list: string[]) {
  const parsed = parseCidrList(list);
  if (!parsed.ok) throw new Error(`test list invalid: ${parsed.invalid.join(', ')}`);
  return parsed.cidrs;
}

describe('parseCidr', () => {
  it('accepts IPv4 and IPv6 ranges and gives their canonical text', () => {
    expect(parseCidr('10.0.0.0/8')?.text).toBe('10.0.0.0/8');
    expect(parseCidr(' 2001:DB8:0:0::/32 ')?.text).toBe('2001:db8::/32');
  });

  it('takes a bare address as a single host', () => {
    expect(parseCidr('192.168.1.7')?.text).toBe('192.168.1.7/32');
    expect(parseCidr('::1')?.text).toBe('::1/128');
  });

  it('clears host bits so one range has one spelling', () => {
    expect(parseCidr('10.1.2.3/8')?.text).toBe('10.0.0.0/8');
    expect(parseCidr('2001:db8::1/32')?.text).toBe('2001:db8::/32');
  });

  it.each([
    ['not an address', 'hello'],
    ['prefix too long for IPv4', '10.0.0.0/33'],
    ['prefix too long for IPv6', '::/129'],
    ['negative prefix', '10.0.0.0/-1'],
    ['empty prefix', '10.0.0.0/'],
    ['non-decimal IPv4 shorthand', '127.1'],
    ['hex IPv4', '0x7f.0.0.1'],
    ['IPv6 zone id', 'fe80::1%eth0'],
    ['empty', ''],
    ['two slashes', '10.0.0.0/8/8'],
  ])('rejects %s', (_name, entry) => {
    expect(parseCidr(entry)).toBeNull();
  });
});

describe('parseCidrList', () => {
  it('names every invalid entry', () => {
    expect(parseCidrList(['10.0.0.0/8', 'bad', '::/0', '300.1.1.1'])).toEqual({ ok: false, invalid: ['bad', '300.1.1.1'] });
  });

  it('accepts an empty list', () => {
    expect(parseCidrList([])).toEqual({ ok: true, cidrs: [] });
  });
});

describe('normalizeCidrList', () => {
  it('returns canonical texts without duplicates', () => {
    expect(normalizeCidrList(['10.1.0.0/8', '10.0.0.0/8', '::1'])).toEqual({ ok: true, cidrs: ['10.0.0.0/8', '::1/128'] });
  });
});

describe('ipInAllowlist', () => {
  it('allows any address when the list is empty', () => {
    expect(ipInAllowlist('203.0.113.9', [])).toBe(true);
    expect(ipInAllowlist(null, [])).toBe(true);
  });

  it('matches IPv4 addresses inside and outside a range', () => {
    const list = cidrs(['10.0.0.0/8', '192.168.1.7']);
    expect(ipInAllowlist('10.200.3.4', list)).toBe(true);
    expect(ipInAllowlist('192.168.1.7', list)).toBe(true);
    expect(ipInAllowlist('192.168.1.8', list)).toBe(false);
    expect(ipInAllowlist('11.0.0.1', list)).toBe(false);
  });

  it('matches IPv6 addresses', () => {
    const list = cidrs(['2001:db8::/32']);
    expect(ipInAllowlist('2001:db8:1::5', list)).toBe(true);
    expect(ipInAllowlist('2001:db9::5', list)).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 client as its IPv4 address', () => {
    expect(ipInAllowlist('::ffff:10.1.2.3', cidrs(['10.0.0.0/8']))).toBe(true);
    expect(ipInAllowlist('::ffff:11.1.2.3', cidrs(['10.0.0.0/8']))).toBe(false);
  });

  it('lets an IPv4-mapped IPv6 range cover IPv4 clients', () => {
    expect(ipInAllowlist('10.1.2.3', cidrs(['::ffff:10.0.0.0/104']))).toBe(true);
  });

  it('never matches an IPv4 client against an IPv6 range outside the IPv4-mapped space', () => {
    expect(ipInAllowlist('10.1.2.3', cidrs(['2000::/3']))).toBe(false);
  });

  it('fails closed for a missing or unparseable client address when a list is set', () => {
    const list = cidrs(['0.0.0.0/0']);
    expect(ipInAllowlist(undefined, list)).toBe(false);
    expect(ipInAllowlist('', list)).toBe(false);
    expect(ipInAllowlist('unknown', list)).toBe(false);
    expect(ipInAllowlist('127.1', list)).toBe(false);
  });
});

describe('IPv6 with an embedded IPv4 tail', () => {
  it('does not take an IPv4-compatible address (::a.b.c.d) for the IPv4 address', () => {
    expect(ipInAllowlist('::10.1.2.3', cidrs(['10.0.0.0/8']))).toBe(false);
    expect(parseCidr('::10.1.2.3')?.text).toBe('::a01:203/128');
  });

  it('still matches an IPv4-mapped address (::ffff:a.b.c.d) as its IPv4 address', () => {
    expect(ipInAllowlist('::ffff:10.1.2.3', cidrs(['10.0.0.0/8']))).toBe(true);
    expect(ipInAllowlist('::FFFF:10.1.2.3', cidrs(['10.0.0.0/8']))).toBe(true);
  });

  it('reads the tail of other prefixes as two hex groups (NAT64 64:ff9b::/96)', () => {
    expect(ipInAllowlist('64:ff9b::10.1.2.3', cidrs(['64:ff9b::/96']))).toBe(true);
    expect(ipInAllowlist('64:ff9b::10.1.2.3', cidrs(['10.0.0.0/8']))).toBe(false);
  });

  it('refuses a tail that is not a dotted IPv4 address', () => {
    expect(parseCidr('::1.2.3')).toBeNull();
    expect(parseCidr('::1.2.3.4.5')).toBeNull();
  });
});
