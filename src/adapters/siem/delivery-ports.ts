/** The delivery step's ports wired to Forge storage, egress and the clock. */
import { randomUUID } from 'node:crypto';
import type { DeliveryPorts } from '../../domain/siem/deliver';
import type { Destination } from '../../domain/siem/destination';
import { eventsAfter } from './event-reader';
import { sendSiemRequest } from '../outbound/siem-send';
import { readCredential, readState, writeState } from './siem-store';

export function deliveryPorts(destination: Destination): DeliveryPorts {
  return {
    readState,
    writeState,
    readEvents: eventsAfter,
    credential: readCredential,
    send: (request) => sendSiemRequest(destination.kind, request),
    now: () => Date.now(),
    owner: randomUUID(),
  };
}
