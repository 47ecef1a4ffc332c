/** The contract between request handlers and the engine that commits their mutations. */
import type { Mutation, StoreState } from './store-state';

export interface OperationContext {
  state: StoreState;
  /** Current time in epoch milliseconds (the engine's clock). */
  now: number;
}

export interface OperationResult {
  status: number;
  /** JSON body; absent means an empty body. */
  body?: unknown;
  /** What to persist and apply; empty for reads. Committed all together or not at all. */
  mutations: Mutation[];
}

export type OperationHandler = (context: OperationContext, body: unknown) => OperationResult;

export const noContent = (mutations: Mutation[] = []): OperationResult => ({ status: 204, mutations });
export const json = (body: unknown, mutations: Mutation[] = []): OperationResult => ({ status: 200, body, mutations });
