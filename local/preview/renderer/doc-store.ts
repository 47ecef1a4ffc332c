/**
 * Holds the page's latest ForgeDoc. `@forge/react` mutates one tree in place and sends it after
 * every commit, so subscribers get a version number and read the tree afresh each time.
 */
import type { ForgeDoc } from './forge-doc';

export interface DocState {
  doc: ForgeDoc | null;
  error: string | null;
  version: number;
}

export class DocStore {
  private state: DocState = { doc: null, error: null, version: 0 };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly version = (): number => this.state.version;

  current(): DocState {
    return this.state;
  }

  setDoc(doc: ForgeDoc): void {
    this.update({ doc });
  }

  setError(error: unknown): void {
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    this.update({ error: message });
  }

  private update(change: Partial<DocState>): void {
    this.state = { ...this.state, ...change, version: this.state.version + 1 };
    for (const listener of this.listeners) listener();
  }
}
