// A host started on a store directory finds what an earlier host stored there; a memory host does not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_APP, startHost } from '../../support/host';

describe('store persistence across host restarts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'local-host-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps values written through @forge/kvs when the next host opens the same directory', async () => {
    const first = await startHost({ app: FIXTURE_APP, store: { dir } });
    await first.invoke('fixture-page', 'counter/increment');
    await first.invoke('fixture-page', 'counter/increment');
    await first.runScheduled('tick');
    await first.stop();

    const second = await startHost({ app: FIXTURE_APP, store: { dir } });
    try {
      await expect(second.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 2 });
      await expect(second.invoke('fixture-page', 'counter/increment')).resolves.toEqual({ counter: 3 });
    } finally {
      await second.stop();
    }
  });

  it('starts empty with the memory store', async () => {
    const host = await startHost({ app: FIXTURE_APP });
    try {
      await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 0 });
    } finally {
      await host.stop();
    }
  });
});
