import { authorDisplayName, unnamedAuthorIds } from '../../../src/domain/audit/author-names';
import type { AuditAuthor, AuditEvent } from '../../../src/domain/audit/model';

const by = (author: AuditAuthor): Pick<AuditEvent, 'author'> => ({ author });

describe('unnamedAuthorIds', () => {
  it('asks for the people whose event stores only their account id, each once, in page order', () => {
    const events = [
      by({ id: 'alice', name: 'alice', type: 'user' }),
      by({ id: 'local-admin', name: 'Local Admin', type: 'user' }),
      by({ id: 'bob', name: '', type: 'user' }),
      by({ id: 'alice', name: 'alice', type: 'user' }),
    ] as AuditEvent[];
    expect(unnamedAuthorIds(events)).toEqual(['alice', 'bob']);
  });

  it('asks for nobody who is not a person, nor for an anonymous author without an id', () => {
    const events = [by({ id: 'app', name: 'app', type: 'app' }), by({ id: 'housekeeping', name: 'housekeeping', type: 'system' }), by({ id: '', name: '', type: 'anonymous' })] as AuditEvent[];
    expect(unnamedAuthorIds(events)).toEqual([]);
  });
});

describe('authorDisplayName', () => {
  it('shows the looked-up name, else the stored name, else the account id', () => {
    expect(authorDisplayName(by({ id: 'alice', name: 'alice', type: 'user' }), { alice: 'Alice Example' })).toBe('Alice Example');
    expect(authorDisplayName(by({ id: 'local-admin', name: 'Local Admin', type: 'user' }), {})).toBe('Local Admin');
    expect(authorDisplayName(by({ id: 'bob', name: '', type: 'user' }), {})).toBe('bob');
  });

  it('does not take a name from the map’s prototype for an id like "constructor"', () => {
    expect(authorDisplayName(by({ id: 'constructor', name: 'constructor', type: 'user' }), {})).toBe('constructor');
  });
});
