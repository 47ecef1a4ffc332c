// One integration check against the product app: the verification web trigger refuses a request without credentials.
import { useHost } from '../../support/host';

describe('product web trigger verify-token on the local host', () => {
  const host = useHost();

  it('answers POST without credentials with JSON 401 MISSING_CREDENTIALS', async () => {
    const logged = jest.spyOn(console, 'info').mockImplementation(() => undefined); // the trigger logs each refusal
    const reply = await host.webtrigger('verify-token', { method: 'POST' });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('[verify-token] MISSING_CREDENTIALS'));
    logged.mockRestore();
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.json()).toMatchObject({ valid: false, code: 'MISSING_CREDENTIALS' });
  });
});
