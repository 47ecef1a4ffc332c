/**
 * Text from the request (the path, and any other string a caller wrote) goes into log lines and
 * audit records; a caller may have put a secret there, in any spelling. Before matching, the text
 * is percent-decoded (repeatedly, bounded, malformed escapes left as they are) and normalised
 * (NFKC, case-folded); then two things are replaced by `[redacted]`:
 *
 *   1. Any run of SECRET_RUN or more characters of a presented credential, in any case and
 *      whatever is inserted between its characters (`+`, `-`, `_`, `.`, `/`, `%20`, spaces,
 *      zero-width characters...): only letters and digits count, everything else is a separator.
 *      A token's prefix next to such a run goes with it.
 *   2. Anything shaped like one of our tokens, presented or not: the prefix in any case followed
 *      (after at most a few separators) by 32 or more letters and digits, or, within a run of
 *      letters and digits, 38 whose last 6 are the checksum of the first 32 (a token without
 *      its prefix). A run too long to search cheaply (MAX_CHECKED_RUN) is redacted whole.
 *
 * What is recorded is the text AS SENT, with the redacted spans (mapped back from the decoded
 * text to the characters that spelled them) replaced. The raw form is kept rather than the decoded
 * one because it is the request the upstream saw (`%2F` and `/` are different paths), two requests
 * that decode alike stay distinguishable, and decoding would let a caller write line breaks or
 * bidirectional overrides into logs and the audit page. For the same reason, control, format,
 * separator and space characters left in the recorded text are percent-encoded.
 */
import { base62Checksum, CHECKSUM_LENGTH, RANDOM_LENGTH, TOKEN_PREFIX } from '../tokens/format';

export const REDACTED = '[redacted]';
/** A run this long of a presented secret is redacted wherever it appears; shorter runs are coincidence. */
export const SECRET_RUN = 8;
/** Presented strings with fewer letters and digits are not searched for: they would match by coincidence, not leak. */
const MIN_SECRET_LENGTH = 6;
/**
 * Percent-decoding passes (each one costs a copy of the text). What would still decode after
 * them is redacted unread: no client encodes eight times over by accident.
 */
const MAX_DECODE_PASSES = 8;
/** Separators allowed between an unpresented token's prefix and its body (`atat_`, `atat_+`, `atat%5F%20`). */
const MAX_PREFIX_SEPARATORS = 3;
const FOLDED_PREFIX = TOKEN_PREFIX.replace(/[^0-9A-Za-z]/g, '').toLowerCase();
const BODY_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
/**
 * Runs of letters and digits up to this long are searched for a token's body at every offset
 * (one checksum each); a longer run could hide one anywhere and is redacted whole. Paths rarely
 * hold such runs: hashes are 40 or 64 characters, and identifiers are broken by separators.
 */
const MAX_CHECKED_RUN = 4 * BODY_LENGTH;

/** Characters that take no space: zero-width and bidi controls, soft hyphens, combining marks, controls. */
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\p{Cc}]$/u;
/** What is percent-encoded in the recorded text: it could break or reorder a line, or hide a character. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}\s]/gu;
const PREFIX_SHAPED = new RegExp(`(?<![0-9a-z])${FOLDED_PREFIX}[^0-9a-z]{0,${MAX_PREFIX_SEPARATORS}}[0-9a-z]{${RANDOM_LENGTH},}`, 'gi');

/** A range [from, to) of indices, in the raw text or in the view. */
type Span = [from: number, to: number];

/**
 * The text as code points, each with the span [from, to) of the raw text that spelled it. A
 * decoded character spans all the escapes it came from, through every layer of encoding.
 */
interface Units {
  length: number;
  codes: Int32Array;
  from: Int32Array;
  to: Int32Array;
}

/**
 * The normalised view: one entry per visible character (invisible ones are dropped), an ASCII
 * letter or digit as written (case kept for checksums) or any other character for a separator,
 * with the raw span of each entry (null: entry i is raw character i, the text is its own view).
 */
