import { isRequestPath, MAX_BODY_BYTES, parseMethod, resolveTarget } from '../../../src/domain/verification/request-target';

const request = (over: { method?: string; headers?: Record<string, string[]>; body?: string } = {}) => ({
  method: over.method ?? 'POST',
  headers: over.headers ?? {},
  body: over.body,
});

describe('resolveTarget', () => {
  it('takes the JSON body first, even when gateway headers are present', () => {
    const result = resolveTarget(request({ body: '{"method":"PUT","path":"/rest/api/3/issue/ABC-1"}', headers: { 'x-original-method': ['GET'] } }));
    expect(result).toEqual({ ok: true, target: { method: 'PUT', path: '/rest/api/3/issue/ABC-1', source: 'body' } });
  });

  it('accepts a body with only a method, and lower-case methods', () => {
    expect(resolveTarget(request({ body: '{"method":"delete"}' }))).toEqual({ ok: true, target: { method: 'DELETE', path: null, source: 'body' } });
  });

  it('reads nginx auth_request headers', () => {
    const result = resolveTarget(request({ method: 'GET', headers: { 'x-original-method': ['POST'], 'x-original-uri': ['/rest/api/3/issue?x=1'] } }));
    expect(result).toEqual({ ok: true, target: { method: 'POST', path: '/rest/api/3/issue?x=1', source: 'nginx' } });
  });

  it('reads Traefik ForwardAuth headers when nginx headers are absent', () => {
    const result = resolveTarget(request({ method: 'GET', headers: { 'X-Forwarded-Method': ['PATCH'], 'X-Forwarded-Uri': ['/api/thing'] } }));
    expect(result).toEqual({ ok: true, target: { method: 'PATCH', path: '/api/thing', source: 'traefik' } });
  });

  it('prefers nginx headers over Traefik headers', () => {
    const result = resolveTarget(request({ headers: { 'x-original-method': ['GET'], 'x-forwarded-method': ['DELETE'] } }));
    expect(result).toMatchObject({ ok: true, target: { method: 'GET', source: 'nginx' } });
  });

  it("falls back to the trigger's own method, also for a blank body", () => {
    expect(resolveTarget(request({ method: 'HEAD', body: '  \n' }))).toEqual({ ok: true, target: { method: 'HEAD', path: null, source: 'trigger' } });
  });

  it('refuses a gateway URI without its method header rather than treating the write as a read', () => {
    expect(resolveTarget(request({ method: 'GET', headers: { 'x-original-uri': ['/x'] } })).ok).toBe(false);
    expect(resolveTarget(request({ method: 'GET', headers: { 'x-forwarded-uri': ['/x'] } })).ok).toBe(false);
  });

  it.each([
    ['broken JSON', '{"method": "GET"'],
    ['a JSON array', '["GET"]'],
    ['a JSON string', '"GET"'],
    ['an unknown field', '{"method":"GET","path":"/x","extra":1}'],
    ['a __proto__ field', '{"method":"GET","__proto__":{"admin":true}}'],
    ['a method of the wrong type', '{"method":1}'],
    ['no method', '{"path":"/x"}'],
    ['an unknown method', '{"method":"BREW","path":"/x"}'],
    ['a relative path', '{"method":"GET","path":"rest/api"}'],
    ['a full URL', '{"method":"GET","path":"https://example.com/rest"}'],
    ['a path with a space', '{"method":"GET","path":"/a b"}'],
    ['a path with a newline', '{"method":"GET","path":"/a\\nb"}'],
    ['an overlong path', JSON.stringify({ method: 'GET', path: `/${'a'.repeat(2048)}` })],
  ])('refuses a body with %s', (_name, body) => {
    expect(resolveTarget(request({ body })).ok).toBe(false);
  });

  it('refuses a body over 8 KiB, counted in UTF-8 bytes', () => {
    const pad = 'é'.repeat(MAX_BODY_BYTES / 2); // 2 bytes each: exactly 8 KiB of padding
    expect(resolveTarget(request({ body: `{"method":"GET","path":"/${pad}"}` }))).toMatchObject({ ok: false });
    expect(resolveTarget(request({ body: ' '.repeat(MAX_BODY_BYTES + 1) })).ok).toBe(false);
  });

  it('refuses an unknown gateway method or a bad gateway URI', () => {
    expect(resolveTarget(request({ headers: { 'x-original-method': ['FOO'] } })).ok).toBe(false);
    expect(resolveTarget(request({ headers: { 'x-original-method': ['GET'], 'x-original-uri': ['http://x/'] } })).ok).toBe(false);
  });
});

describe('parseMethod and isRequestPath', () => {
  it('knows the standard methods only', () => {
    expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].map(parseMethod)).not.toContain(null);
    expect(parseMethod('PROPFIND')).toBeNull();
    expect(parseMethod('')).toBeNull();
  });

  it('accepts absolute paths with a query and refuses control characters', () => {
    expect(isRequestPath('/')).toBe(true);
    expect(isRequestPath('/rest/api/3/search?jql=project%3DABC')).toBe(true);
    expect(isRequestPath('/a\u0000b')).toBe(false);
    expect(isRequestPath('/a\u2028b')).toBe(false);
    expect(isRequestPath('')).toBe(false);
  });
});
