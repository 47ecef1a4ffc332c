/** The delivery step's ports wired to Forge storage, egress and the clock. */
import { randomUUID } from 'node:crypto';
import { ATTRIBUTES } from '../../domain/audit/model';
import type { DeliveryPorts } from '../../domain/siem/deliver';
import type { Destination } from '../../domain/siem/destination';
import { eventsAfter } from './event-reader';
import { SIEM_CALL_PREFIX, sendSiemRequest } from '../outbound/siem-send';
import { readCredential, readState, writeState } from './siem-store';

export function deliveryPorts(destination: Destination): DeliveryPorts {
  return {
    readState,
    writeState,
    readEvents: eventsAfter,
    credential: readCredential,
    send: (request) => sendSiemRequest(destination.kind, request),
    causesRun: (event) => !event.extraAttributes.some((attribute) => attribute.name === ATTRIBUTES.callId && attribute.value.startsWith(SIEM_CALL_PREFIX)),
    now: () => Date.now(),
    owner: randomUUID(),
  };
}
