/** Identifiers drawn from the injected random source, so tests can pin them. */
import type { RandomSource } from './ports';

/** An RFC 4122 version-4 UUID from 16 random bytes. */
export function randomUuid(random: RandomSource): string {
  const bytes = random.bytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
