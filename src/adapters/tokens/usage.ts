/**
 * Token usage (last used at / from, use count, requests per day) lives under its own plain key per secret hash,
 * written by the verification web trigger. Token management only reads it.
 */
import { kvs } from '@forge/kvs';
import { asSeries } from '../../domain/tokens/daily-usage';
import type { TokenUsage } from '../../domain/tokens/model';
import { NO_USAGE } from '../../domain/tokens/stored';
import { KVS_BATCH_MAX } from '../kvs/limits';
import { KEY } from '../kvs/names';


export function usageKey(secretHash: string): string {
  return `${KEY.usagePrefix}${secretHash}`;
}

/** A row written before the per-day series existed reads with an empty one. */
function asStoredUsage(value: TokenUsage): TokenUsage {
  return { ...NO_USAGE, ...value, requestsPerDay: asSeries(value.requestsPerDay) };
}

/** Reads usage of many secrets: one batch get per 25 keys. Missing keys mean "never used". */
export async function readUsage(secretHashes: readonly string[]): Promise<Map<string, TokenUsage>> {
  const usage = new Map<string, TokenUsage>();
  for (let start = 0; start < secretHashes.length; start += KVS_BATCH_MAX) {
    const chunk = secretHashes.slice(start, start + KVS_BATCH_MAX);
    const result = await kvs.batchGet<TokenUsage>(chunk.map((hash) => ({ key: usageKey(hash) })));
    for (const item of result.successfulKeys) {
      usage.set(item.key.slice(KEY.usagePrefix.length), asStoredUsage(item.value));
    }
  }
  return usage;
}

export async function readOneUsage(secretHash: string): Promise<TokenUsage> {
  const stored = await kvs.get<TokenUsage>(usageKey(secretHash));
  return stored ? asStoredUsage(stored) : NO_USAGE;
}
