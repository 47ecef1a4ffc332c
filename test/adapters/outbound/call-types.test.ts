/**
 * The type rules of callJira. The `@ts-expect-error` lines are checked by `npm run typecheck`: if the types ever
 * accepted one of these calls, the directive would be unused and the typecheck would fail.
 */
import { callJira } from '../../../src/adapters/outbound/client';

// Never called: only compiled. Each line is a call the types must refuse.
function refusedByTheTypes(): void {
  // @ts-expect-error -- an id that is not in the catalog
  void callJira('issues.delete', {});
  // @ts-expect-error -- a route parameter is missing
  void callJira('users.groups', { params: {} });
  // @ts-expect-error -- the request (and its parameters) are missing
  void callJira('users.search');
  // @ts-expect-error -- a parameter the route does not have
  void callJira('users.groups', { params: { accountId: 'a', groupId: 'g' } });
  // Accepted: no parameters needed, body optional; parameters given exactly.
  void callJira('permissions.checkAdmin', { body: { globalPermissions: ['ADMINISTER'] } });
  void callJira('users.search', { params: { query: 'ann', maxResults: 5 } });
}

describe('callJira call sites', () => {
  it('names catalog entries only: an unknown id is refused at run time too', async () => {
    expect(typeof refusedByTheTypes).toBe('function');
    await expect((callJira as (id: string) => Promise<unknown>)('issues.delete')).rejects.toThrow('Unknown outbound call: issues.delete');
  });
});
