/**
 * Event handlers in the ForgeDoc are the app's own functions (same realm). They receive what the
 * platform's renderer sends: a serialisable copy of the DOM event (UI Kit `SerialisableEvent`)
 * or, for some components, a plain value (Select option, date string, CheckboxGroup values).
 */
import type { SyntheticEvent } from 'react';

export interface SerialisableEvent {
  bubbles: boolean;
  cancelable: boolean;
  defaultPrevented: boolean;
  eventPhase: number;
  isTrusted: boolean;
  target: Record<string, unknown>;
  timeStamp: number;
  type: string;
}

export function serialiseEvent(event: SyntheticEvent, target: Record<string, unknown> = {}): SerialisableEvent {
  const element = event.target as HTMLInputElement;
  return {
    bubbles: event.bubbles,
    cancelable: event.cancelable,
    defaultPrevented: event.defaultPrevented,
    eventPhase: event.eventPhase,
    isTrusted: event.isTrusted,
    target: {
      value: element.value,
      checked: element.checked,
      name: element.name,
      id: element.id,
      tagName: element.tagName,
      type: element.type,
      ...(typeof element.selectionStart === 'number' ? { selectionStart: element.selectionStart, selectionEnd: element.selectionEnd } : {}),
      ...target,
    },
    timeStamp: event.timeStamp,
    type: event.type,
  };
}

/** Calls an app handler if there is one; a rejected promise is reported, not swallowed. */
export function callHandler(handler: unknown, ...args: unknown[]): void {
  if (typeof handler !== 'function') return;
  try {
    const result: unknown = (handler as (...input: unknown[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((error: unknown) => console.error('[preview] an event handler failed', error));
  } catch (error) {
    console.error('[preview] an event handler failed', error);
  }
}
