import { isRequestPath, MAX_BODY_BYTES, parseMethod, resolveTarget } from '../../../src/domain/verification/request-target';

const request = (over: { method?: string; headers?: Record<string, string[]>; body?: string } = {}) => ({
  method: over.method ?? 'POST',
  headers: over.headers ?? {},
  body: over.body,
});

describe('resolveTarget', () => {
  it('takes a JSON body from a direct caller', () => {
    const result = resolveTarget(request({ body: '{"method":"PUT","path":"/rest/api/3/issue/ABC-1"}' }));
    expect(result).toEqual({ ok: true, target: { method: 'PUT', path: '/rest/api/3/issue/ABC-1', source: 'body' } });
  });

  it('accepts a body with only a method, and lower-case methods', () => {
    expect(resolveTarget(request({ body: '{"method":"delete"}' }))).toEqual({ ok: true, target: { method: 'DELETE', path: null, source: 'body' } });
  });

  it('reads the gateway headers X-Forwarded-Method and X-Forwarded-Uri, in any case', () => {
    const result = resolveTarget(request({ method: 'GET', headers: { 'X-Forwarded-Method': ['PATCH'], 'X-Forwarded-Uri': ['/api/thing?x=1'] } }));
    expect(result).toEqual({ ok: true, target: { method: 'PATCH', path: '/api/thing?x=1', source: 'gateway' } });
  });

  it('ignores the body when a gateway describes the request, so its client cannot describe its own', () => {
    const spoof = '{"method":"GET","path":"/harmless"}';
    expect(resolveTarget(request({ body: spoof, headers: { 'x-forwarded-method': ['DELETE'], 'x-forwarded-uri': ['/rest/x'] } }))).toEqual({
      ok: true,
      target: { method: 'DELETE', path: '/rest/x', source: 'gateway' },
    });
    // A client body that is not even JSON (a gateway may pass an upload on) does not make it a bad request.
    expect(resolveTarget(request({ body: 'x'.repeat(MAX_BODY_BYTES * 2), headers: { 'x-forwarded-method': ['POST'] } })).ok).toBe(true);
  });

  it.each([
    ['X-Original-Method', { 'x-original-method': ['GET'], 'x-original-uri': ['/x'] }],
    ['X-Http-Method-Override', { 'x-http-method-override': ['GET'] }],
    ['X-Method-Override', { 'x-method-override': ['GET'] }],
    ['X-Original-URL', { 'x-original-url': ['/x'] }],
  ])('never reads %s: a gateway that forwards client headers would let the client choose it', (_name, headers) => {
    expect(resolveTarget(request({ method: 'DELETE', headers }))).toEqual({ ok: true, target: { method: 'DELETE', path: null, source: 'trigger' } });
    expect(resolveTarget(request({ method: 'GET', headers: { ...headers, 'x-forwarded-method': ['DELETE'] } }))).toMatchObject({ ok: true, target: { method: 'DELETE' } });
  });

  it("falls back to the trigger's own method, also for a blank body", () => {
    expect(resolveTarget(request({ method: 'HEAD', body: '  \n' }))).toEqual({ ok: true, target: { method: 'HEAD', path: null, source: 'trigger' } });
  });

  it('refuses a gateway URI without its method header rather than treating the write as a read', () => {
    expect(resolveTarget(request({ method: 'GET', headers: { 'x-forwarded-uri': ['/x'] } })).ok).toBe(false);
    expect(resolveTarget(request({ method: 'GET', headers: { 'x-forwarded-uri': ['/x'], 'x-forwarded-method': ['  '] } })).ok).toBe(false);
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
    expect(resolveTarget(request({ headers: { 'x-forwarded-method': ['FOO'] } })).ok).toBe(false);
    expect(resolveTarget(request({ headers: { 'x-forwarded-method': ['GET'], 'x-forwarded-uri': ['http://x/'] } })).ok).toBe(false);
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
