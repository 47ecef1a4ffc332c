/**
 * The `x-audit-log-description` header value (docs/api-calls.md).
 * A header value that carried CR or LF could split the request (header injection), and non-ASCII bytes are
 * not portable in HTTP/1.1 headers; so the value is printable ASCII only, one line, at most 250 characters.
 */
export const AUDIT_DESCRIPTION_HEADER = 'x-audit-log-description';
export const MAX_DESCRIPTION_LENGTH = 250;

/** Printable ASCII (space to tilde), no leading, trailing or doubled spaces, 1 to 250 characters. */
const CLEAN = /^(?! )(?!.* {2})[\x20-\x7e]{1,250}(?<! )$/;

export function isCleanHeaderValue(value: string): boolean {
  return CLEAN.test(value);
}

/**
 * Makes any text a clean header value: letters with accents lose them (é → e), every other character outside
 * printable ASCII (CR, LF, tab, other controls, emoji...) becomes a space, runs of spaces collapse, and the result
 * is trimmed and cut to 250 characters. A clean value comes back unchanged.
 */
export function sanitizeHeaderValue(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return ascii.slice(0, MAX_DESCRIPTION_LENGTH).trimEnd();
}

export class InvalidCatalogDescriptionError extends Error {
  constructor(id: string, description: string) {
    super(
      `Outbound catalog entry ${id}: the description must be printable ASCII on one line, 1-${MAX_DESCRIPTION_LENGTH} characters, without leading, trailing or doubled spaces (got ${JSON.stringify(description.slice(0, 60))}...)`,
    );
    this.name = 'InvalidCatalogDescriptionError';
  }
}

/** Throws on the first entry whose sentence is not already a clean header value (run when the client loads). */
export function assertCleanDescriptions(catalog: Record<string, { description: string }>): void {
  for (const [id, entry] of Object.entries(catalog)) {
    if (!isCleanHeaderValue(entry.description)) throw new InvalidCatalogDescriptionError(id, entry.description);
  }
}
