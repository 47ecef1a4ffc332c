// Web triggers over real HTTP: the platform's request shape in, its response shape out.
import type { PlatformWebTriggerRequest } from '../../../local/server/invoker';
import { FIXTURE_APP, useHost } from '../../support/host';

describe('ANY /x1/<webtrigger-key>', () => {
  const host = useHost({ app: FIXTURE_APP });

  it('hands the function the request with lower-cased, multi-valued headers and query parameters', async () => {
    const reply = await host.webtrigger('echo', {
      method: 'PUT',
      path: '/events/42',
      headers: { 'X-Forwarded-For': ['10.0.0.1', '10.0.0.2'], Authorization: 'Bearer abc', 'Content-Type': 'application/json' },
      query: { tag: ['a', 'b'], single: 'one' },
      body: '{"hello":"world"}',
    });
    expect(reply.status).toBe(200);
    const { request } = reply.json<{ request: PlatformWebTriggerRequest }>();
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/x1/echo/events/42');
    expect(request.userPath).toBe('/events/42');
    // The edge appends the socket peer, as the platform's edge does.
    expect(request.headers['x-forwarded-for']).toEqual(['10.0.0.1', '10.0.0.2', '127.0.0.1']);
    expect(request.headers.authorization).toEqual(['Bearer abc']);
    expect(request.headers['X-Forwarded-For']).toBeUndefined();
    expect(request.queryParameters).toEqual({ tag: ['a', 'b'], single: ['one'] });
    expect(request.body).toBe('{"hello":"world"}');
    expect(request.context.moduleKey).toBe('echo');
  });

  it('sends every value of a multi-valued response header', async () => {
    const reply = await host.webtrigger('echo', { method: 'GET', query: { status: '202' } });
    expect(reply.status).toBe(202);
    expect(reply.headers['x-multi']).toBe('first, second');
    expect(reply.headers['content-type']).toBe('application/json');
  });

  it('passes a non-JSON body through as a string, both ways', async () => {
    const reply = await host.webtrigger('echo', {
      headers: { 'content-type': 'text/plain' },
      query: { format: 'text' },
      body: 'plain text, not { json',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(reply.body).toBe('echo: plain text, not { json');
  });

  it('answers 500 when the function returns no statusCode', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // the host says why, as Forge's logs do
    const reply = await host.webtrigger('no-status');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('statusCode is missing'));
    logged.mockRestore();
    expect(reply.status).toBe(500);
    expect(reply.body).not.toContain('no status here');
  });

  it('refuses a body over the 5 MB invocation payload limit with 413 before the function runs', async () => {
    const reply = await host.webtrigger('echo', { body: 'x'.repeat(5 * 1024 * 1024 + 1) });
    expect(reply.status).toBe(413);
    expect(reply.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 JSON for a key the manifest does not declare', async () => {
    const reply = await host.webtrigger('nope');
    expect(reply.status).toBe(404);
    expect(reply.json<{ code: string }>().code).toBe('WEBTRIGGER_NOT_FOUND');
  });

  it('gives webTrigger.getUrl the same URL the host serves the trigger on', async () => {
    const { url } = await host.invoke<{ url: string }>('fixture-page', 'trigger-url', { key: 'echo' });
    expect(url).toBe(host.webtriggerUrl('echo'));
    const reply = await fetch(`${url}?format=text`, { method: 'POST', body: 'via getUrl' });
    expect(await reply.text()).toBe('echo: via getUrl');
  });
});
