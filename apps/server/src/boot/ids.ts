import { randomBytes } from 'node:crypto';
import type { IdSource } from '../app-deps.ts';

/**
 * Time-ordered ids (UUID version 7 layout): sortable by creation, unique across
 * processes without coordination, and they index well in both stores.
 */
export function createIdSource(now: () => number = Date.now): IdSource {
  return {
    next() {
      const bytes = randomBytes(16);
      const ms = BigInt(now());
      for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
