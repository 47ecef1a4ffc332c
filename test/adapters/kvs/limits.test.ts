import { KVS_BATCH_MAX, KVS_QUERY_MAX } from '../../../src/adapters/kvs/limits';
import { STORAGE_PAGE_MAX } from '../../../src/domain/audit/ports';
import { DELETE_BATCH } from '../../../src/domain/audit/purge';
import { VERIFICATION_READ_FIXED_KEYS } from '../../../src/adapters/verification/verification-store';
import { RATE_SHARDS_READ } from '../../../src/domain/verification/rate-limit';

// The domain states its paging needs without importing adapters; these are the storage facts it must fit.
describe('storage limits', () => {
  it("keeps the domain's audit page and purge batch within what one storage call may carry", () => {
    expect(STORAGE_PAGE_MAX).toBeLessThanOrEqual(KVS_QUERY_MAX);
    expect(DELETE_BATCH).toBeLessThanOrEqual(KVS_BATCH_MAX);
  });

  it("fits the verification's one batch read: its own keys and the rate-limit shards it reads", () => {
    expect(VERIFICATION_READ_FIXED_KEYS + RATE_SHARDS_READ).toBeLessThanOrEqual(KVS_BATCH_MAX);
  });
});
