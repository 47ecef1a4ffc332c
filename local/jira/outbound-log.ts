/** Every product call the app made, in order, as `GET /api/outbound` reports it. */
export interface OutboundDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export interface OutboundCall {
  descriptor: OutboundDescriptor;
  method: string;
  path: string;
  /** Header names lower-cased (HTTP names are case-insensitive); values exactly as sent. */
  headers: Record<string, string>;
  /** The request body as sent, when there was one. */
  body?: string;
  /** Who the call acted as in the stand-in (the invocation's user or the app's own user). */
  actingAccountId: string | null;
  status: number;
}

export class OutboundLog {
  private calls: OutboundCall[] = [];

  record(call: OutboundCall): void {
    this.calls.push(call);
  }

  list(): OutboundCall[] {
    return this.calls.map((call) => ({ ...call, headers: { ...call.headers } }));
  }

  reset(): void {
    this.calls = [];
  }
}
