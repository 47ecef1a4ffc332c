/**
 * An in-memory TokenRepository with the same contract as the kvs one: commits are all-or-nothing
 * and conditional on revisions; lookups are derived from tokens on every write; events are kept.
 * `beforeCommit` lets a test slip a concurrent writer in between an operation's read and its write.
 */
import type { AuditEvent } from '../../src/domain/audit/model';
import { tokenStatus, type RateLimit, type Token, type TokenLookup, type TokenUsage } from '../../src/domain/tokens/model';
import type { CommitOutcome, TokenCommit, TokenListQuery, TokenPage, TokenRepository } from '../../src/domain/tokens/ports';
import { effectiveEnd, NO_USAGE, toLookup, type StoredToken } from '../../src/domain/tokens/stored';

const DAY_MS = 86_400_000;

export class InMemoryTokenRepository implements TokenRepository {
  readonly tokens = new Map<string, StoredToken>();
  readonly lookups = new Map<string, TokenLookup>();
  readonly events: AuditEvent[] = [];
  readonly usageByHash = new Map<string, TokenUsage>();
  readonly commits: TokenCommit[] = [];
  /** Rate-limit edits recorded before their commit (verification's snapshot of the window). */
  readonly rateLimitEdits: Array<{ secretHash: string; limit: RateLimit; now: number }> = [];
  conflicts = 0;
  beforeCommit: ((commit: TokenCommit) => Promise<void> | void) | null = null;

  async get(tokenId: string): Promise<StoredToken | null> {
    const stored = this.tokens.get(tokenId);
    return stored ? structuredClone(stored) : null;
  }

  readonly getManyCalls: string[][] = [];

  async getMany(tokenIds: readonly string[]): Promise<StoredToken[]> {
    if (tokenIds.length > 25) throw new Error('batch get of more than 25 keys');
    this.getManyCalls.push([...tokenIds]);
    return tokenIds.flatMap((id) => {
      const stored = this.tokens.get(id);
      return stored ? [structuredClone(stored)] : [];
    });
  }

  async recordRateLimitEdit(secretHash: string, limit: RateLimit, now: number): Promise<void> {
    this.rateLimitEdits.push({ secretHash, limit, now });
  }

  async usage(secretHash: string): Promise<TokenUsage> {
    return this.usageByHash.get(secretHash) ?? NO_USAGE;
  }

  private matches(stored: StoredToken, query: TokenListQuery): boolean {
    const { token } = stored;
    if (query.ownerAccountId !== undefined && token.ownerAccountId !== query.ownerAccountId) return false;
    if (query.text && !token.description.toLowerCase().includes(query.text)) return false;
    const status = tokenStatus(token, query.now);
    if (query.status !== undefined && status !== query.status) return false;
    if (query.expiringWithinDays !== undefined) {
      const end = effectiveEnd(token);
      if (status !== 'active' || end === null || end > query.now + query.expiringWithinDays * DAY_MS) return false;
    }
    return true;
  }

  async list(query: TokenListQuery): Promise<TokenPage> {
    const all = [...this.tokens.values()].filter((stored) => this.matches(stored, query)).sort((a, b) => b.token.createdAt - a.token.createdAt);
    const start = query.cursor ? Number(query.cursor) : 0;
    const page = all.slice(start, start + query.limit);
    const next = start + query.limit;
    return {
      tokens: page.map((stored): Token => ({ ...structuredClone(stored.token), usage: this.usageByHash.get(stored.secretHash) ?? NO_USAGE })),
      cursor: next < all.length ? String(next) : null,
    };
  }

  async listUnrevokedOwnedBy(ownerAccountId: string, cursor: string | undefined, limit: number): Promise<{ tokens: StoredToken[]; cursor: string | null }> {
    const all = [...this.tokens.values()]
      .filter((stored) => stored.token.ownerAccountId === ownerAccountId && stored.token.state === 'active')
      .sort((a, b) => a.token.createdAt - b.token.createdAt);
    const start = cursor ? Number(cursor) : 0;
    const next = start + limit;
    return { tokens: all.slice(start, next).map((stored) => structuredClone(stored)), cursor: next < all.length ? String(next) : null };
  }

  async commit(commit: TokenCommit): Promise<CommitOutcome> {
    if (this.beforeCommit) {
      const hook = this.beforeCommit;
      this.beforeCommit = null;
      await hook(commit);
    }
    const holds = commit.writes.every((write) => {
      const existing = this.tokens.get(write.next.token.id);
      if (write.expected === 'new') return existing === undefined && !this.lookups.has(write.next.secretHash);
      return existing !== undefined && existing.revision === write.expected;
    });
    if (!holds) {
      this.conflicts += 1;
      return 'conflict';
    }
    this.commits.push(structuredClone(commit));
    for (const write of commit.writes) {
      this.tokens.set(write.next.token.id, structuredClone(write.next));
      this.lookups.set(write.next.secretHash, toLookup(write.next.token));
    }
    this.events.push(...structuredClone(commit.events));
    return 'committed';
  }

  /** A write by "someone else": bumps the revision like any real write. */
  forceWrite(tokenId: string, change: (token: Token) => Token): void {
    const stored = this.tokens.get(tokenId);
    if (!stored) throw new Error(`no token ${tokenId}`);
    const next = { ...stored, token: change(structuredClone(stored.token)), revision: stored.revision + 1 };
    this.tokens.set(tokenId, next);
    this.lookups.set(next.secretHash, toLookup(next.token));
  }

  lookupOfToken(tokenId: string): TokenLookup | undefined {
    const stored = this.tokens.get(tokenId);
    return stored ? this.lookups.get(stored.secretHash) : undefined;
  }
}
