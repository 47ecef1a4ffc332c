import fc from 'fast-check';
import { CEF_DEVICE, toCef, toCefLine } from '../../../../src/domain/audit/export/cef';
import { event } from '../../../fakes/audit-events';
import { arbitraryText, HOSTILE, hostileEvent } from './hostile';

/** Splits a CEF line into its 7 header fields and extension pairs, undoing the escapes. */
function parseCef(line: string): { header: string[]; ext: Record<string, string> } {
  const header: string[] = [];
  let field = '';
  let i = 0;
  while (header.length < 7) {
    const c = line[i];
    if (c === '\\' && (line[i + 1] === '|' || line[i + 1] === '\\')) {
      field += line[i + 1];
      i += 2;
    } else if (c === '|') {
      header.push(field);
      field = '';
      i += 1;
    } else if (c === undefined) {
      throw new Error('header ends early');
    } else {
      field += c;
      i += 1;
    }
  }
  const rest = line.slice(i);
  // A key starts after a space (or at the start) and ends at an unescaped '='.
  const keyAt = /(?:^| )([A-Za-z0-9]+)=/g;
  const starts: Array<{ key: string; from: number; valueFrom: number }> = [];
  for (const match of rest.matchAll(keyAt)) {
    const eq = (match.index ?? 0) + match[0].length - 1;
    let backslashes = 0;
    for (let j = eq - 1; j >= 0 && rest[j] === '\\'; j -= 1) backslashes += 1;
    if (backslashes % 2 === 0) starts.push({ key: match[1], from: match.index ?? 0, valueFrom: eq + 1 });
  }
  const ext: Record<string, string> = {};
  starts.forEach((start, k) => {
    const raw = rest.slice(start.valueFrom, k + 1 < starts.length ? starts[k + 1].from : rest.length);
    ext[start.key] = raw.replace(/\\(u202[89]|.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch.length > 1 ? String.fromCharCode(parseInt(ch.slice(1), 16)) : ch));
  });
  return { header, ext };
}

