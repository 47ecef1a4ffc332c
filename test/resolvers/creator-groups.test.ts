import { OutboundError } from '../../src/adapters/outbound/errors';
import { creatorGroupsOf, type GroupRef } from '../../src/resolvers/creator-groups';

/** A lookup that answers from a fixed list and counts how often, and with what, it was asked. */
function lookupFrom(known: GroupRef[]): { lookup: (ids: string[]) => Promise<GroupRef[]>; asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    lookup: async (ids) => {
      asked.push(ids);
      return known.filter((group) => ids.includes(group.groupId));
    },
  };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('creatorGroupsOf', () => {
  it('asks nothing and answers undefined when everyone may create tokens', async () => {
    const { lookup, asked } = lookupFrom([]);
    expect(await creatorGroupsOf({ mode: 'everyone' }, lookup)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('names the policy groups with one lookup, in the policy order', async () => {
    const { lookup, asked } = lookupFrom([
      { groupId: 'g-1', name: 'jira-administrators' },
      { groupId: 'g-3', name: 'api-users' },
    ]);
    expect(await creatorGroupsOf({ mode: 'groups', groupIds: ['g-3', 'g-1'] }, lookup)).toEqual([
      { groupId: 'g-3', name: 'api-users' },
      { groupId: 'g-1', name: 'jira-administrators' },
    ]);
    expect(asked).toEqual([['g-3', 'g-1']]);
  });

  it('shows the id of a group Jira no longer knows', async () => {
    const { lookup } = lookupFrom([{ groupId: 'g-1', name: 'jira-administrators' }]);
    expect(await creatorGroupsOf({ mode: 'groups', groupIds: ['g-1', 'deleted'] }, lookup)).toEqual([
      { groupId: 'g-1', name: 'jira-administrators' },
      { groupId: 'deleted', name: 'deleted' },
    ]);
  });

  it('falls back to ids when the lookup fails, logging only the call id and kind', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = async (): Promise<GroupRef[]> => {
      throw new OutboundError('groups.bulk', 'http', 500, 'Jira answered 500 for g-secret');
    };
    expect(await creatorGroupsOf({ mode: 'groups', groupIds: ['g-1', 'g-2'] }, failing)).toEqual([
      { groupId: 'g-1', name: 'g-1' },
      { groupId: 'g-2', name: 'g-2' },
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('groups.bulk (http)');
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('g-secret');
  });
});
