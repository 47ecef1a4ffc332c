/** People pickers on the admin page: owner of a new token, owner filter, groups allowed to create tokens. */
import { searchGroups, searchUsers } from '../adapters/jira/directory';
import { ok, spec } from './define';
import { pickerSearchSchema } from './schemas/users';

export const userSpecs = {
  'users/search': spec({
    access: 'admin',
    payload: pickerSearchSchema,
    // Jira's user search needs a query; an empty box simply has no suggestions.
    handle: async ({ query }) => ok({ users: query === '' ? [] : await searchUsers(query) }),
  }),
  'groups/search': spec({
    access: 'admin',
    payload: pickerSearchSchema,
    handle: async ({ query }) => ok({ groups: await searchGroups(query) }),
  }),
};
