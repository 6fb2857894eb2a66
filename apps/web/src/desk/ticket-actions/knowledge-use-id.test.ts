import { describe, expect, it } from 'vitest';
import { newUseId } from './knowledge-use-id.ts';

/** What zod's z.uuid() on the server accepts for a version 4 UUID. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newUseId', () => {
  it('makes UUIDs the server takes, also where randomUUID is missing (plain HTTP)', () => {
    const withoutRandomUuid = {
      getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes),
    };
    const ids = [newUseId(), newUseId(withoutRandomUuid), newUseId(withoutRandomUuid)];
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(3);
    const zeros = newUseId({ getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => bytes });
    expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
  });
});
