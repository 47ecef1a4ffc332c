import { OUTBOUND_CATALOG } from '../../../src/adapters/outbound/catalog';
import { outboundViolations, type LoggedCall } from '../../support/outbound-check';

const call = (method: string, path: string, description: string | null): LoggedCall => ({ source: 'test', method, path, description });
const sentence = (id: keyof typeof OUTBOUND_CATALOG): string => OUTBOUND_CATALOG[id].description;

describe('the suite-wide outbound check', () => {
  it('accepts calls that carry the sentence of their own catalog entry', () => {
    expect(
      outboundViolations([
        call('POST', '/rest/api/3/permissions/check', sentence('permissions.checkAdmin')),
        call('GET', '/rest/api/3/user/groups?accountId=alice', sentence('users.groups')),
        call('GET', '/rest/api/3/user/bulk?accountId=a&accountId=b', sentence('users.bulk')),
      ]),
    ).toEqual([]);
  });

  it('flags a call without the header, with a sentence of its own, or with the sentence of another call', () => {
    const problems = outboundViolations([
      call('GET', '/rest/api/3/myself', null),
      call('GET', '/rest/api/3/user/groups?accountId=alice', 'Because we can.'),
      call('GET', '/rest/api/3/user/groups?accountId=alice', sentence('users.bulk')),
      call('GET', '/rest/api/3/issue/ABC-1', sentence('users.bulk')),
    ]).map((violation) => violation.problem);
    expect(problems).toEqual([
      'no x-audit-log-description header',
      'x-audit-log-description is not a catalog sentence: "Because we can."',
      'the sentence belongs to another call than users.groups',
      'no catalog entry has this method and route',
    ]);
  });
});
