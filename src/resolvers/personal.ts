// Placeholder until the tokens issue lands: the personal page's resolvers.
import { buildResolver } from './define';

export const personalResolver = buildResolver({});
