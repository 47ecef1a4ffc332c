import { toSiemEntity } from '../../../../src/domain/audit/export/siem-entity';
import { event } from '../../../fakes/audit-events';

describe('SIEM entity (Atlassian Audit /rest/auditing/1.0/events shape)', () => {
  it('has every field of the published entity, with strings where the published type is a string', () => {
    const base = event({ id: 'e1', at: Date.UTC(2026, 10, 1), action: 'auditSettingsChanged', author: 'acc-1', objects: [{ type: 'user', id: 'acc-2', name: 'Bob' }] });
    const entity = toSiemEntity({ ...base, source: null, changedValues: [{ key: 'Retention', from: null, to: '30' }] });
    expect(Object.keys(entity).sort()).toEqual(['affectedObjects', 'author', 'changedValues', 'extraAttributes', 'id', 'method', 'node', 'source', 'system', 'timestamp', 'type']);
    expect(entity.source).toBe('');
    expect(entity.node).toBe('forge');
    expect(entity.changedValues).toEqual([{ key: 'Retention', from: '', to: '30' }]);
    expect(entity.author).toEqual({ id: 'acc-1', name: 'acc-1', type: 'user', uri: '/jira/people/acc-1', avatarUri: '/secure/useravatar?ownerId=acc-1' });
    expect(entity.affectedObjects).toEqual([{ id: 'acc-2', name: 'Bob', type: 'user', uri: '/jira/people/acc-2' }]);
  });

  it('names the author by account id in every event and keeps a recorded display name apart', () => {
    const managed = event({ id: 'e1', at: 0, action: 'tokenCreated', author: 'acc-1' });
    const entity = toSiemEntity({ ...managed, author: { id: 'acc-1', name: 'Alice Admin', type: 'user' } });
    expect(entity.author).toMatchObject({ id: 'acc-1', name: 'acc-1', displayName: 'Alice Admin' });
    const system = toSiemEntity({ ...managed, author: { id: 'api-token-audit', name: 'API Token Audit', type: 'system' } });
    expect(system.author).toEqual({ id: 'api-token-audit', name: 'api-token-audit', displayName: 'API Token Audit', type: 'system', uri: '', avatarUri: '' });
  });
});
