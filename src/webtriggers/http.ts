/** The platform's web trigger request and response shapes (local/server/README.md, Forge docs). */
export interface WebTriggerRequest {
  method: string;
  path?: string;
  headers: Record<string, string[] | undefined>;
  queryParameters?: Record<string, string[] | undefined>;
  body?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): WebTriggerResponse {
  const all: Record<string, string[]> = { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'] };
  for (const [name, value] of Object.entries(headers)) all[name] = [value];
  return { statusCode, headers: all, body: JSON.stringify(body) };
}
