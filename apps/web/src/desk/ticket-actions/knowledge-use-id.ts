/**
 * A fresh UUID v4 naming one insertion of a knowledge article into a reply
 * (knowledge.recordUse's `useId`): the server records a use once per id, so a
 * double click or a retried request counts once. `crypto.randomUUID` exists
 * only on HTTPS and localhost; FlowDesk served over plain HTTP on an office
 * network builds the same from `getRandomValues`, which works everywhere.
 */
/** The part of Web Crypto it needs; tests pass their own. */
export interface UseIdRandom {
  getRandomValues(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  randomUUID?: () => string;
}

export function newUseId(random: UseIdRandom = crypto) {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