describe('CEF export', () => {
  it('writes the CEF:0 header with vendor, product, version, signature, name and severity', () => {
    const line = toCefLine(event({ id: 'e1', at: Date.UTC(2026, 10, 1), action: 'tokenCreated', author: 'admin' }));
    const { header, ext } = parseCef(line);
    expect(header).toEqual(['CEF:0', CEF_DEVICE.vendor, CEF_DEVICE.product, CEF_DEVICE.version, 'api-token-audit.action.token.created', 'Token created', '3']);
    expect(ext).toMatchObject({ rt: String(Date.UTC(2026, 10, 1)), externalId: 'e1', act: 'Token created', cat: 'Token management', suser: 'admin', suid: 'admin' });
  });

  it('maps request, client IP and outcome of authentication events to the standard keys', () => {
    const { ext } = parseCef(toCefLine(hostileEvent('e1', 'plain')));
    expect(ext).toMatchObject({ requestMethod: 'PUT', request: '/rest/api/3/plain', outcome: 'failure', cs1Label: 'Token ID', cs1: 'tok|e1' });
    const withIp = { ...hostileEvent('e2', 'x'), source: '203.0.113.9' };
    expect(parseCef(toCefLine(withIp)).ext.src).toBe('203.0.113.9');
    const withIpv6 = { ...hostileEvent('e3', 'x'), source: '2001:db8::1' };
    expect(parseCef(toCefLine(withIpv6)).ext).toMatchObject({ c6a2: '2001:db8::1', c6a2Label: 'Source IPv6 Address' });
  });

  it('escapes pipes, backslashes, equals signs and line breaks so every hostile value reads back', () => {
    const events = HOSTILE.map((value, i) => hostileEvent(`e${i}`, value));
    const lines = toCef(events).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(events.length);
    lines.forEach((line, i) => {
      const { header, ext } = parseCef(line);
      expect(header[5]).toBe('Permission denied');
      expect(ext.suser).toBe(HOSTILE[i]);
      expect(ext.request).toBe(`/rest/api/3/${HOSTILE[i]}`);
      expect(ext.cs1).toBe(`tok|e${i}`);
    });
  });

  it('keeps one event per line and reads back any text', () => {
    fc.assert(
      fc.property(arbitraryText, arbitraryText, (value, other) => {
        const line = toCefLine({ ...hostileEvent('e', value), type: { category: other, action: `${other}|${value}`, categoryI18nKey: 'c', actionI18nKey: `k|${value}` } });
        expect(line).not.toMatch(/[\r\n\u2028\u2029]/);
        const { header, ext } = parseCef(line);
        expect(header[4]).toBe(`k|${value}`.replace(/[\r\n\u2028\u2029]+/g, ' '));
        expect(header[5]).toBe(`${other}|${value}`.replace(/[\r\n\u2028\u2029]+/g, ' '));
        expect(ext.suser).toBe(value || undefined);
        expect(ext.cat).toBe(other || undefined);
      }),
    );
  });

  it('writes U+2028 and U+2029 escaped, so Unicode line splitters keep one event per line', () => {
    const events = HOSTILE.map((value, i) => hostileEvent(`e${i}`, `${value}\u2028x\u2029`));
    const text = toCef(events);
    expect(text).not.toMatch(/[\u2028\u2029]/);
    const lines = text.split(/\r\n|\n|\r|\u2028|\u2029/).filter((line) => line !== '');
    expect(lines).toHaveLength(events.length);
    lines.forEach((line, i) => expect(parseCef(line).ext.request).toBe(`/rest/api/3/${HOSTILE[i]}\u2028x\u2029`));
  });

  it('keeps externalId within the standard 40 characters: a longer (aggregated) id becomes a stable digest, the full id goes in flexString1', () => {
    const longId = `agg-${Date.UTC(2026, 10, 1)}-authSucceeded-3f2a9c1e-7b6d-4e8f-9a0b-1c2d3e4f5a6b`;
    expect(longId.length).toBeGreaterThan(40);
    const { ext } = parseCef(toCefLine(event({ id: longId, at: Date.UTC(2026, 10, 1), action: 'authSucceeded' })));
    expect(ext.externalId).toHaveLength(40);
    expect(ext.externalId).toMatch(/^h[0-9a-f]{39}$/);
    expect(ext).toMatchObject({ flexString1: longId, flexString1Label: 'Event ID' });
    expect(parseCef(toCefLine(event({ id: longId, at: Date.UTC(2026, 10, 2), action: 'authSucceeded' }))).ext.externalId).toBe(ext.externalId);
    const other = parseCef(toCefLine(event({ id: `${longId}x`, at: Date.UTC(2026, 10, 1), action: 'authSucceeded' }))).ext.externalId;
    expect(other).not.toBe(ext.externalId);
    const short = parseCef(toCefLine(event({ id: 'e1', at: 0, action: 'authSucceeded' }))).ext;
    expect(short.externalId).toBe('e1');
    expect(short.flexString1).toBeUndefined();
  });

  it('puts the account id in suser and suid for every event, and a display name in flexString2', () => {
    const managed = event({ id: 'e1', at: 0, action: 'tokenCreated', author: 'acc-1' });
    const named = { ...managed, author: { id: 'acc-1', name: 'Alice Admin', type: 'user' as const } };
    expect(parseCef(toCefLine(named)).ext).toMatchObject({ suser: 'acc-1', suid: 'acc-1', flexString2: 'Alice Admin', flexString2Label: 'Author name' });
    const auth = event({ id: 'e2', at: 0, action: 'authSucceeded', author: 'acc-1' });
    const ext = parseCef(toCefLine(auth)).ext;
    expect(ext).toMatchObject({ suser: 'acc-1', suid: 'acc-1' });
    expect(ext.flexString2).toBeUndefined();
  });
});
