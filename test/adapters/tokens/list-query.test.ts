import { planTokenQuery } from '../../../src/adapters/tokens/list-query';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const base = { limit: 25, now: NOW };

describe('planTokenQuery', () => {
  it('lists everything newest first from the created index', () => {
    expect(planTokenQuery(base)).toEqual({ index: 'by-created', sort: 'DESC', filters: [] });
  });

  it("uses the owner's partition whenever an owner is given, with status as filters", () => {
    expect(planTokenQuery({ ...base, ownerAccountId: 'alice', status: 'expired' })).toEqual({
      index: 'by-owner',
      partition: ['alice'],
      sort: 'DESC',
      filters: [
        { property: 'status', clause: { condition: 'EQUAL_TO', values: ['active'] } },
        { property: 'expiresAt', clause: { condition: 'LESS_THAN_EQUAL_TO', values: [NOW] } },
      ],
    });
  });

  it('answers "expiring within N days" from the status-expiry index, soonest first', () => {
    expect(planTokenQuery({ ...base, expiringWithinDays: 7, text: 'ci' })).toEqual({
      index: 'by-status-expiry',
      partition: ['active'],
      range: { condition: 'BETWEEN', values: [NOW + 1, NOW + 7 * DAY] },
      sort: 'ASC',
      filters: [{ property: 'descriptionLower', clause: { condition: 'CONTAINS', values: ['ci'] } }],
    });
  });

  it('answers "expired" as active tokens whose end has passed', () => {
    expect(planTokenQuery({ ...base, status: 'expired' })).toMatchObject({
      index: 'by-status-expiry',
      partition: ['active'],
      range: { condition: 'LESS_THAN_EQUAL_TO', values: [NOW] },
    });
  });

  it('answers "active" and "revoked" from the status partition', () => {
    expect(planTokenQuery({ ...base, status: 'active' })).toMatchObject({
      index: 'by-status',
      partition: ['active'],
      filters: [{ property: 'expiresAt', clause: { condition: 'GREATER_THAN', values: [NOW] } }],
    });
    expect(planTokenQuery({ ...base, status: 'revoked' })).toMatchObject({ index: 'by-status', partition: ['revoked'], filters: [] });
  });
});
