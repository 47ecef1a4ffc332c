import { clientIp, parseClientAddress } from '../../../src/domain/verification/client-ip';

describe('clientIp', () => {
  it('takes the first address of X-Forwarded-For', () => {
    expect(clientIp({ 'x-forwarded-for': ['198.51.100.4, 10.0.0.1, 10.0.0.2'], 'x-real-ip': ['10.9.9.9'] })).toBe('198.51.100.4');
  });

  it('uses X-Real-IP when X-Forwarded-For is absent', () => {
    expect(clientIp({ 'X-Real-IP': ['2001:db8::1'] })).toBe('2001:db8::1');
  });

  it('answers null when the deciding header is not an address, without falling back', () => {
    expect(clientIp({ 'x-forwarded-for': ['unknown'], 'x-real-ip': ['10.0.0.1'] })).toBeNull();
    expect(clientIp({})).toBeNull();
  });
});

describe('parseClientAddress', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9:4711 ', '203.0.113.9'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[::1]', '::1'],
  ])('reads %s as %s', (entry, expected) => {
    expect(parseClientAddress(entry)).toBe(expected);
  });

  it.each(['127.1', '0x7f.0.0.1', '10.0.0.0/8', 'fe80::1%eth0', 'localhost', '', '999.1.1.1'])('refuses %s', (entry) => {
    expect(parseClientAddress(entry)).toBeNull();
  });
});
