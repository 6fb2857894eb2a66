import { randomUUID } from 'node:crypto';
import type { IdSource } from '../app-deps.ts';

/**
 * Time-ordered ids (UUID version 7 layout): sortable by creation, unique across
 * processes without coordination, and they index well in both stores. The
 * random part comes from randomUUID, which draws from a pooled buffer: one
 * request makes a dozen ids, so a system call each would show in profiles.
 */
export function createIdSource(now: () => number = Date.now): IdSource {
  return {
    next() {
      const random = randomUUID();
      const time = now().toString(16).padStart(12, '0').slice(-12);
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
    },
  };
}
