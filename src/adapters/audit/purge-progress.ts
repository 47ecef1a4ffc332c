/** Where an unfinished retention purge continues (plain key KEY.purgeCursor). */
import { kvs } from '@forge/kvs';
import type { PurgeProgress } from '../../domain/audit/purge';
import { KEY } from '../kvs/names';

export const kvsPurgeProgress = {
  async load(): Promise<PurgeProgress | null> {
    const stored = await kvs.get<PurgeProgress>(KEY.purgeCursor);
    return stored && Number.isInteger(stored.category) ? stored : null;
  },
  async save(progress: PurgeProgress | null): Promise<void> {
    if (progress) await kvs.set(KEY.purgeCursor, progress);
    else await kvs.delete(KEY.purgeCursor);
  },
};
