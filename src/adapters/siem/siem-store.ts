/**
 * Storage of SIEM destinations: the list under one key, each destination's delivery state under
 * its own key, its credential as a Forge secret (`kvs.setSecret`) that no resolver ever returns.
 * A state write is a compare-and-set on its version: version n lives under its own key
 * `siem-state:<id>:<n>`, created with FAIL_IF_EXISTS, so of two writers of version n exactly one
 * succeeds, in one storage call: the write and the claim cannot come apart (a writer cut off
 * after it leaves nothing half-done). `siem-state-head:<id>` points at the latest version to
 * start the read from; a reader steps past it while newer versions exist, so a head write that
 * was lost only costs a probe. The version before the previous one is deleted as a new one lands.
 */
import { kvs } from '@forge/kvs';
import type { Destination } from '../../domain/siem/destination';
import type { LeasedState } from '../../domain/siem/deliver';
import { isConflict } from '../kvs/errors';

export const SIEM_KEY = {
  destinations: 'siem-destinations',
  statePrefix: 'siem-state:',
  headPrefix: 'siem-state-head:',
  credentialPrefix: 'siem-credential:',
} as const;

const stateKey = (id: string, version: number): string => `${SIEM_KEY.statePrefix}${id}:${version}`;
const headKey = (id: string): string => `${SIEM_KEY.headPrefix}${id}`;
/** Newer versions a reader steps through past the head before it gives up (a lost head write is rare). */
const MAX_PROBES = 20;

export async function listDestinations(): Promise<Destination[]> {
  return (await kvs.get<Destination[]>(SIEM_KEY.destinations)) ?? [];
}

export async function saveDestinations(destinations: Destination[]): Promise<void> {
  await kvs.set(SIEM_KEY.destinations, destinations);
}

export async function readState(id: string): Promise<LeasedState | null> {
  let version = (await kvs.get<number>(headKey(id))) ?? 0;
  let state = (await kvs.get<LeasedState>(stateKey(id, version))) ?? null;
  if (!state) return null;
  for (let probe = 0; probe < MAX_PROBES; probe += 1) {
    const newer = await kvs.get<LeasedState>(stateKey(id, version + 1));
    if (!newer) break;
    version += 1;
    state = newer;
  }
  return state;
}

export async function writeState(id: string, next: LeasedState, expectedVersion: number): Promise<boolean> {
  const version = expectedVersion + 1;
  try {
    await kvs.set(stateKey(id, version), { ...next, version }, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
  await Promise.all([kvs.set(headKey(id), version), version >= 2 ? kvs.delete(stateKey(id, version - 2)) : Promise.resolve()]);
  return true;
}

export async function initState(id: string, state: LeasedState): Promise<void> {
  await kvs.set(stateKey(id, 0), { ...state, version: 0 });
  await kvs.set(headKey(id), 0);
}

export async function deleteDestinationData(id: string): Promise<void> {
  const head = (await kvs.get<number>(headKey(id))) ?? 0;
  const versions = Array.from({ length: MAX_PROBES + 2 }, (_, k) => head - 1 + k).filter((v) => v >= 0);
  await Promise.all([...versions.map((v) => kvs.delete(stateKey(id, v))), kvs.delete(headKey(id)), kvs.deleteSecret(`${SIEM_KEY.credentialPrefix}${id}`)]);
}

export async function setCredential(id: string, credential: string): Promise<void> {
  await kvs.setSecret(`${SIEM_KEY.credentialPrefix}${id}`, credential);
}

export async function readCredential(id: string): Promise<string | null> {
  return (await kvs.getSecret<string>(`${SIEM_KEY.credentialPrefix}${id}`)) ?? null;
}

export async function hasCredential(id: string): Promise<boolean> {
  return (await readCredential(id)) !== null;
}
