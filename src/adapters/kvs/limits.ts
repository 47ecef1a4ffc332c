/**
 * The Forge storage limits the adapters page and batch by, in one place (docs/capacity.md lists
 * each with its Forge documentation page; the local host enforces the same numbers).
 */
/** Keys in one `batchGet` / `batchSet` / `batchDelete`, and items in one transaction. */
export const KVS_BATCH_MAX = 25;
/** Results in one query page (`limit`). */
export const KVS_QUERY_MAX = 100;
