/**
 * The resolver contract is checked by the compiler (src/resolvers/define.ts `moduleSpecs`): these
 * `@ts-expect-error` lines fail `npm run typecheck` the day a broken map stops being a type error.
 */
import { adminSpecs } from '../../src/resolvers/admin';
import { auditSpecs } from '../../src/resolvers/audit';
import { auditLogSpecs } from '../../src/resolvers/audit-log';
import { moduleSpecs } from '../../src/resolvers/define';
import { personalSpecs } from '../../src/resolvers/personal';
import type { ModuleResolvers, PayloadOf } from '../../src/shared/resolvers';

const sent = <K extends keyof ModuleResolvers>(_module: K) => <P extends ModuleResolvers[K]>(_key: P, _payload: PayloadOf<P>) => true;

describe('the resolver contract', () => {
  it('refuses at compile time a module map missing a key, with an unknown key, or answering another shape', () => {
    // @ts-expect-error audit/bootstrap has no implementation
    moduleSpecs('audit-log')({ 'audit/search': auditSpecs['audit/search'] });
    // @ts-expect-error a misspelt key the module does not serve
    moduleSpecs('audit-log')({ ...auditSpecs, 'audit/serach': auditSpecs['audit/search'] });
    // @ts-expect-error audit/search answered by a handler of another shape
    moduleSpecs('audit-log')({ ...auditSpecs, 'audit/search': auditSpecs['audit/bootstrap'] });
    expect(true).toBe(true);
  });

  it('types page payloads from the schemas that validate them', () => {
    const admin = sent('api-token-admin');
    expect(admin('tokens/create', { description: 'CI', scope: 'read-only', expiresAt: null })).toBe(true);
    // @ts-expect-error the schema has no such scope
    admin('tokens/create', { description: 'CI', scope: 'admin', expiresAt: null });
    // @ts-expect-error expiresAt is sent as ISO text (the schema turns it into epoch milliseconds)
    admin('tokens/create', { description: 'CI', scope: 'read-only', expiresAt: 1_700_000_000_000 });
  });

  it('serves exactly the keys each page module declares', () => {
    const keys = (specs: object) => Object.keys(specs).sort();
    expect(keys(auditLogSpecs)).toEqual(['audit/bootstrap', 'audit/search', 'audit/searchAuthors', 'integrity/seals']);
    expect(keys(personalSpecs)).toEqual(['personal/bootstrap', 'tokens/create', 'tokens/list', 'tokens/revoke', 'tokens/rotate', 'tokens/update']);
    expect(keys(adminSpecs)).toContain('integrity/seals');
  });
});
