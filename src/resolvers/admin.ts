// Placeholder until the tokens issue lands: the admin page's resolvers.
import { buildResolver } from './define';

export const adminResolver = buildResolver({});
