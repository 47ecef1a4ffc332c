/** Names for the groups of the "who may create tokens" policy, for the admin page's settings tab. */
import { OutboundError } from '../adapters/outbound/errors';
import type { Settings } from '../domain/settings/model';

export interface GroupRef {
  groupId: string;
  name: string;
}

export type GroupLookup = (groupIds: string[]) => Promise<GroupRef[]>;

/**
 * The policy's groups, in its order, named by one lookup; `undefined` (and no lookup) when everyone may create.
 * Best effort: the page must load even when Jira cannot answer, so a failed lookup, or a group Jira no longer
 * knows, shows the id instead of a name.
 */
export async function creatorGroupsOf(creators: Settings['policies']['creators'], lookup: GroupLookup): Promise<GroupRef[] | undefined> {
  if (creators.mode !== 'groups' || creators.groupIds.length === 0) return undefined;
  const found = await lookup(creators.groupIds).catch((error: unknown): GroupRef[] => {
    const detail = error instanceof OutboundError ? `Jira call ${error.callId} (${error.kind})` : error instanceof Error ? error.name : 'unknown error';
    console.warn(`Creator group names not loaded, showing ids: ${detail}`);
    return [];
  });
  const names = new Map(found.map((group) => [group.groupId, group.name]));
  return creators.groupIds.map((groupId) => ({ groupId, name: names.get(groupId) ?? groupId }));
}
