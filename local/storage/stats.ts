/** Storage-call statistics: one count per SDK request, keyed by operation (`get`, `entity.query`, `transaction`, ...). */

export interface StorageStats {
  storage: Record<string, number>;
  total: number;
}

export class StatsCounter {
  private counts = new Map<string, number>();

  count(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  snapshot(): StorageStats {
    const storage: Record<string, number> = {};
    let total = 0;
    for (const [operation, count] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      storage[operation] = count;
      total += count;
    }
    return { storage, total };
  }

  reset(): void {
    this.counts = new Map();
  }
}
