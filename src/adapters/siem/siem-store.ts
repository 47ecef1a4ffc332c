/**
 * Storage of SIEM destinations: the list under one key, each destination's delivery state under
 * its own key, its credential as a Forge secret (`kvs.setSecret`) that no resolver ever returns.
 * A state write is a compare-and-set on its version: the writer first creates the key
 * `siem-claim:<id>:<version>` with FAIL_IF_EXISTS (one minute TTL, so a writer cut off between the
 * two calls blocks nobody for long), and only the one that created it writes the state.
 */
import { kvs } from '@forge/kvs';
import type { Destination } from '../../domain/siem/destination';
import type { LeasedState } from '../../domain/siem/deliver';
import { isConflict } from '../audit/kvs-errors';

export const SIEM_KEY = {
  destinations: 'siem-destinations',
  statePrefix: 'siem-state:',
  claimPrefix: 'siem-claim:',
  credentialPrefix: 'siem-credential:',
} as const;

export async function listDestinations(): Promise<Destination[]> {
  return (await kvs.get<Destination[]>(SIEM_KEY.destinations)) ?? [];
}

export async function saveDestinations(destinations: Destination[]): Promise<void> {
  await kvs.set(SIEM_KEY.destinations, destinations);
}

export async function readState(id: string): Promise<LeasedState | null> {
  return (await kvs.get<LeasedState>(`${SIEM_KEY.statePrefix}${id}`)) ?? null;
}

export async function writeState(id: string, next: LeasedState, expectedVersion: number): Promise<boolean> {
  try {
    await kvs.set(`${SIEM_KEY.claimPrefix}${id}:${expectedVersion}`, true, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 60, unit: 'SECONDS' } });
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
  await kvs.set(`${SIEM_KEY.statePrefix}${id}`, next);
  return true;
}

export async function initState(id: string, state: LeasedState): Promise<void> {
  await kvs.set(`${SIEM_KEY.statePrefix}${id}`, state);
}

export async function deleteDestinationData(id: string): Promise<void> {
  await Promise.all([kvs.delete(`${SIEM_KEY.statePrefix}${id}`), kvs.deleteSecret(`${SIEM_KEY.credentialPrefix}${id}`)]);
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
