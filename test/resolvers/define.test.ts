import { z } from 'zod';
import { CursorRefusedError } from '../../src/domain/cursor-refused';
import { runSpec, spec } from '../../src/resolvers/define';

const context = { accountId: 'alice', moduleKey: 'my-api-tokens', siteUrl: 'https://example.atlassian.net', cloudId: 'cloud' };

function failing(error: Error) {
  return spec({ access: 'user', payload: z.strictObject({ cursor: z.string().optional() }), handle: () => Promise.reject(error) });
}

describe('runSpec error mapping', () => {
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers a cursor storage refused, escaping a handler, as INVALID_INPUT on cursor', async () => {
    const result = await runSpec(failing(new CursorRefusedError()), { payload: { cursor: 'abc' }, context });
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('cursor'), issues: [{ path: 'cursor', message: expect.any(String) }] } });
  });

  it('answers any other failure as UNAVAILABLE', async () => {
    const result = await runSpec(failing(new Error('INTERNAL_SERVER_ERROR')), { payload: { cursor: 'abc' }, context });
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: expect.any(String) } });
  });
});
