/**
 * The audit log names people the same way in every event: authentication events are written by
 * the web trigger with only the account id, and the search shows their author's display name, as
 * token-management events have it.
 */
import type { TestHost } from '../support/host';
import { auditSearch } from './support/audit';
import { withQuietMemoryHost } from './support/tokens';
import { changeSettings, createToken, describeRequest, verify, withAudit } from './support/verification';

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});

describe('audit search authors', () => {
  it("shows the display name of an authentication event's author, as token-management events show theirs", async () => {
    await changeSettings(host, withAudit({ successfulAuthentication: true }));
    const { token, secret } = await createToken(host, { ownerAccountId: 'alice', description: 'Named author' });
    expect((await verify(host, secret, { body: describeRequest('GET') })).status).toBe(200);

    const result = await auditSearch(host, { actions: ['Token authentication succeeded'], limit: 10 });
    if (!result.ok) throw new Error(result.error.code);
    const event = result.data.entities.find((candidate) => candidate.affectedObjects.some((object) => object.id === token.id));
    expect(event?.author).toEqual({ id: 'alice', name: 'Alice Example', type: 'user' });

    const created = await auditSearch(host, { actions: ['Token created'], limit: 10 });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.data.entities.find((candidate) => candidate.affectedObjects.some((object) => object.id === token.id))?.author.name).toBe('Local Admin');
  });
});
