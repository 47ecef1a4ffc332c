/** People pickers on the admin page: owner of a new token, owner filter, groups allowed to create tokens. */
import { z } from 'zod';
import { searchGroups, searchUsers } from '../adapters/jira/directory';
import { ok, spec, type ResolverSpec } from './define';

const searchSchema = z.strictObject({ query: z.string().trim().max(100) });

export const userSpecs: Record<string, ResolverSpec> = {
  'users/search': spec({
    access: 'admin',
    payload: searchSchema,
    // Jira's user search needs a query; an empty box simply has no suggestions.
    handle: async ({ query }) => ok({ users: query === '' ? [] : await searchUsers(query) }),
  }),
  'groups/search': spec({
    access: 'admin',
    payload: searchSchema,
    handle: async ({ query }) => ok({ groups: await searchGroups(query) }),
  }),
};