interface View {
  shape: string;
  from: Int32Array | null;
  to: Int32Array | null;
  /** Raw spans still encoded after MAX_DECODE_PASSES layers: no client encodes that deep by accident. */
  tooDeep: Span[];
}

/** Printable ASCII without escapes: the view is the text itself. */
const PLAIN = /^[\x20-\x24\x26-\x7e]*$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
/** 0–35 for an ASCII letter (either case) or digit; 255 for anything else. */
const SYMBOL = new Uint8Array(128).fill(255);
for (let i = 0; i < 36; i += 1) {
  const char = i.toString(36);
  SYMBOL[char.charCodeAt(0)] = i;
  SYMBOL[char.toUpperCase().charCodeAt(0)] = i;
}
const symbolOf = (code: number): number => (code < 128 ? SYMBOL[code] : 255);
const PERCENT = 37;
const UTF16LE = new TextDecoder('utf-16le');
const SEPARATOR = ' ';

function units(length: number): Units {
  return { length: 0, codes: new Int32Array(length), from: new Int32Array(length), to: new Int32Array(length) };
}

function push(out: Units, code: number, from: number, to: number): void {
  out.codes[out.length] = code;
  out.from[out.length] = from;
  out.to[out.length] = to;
  out.length += 1;
}

function rawUnits(text: string): Units {
  const out = units(text.length);
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const size = code > 0xffff ? 2 : 1;
    push(out, code, i, i + size);
    i += size;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The byte of a `%XX` escape starting at unit i, or -1. */
function escapedByte(input: Units, i: number): number {
  if (i + 2 >= input.length || input.codes[i] !== PERCENT) return -1;
  const high = hexValue(input.codes[i + 1]);
  const low = hexValue(input.codes[i + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/**
 * The code point of the UTF-8 sequence at bytes[k], times 8, plus its length; -1 when malformed.
 * Overlong forms are accepted: no server should read them, but a spelling that some decoder
 * reads as the secret is still the secret, and this decoding only serves matching.
 */
function utf8At(bytes: readonly number[], k: number): number {
  const lead = bytes[k];
  if (lead < 0x80) return lead * 8 + 1;
  const length = lead >= 0xf8 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length === 0 || k + length > bytes.length) return -1;
  let codePoint = lead & (0x7f >> length);
  for (let m = 1; m < length; m += 1) {
    const next = bytes[k + m];
    if ((next & 0xc0) !== 0x80) return -1;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return -1;
  return codePoint * 8 + length;
}

/**
 * One pass of percent-decoding; null when there was nothing to decode. Malformed escapes stay as
 * they are. The raw span of every character decoded is added to `decodedSpans` when given.
 */
function decodeOnce(input: Units, decodedSpans?: Span[]): Units | null {
  let first = 0;
  while (first < input.length && escapedByte(input, first) < 0) first += 1;
  if (first === input.length) return null;
  const out = units(input.length);
  const keep = (i: number): void => push(out, input.codes[i], input.from[i], input.to[i]);
  for (let i = 0; i < first; i += 1) keep(i);
  let changed = false;
  let i = first;
  while (i < input.length) {
    if (escapedByte(input, i) < 0) {
      keep(i);
      i += 1;
      continue;
    }
    // A run of escapes is decoded as UTF-8 together: a character may take several.
    const bytes: number[] = [];
    const starts: number[] = [];
    let j = i;
    for (let byte = escapedByte(input, j); byte >= 0; byte = escapedByte(input, j)) {
      bytes.push(byte);
      starts.push(j);
      j += 3;
    }
    let k = 0;
    while (k < bytes.length) {
      const decoded = utf8At(bytes, k);
      if (decoded < 0) {
        for (let m = starts[k]; m < starts[k] + 3; m += 1) keep(m);
        k += 1;
        continue;
      }
      const length = decoded % 8;
      push(out, (decoded - length) / 8, input.from[starts[k]], input.to[starts[k + length - 1] + 2]);
      decodedSpans?.push([input.from[starts[k]], input.to[starts[k + length - 1] + 2]]);
      changed = true;
      k += length;
    }
    i = j;
  }
  return changed ? out : null;
}

/**
 * What a non-ASCII character stands for in the view: its letters and digits, SEPARATOR, or ''
 * when it is invisible. NFKC per character, not over the whole text: composing across characters
 * would let a combining mark written after a letter of the secret turn that letter into another
 * one (`e` + U+0301 → `é`). A character whose lower case holds ASCII letters (`İ` → `i̇`) stands
 * for those letters. Cached: paths repeat their characters.
 */
const standsForCache = new Map<number, string>();
const MAX_CACHED = 4096;

function standsFor(code: number): string {
  const cached = standsForCache.get(code);
  if (cached !== undefined) return cached;
  let out = '';
  for (const part of String.fromCodePoint(code).normalize('NFKC')) {
    const partCode = part.charCodeAt(0);
    if (partCode < 0x80) {
      if (symbolOf(partCode) !== 255) out += part;
      else if (partCode >= 0x20 && partCode !== 0x7f) out += SEPARATOR;
      continue;
    }
    const letters = part.toLowerCase().replace(/[^0-9a-z]/g, '');
    if (letters.length > 0) out += letters;
    else if (!INVISIBLE.test(part)) out += SEPARATOR;
  }
  if (standsForCache.size >= MAX_CACHED) standsForCache.clear();
  standsForCache.set(code, out);
  return out;
}

function normalise(input: Units): Omit<View, 'tooDeep'> {
  // Most characters stand for one entry; NFKC can expand one into several (`ﬁ` → `fi`).
  let capacity = input.length + 16;
  // The shape as UTF-16LE bytes, decoded once at the end: cheaper than building a string per character.
  let bytes = new Uint8Array(2 * capacity);
  let from = new Int32Array(capacity);
  let to = new Int32Array(capacity);
  let length = 0;
  for (let i = 0; i < input.length; i += 1) {
    const code = input.codes[i];
    const stands = code < 0x80 ? null : standsFor(code);
    const count = stands === null ? (code >= 0x20 && code !== 0x7f ? 1 : 0) : stands.length;
    if (length + count > capacity) {
      capacity = 2 * capacity + count;
      bytes = grow(bytes, new Uint8Array(2 * capacity));
      from = grow(from, new Int32Array(capacity));
      to = grow(to, new Int32Array(capacity));
    }
    for (let m = 0; m < count; m += 1) {
      // An ASCII separator is kept as written: any character but a letter or digit separates.
      const unit = stands === null ? code : stands.charCodeAt(m);
      bytes[2 * length] = unit & 0xff;
      bytes[2 * length + 1] = unit >> 8;
      from[length] = input.from[i];
      to[length] = input.to[i];
      length += 1;
    }
  }
  return { shape: UTF16LE.decode(bytes.subarray(0, 2 * length)), from, to };
}

function grow<T extends Uint8Array | Int32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/** Decoded and normalised; printable ASCII without escapes is its own view. */
function view(text: string): View {
  if (PLAIN.test(text)) return { shape: text, from: null, to: null, tooDeep: [] };
  let decoded = rawUnits(text);
  const tooDeep: Span[] = [];
  for (let pass = 0; pass <= MAX_DECODE_PASSES; pass += 1) {
    // The pass after the last one only finds what would still decode, to be redacted unread.
    const next = decodeOnce(decoded, pass === MAX_DECODE_PASSES ? tooDeep : undefined);
    if (next === null || pass === MAX_DECODE_PASSES) break;
    decoded = next;
  }
  return { ...normalise(decoded), tooDeep };
}

/**
 * The runs to look for, by length: every SECRET_RUN-long run of letters and digits of a presented
 * string (the whole string when it is shorter). A run is kept as its base-36 value (36^8 < 2^53:
 * exact), and a bitmap over a 32-bit hash of it lets the scan skip almost every position cheaply.
 */
interface Runs {
  length: number;
  values: Set<number>;
  filter: Uint8Array;
}

const FILTER_BITS = 12;

/** The 32-bit hash of a run: its base-36 value modulo 2^32, which a rolling scan can keep in int32 arithmetic. */
function filterSlot(hash: number): number {
  return hash >>> (32 - FILTER_BITS);
}

/**
 * The log line and the event of one verification redact with the same list of credentials (which
 * is never changed once read): computed once, and forgotten with the list, so nothing derived
 * from a secret outlives its request.
 */
const runsOf = new WeakMap<readonly string[], Runs[]>();

function secretRuns(presented: readonly string[]): Runs[] {
  const cached = runsOf.get(presented);
  if (cached) return cached;
  const byLength = new Map<number, Runs>();
  for (const secret of presented) {
    const { shape } = view(secret);
    const symbols: number[] = [];
    for (let i = 0; i < shape.length; i += 1) {
      const value = symbolOf(shape.charCodeAt(i));
      if (value !== 255) symbols.push(value);
    }
    if (symbols.length < MIN_SECRET_LENGTH) continue;
    const length = Math.min(SECRET_RUN, symbols.length);
    const runs = byLength.get(length) ?? { length, values: new Set<number>(), filter: new Uint8Array(1 << FILTER_BITS) };
    byLength.set(length, runs);
    for (let start = 0; start + length <= symbols.length; start += 1) {
      let value = 0;
      let hash = 0;
      for (let m = start; m < start + length; m += 1) {
        value = value * 36 + symbols[m];
        hash = (Math.imul(hash, 36) + symbols[m]) | 0;
      }
      runs.values.add(value);
      runs.filter[filterSlot(hash)] = 1;
    }
  }
  const runs = [...byLength.values()];
  runsOf.set(presented, runs);
  return runs;
}

/** Spans (in view indices) of the letters and digits that spell a run of a presented secret. */
function presentedSpans(shape: string, all: readonly Runs[]): Span[] {
  const hits: Span[] = [];
  for (const { length, values, filter } of all) {
    // A rolling hash over the last `length` letters and digits: separators do not break a run.
    const top = 36 ** (length - 1) % 2 ** 32 | 0;
    const symbols = new Uint8Array(length);
    const at = new Int32Array(length);
    let hash = 0;
    let seen = 0;
    let slot = 0;
    for (let i = 0; i < shape.length; i += 1) {
      const next = symbolOf(shape.charCodeAt(i));
      if (next === 255) continue;
      if (seen >= length) hash = (hash - Math.imul(symbols[slot], top)) | 0;
      hash = (Math.imul(hash, 36) + next) | 0;
      symbols[slot] = next;
      at[slot] = i;
      seen += 1;
      slot = slot + 1 === length ? 0 : slot + 1;
      // `slot` now holds the oldest letter of the window.
      if (seen < length || filter[filterSlot(hash)] === 0) continue;
      let value = 0;
      for (let m = 0; m < length; m += 1) value = value * 36 + symbols[(slot + m) % length];
      if (values.has(value)) hits.push([at[slot], i + 1]);
    }
  }
  return merge(hits).map(([start, end]) => [withPrefix(shape, start), end]);
}

/** Where a redacted run starts once the token prefix just before it (separators allowed) goes with it. */
function withPrefix(shape: string, start: number): number {
  let i = start;
  for (let m = FOLDED_PREFIX.length - 1; m >= 0; m -= 1) {
    do i -= 1;
    while (i >= 0 && symbolOf(shape.charCodeAt(i)) === 255);
    if (i < 0 || (shape.charCodeAt(i) | 0x20) !== FOLDED_PREFIX.charCodeAt(m)) return start;
  }
  return i;
}

/** Spans (in view indices) of anything shaped like one of our tokens. */
function tokenShapedSpans(shape: string): Span[] {
  const spans: Span[] = [];
  for (const match of shape.matchAll(PREFIX_SHAPED)) spans.push([match.index, match.index + match[0].length]);
  // A token without its prefix: BODY_LENGTH letters and digits, checksum included, anywhere in a run.
  let runStart = 0;
  for (let i = 0; i <= shape.length; i += 1) {
    if (i < shape.length && symbolOf(shape.charCodeAt(i)) !== 255) continue;
    if (i - runStart > MAX_CHECKED_RUN || holdsToken(shape, runStart, i)) spans.push([runStart, i]);
    runStart = i + 1;
  }
  return spans;
}

/**
 * CRC-32 (the one `checksumOf` takes from zlib) in JavaScript, with the prefix's state computed
 * once: a run may need a checksum at every offset, and a native call with a new string per offset
 * costs ten times as much.
 */
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc;
});
const PREFIX_CRC_STATE = [...TOKEN_PREFIX].reduce((state, char) => CRC_TABLE[(state ^ char.charCodeAt(0)) & 0xff] ^ (state >>> 8), -1);
/** A checksum is below 2^32 < 5 × 62^5: its first base62 digit is 0 to 4. */
const MAX_FIRST_CHECKSUM_DIGIT = '4'.charCodeAt(0);

function holdsToken(shape: string, start: number, end: number): boolean {
  for (let at = start; at + BODY_LENGTH <= end; at += 1) {
    if (shape.charCodeAt(at + RANDOM_LENGTH) > MAX_FIRST_CHECKSUM_DIGIT) continue;
    let state = PREFIX_CRC_STATE;
    for (let m = at; m < at + RANDOM_LENGTH; m += 1) state = CRC_TABLE[(state ^ shape.charCodeAt(m)) & 0xff] ^ (state >>> 8);
    if (base62Checksum(~state) === shape.slice(at + RANDOM_LENGTH, at + BODY_LENGTH)) return true;
  }
  return false;
}

/** Sorted, with overlapping and touching spans joined. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}

function escapeUnsafe(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(UNSAFE, (char) => (/\p{Cs}/u.test(char) ? '%EF%BF%BD' : encodeURIComponent(char)));
}

/**
 * The text as sent, with every spelling of a presented secret and anything shaped like a token
 * replaced by `[redacted]`, and characters that could hide or reorder text percent-encoded.
 */
export function redact(text: string, presented: readonly string[]): string {
  // The log line and the event of a verification record the same path.
  const last = lastRedaction.get(presented);
  if (last?.text === text) return last.redacted;
  const redacted = redactOnce(text, presented);
  lastRedaction.set(presented, { text, redacted });
  return redacted;
}

const lastRedaction = new WeakMap<readonly string[], { text: string; redacted: string }>();

function redactOnce(text: string, presented: readonly string[]): string {
  const { shape, from, to, tooDeep } = view(text);
  const runs = secretRuns(presented);
  const inView = runs.length === 0 ? tokenShapedSpans(shape) : [...presentedSpans(shape, runs), ...tokenShapedSpans(shape)];
  if (inView.length === 0 && tooDeep.length === 0) return escapeUnsafe(text);
  const inRaw = inView.map(([start, end]): Span => (from === null || to === null ? [start, end] : [from[start], to[end - 1]]));
  const raw = merge([...inRaw, ...tooDeep]);
  let out = '';
  let kept = 0;
  for (const [start, end] of raw) {
    out += escapeUnsafe(text.slice(kept, start)) + REDACTED;
    kept = end;
  }
  return out + escapeUnsafe(text.slice(kept));
}

/** Several strings from the request (the `X-Forwarded-For` chain kept with a token's usage), each redacted. */
export function redactEach(texts: readonly string[], presented: readonly string[]): string[] {
  return texts.map((text) => redact(text, presented));
}

/** The path without its query string, redacted; '-' when there is none. */
export function recordablePath(path: string | null, presented: readonly string[]): string {
  if (path === null) return '-';
  // Redact before cutting, so that a secret spanning the '?' leaves no fragment behind.
  const whole = redact(path, presented);
  const query = whole.indexOf('?');
  return query === -1 ? whole : whole.slice(0, query);
}

/** One line of free text for a log: control characters (line breaks included) become spaces. */
export function singleLine(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}
