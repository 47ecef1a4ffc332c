/**
 * What a reader of a log line or a stored record could still make of a secret: the text is
 * percent-decoded as far as it goes (a run of escapes that is not valid UTF-8 one escape at a
 * time), NFKC-normalised and lower-cased, and only its letters and digits are kept, so that case,
 * encodings and inserted separators hide nothing. Independent of src/domain/verification/redact.ts.
 */

/** This many characters of a secret in a row count as a leak (issue 11); fewer match by coincidence. */
export const LEAK_RUN = 8;

export function readableLetters(text: string): string {
  let decoded = text;
  for (let pass = 0; pass < 12; pass += 1) {
    const next = decoded.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.replace(/%[0-9A-Fa-f]{2}/g, (one) => (parseInt(one.slice(1), 16) < 0x80 ? decodeURIComponent(one) : one));
      }
    });
    if (next === decoded) break;
    decoded = next;
  }
  return decoded.normalize('NFKC').toLowerCase().replace(/[^0-9a-z]/g, '');
}

/** The runs of LEAK_RUN letters and digits of `secret` that can be read in `text`. */
export function leakedRuns(text: string, secret: string): string[] {
  const readable = readableLetters(text);
  const folded = secret.toLowerCase().replace(/[^0-9a-z]/g, '');
  const leaked: string[] = [];
  for (let start = 0; start + LEAK_RUN <= folded.length; start += 1) {
    const run = folded.slice(start, start + LEAK_RUN);
    if (readable.includes(run)) leaked.push(run);
  }
  return leaked;
}
