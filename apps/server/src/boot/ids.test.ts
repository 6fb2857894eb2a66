import { describe, expect, it } from 'vitest';
import { createIdSource } from './ids.ts';

describe('createIdSource', () => {
  it('makes unique, UUID-shaped ids that sort by creation time', () => {
    let clock = 1_790_000_000_000;
    const ids = createIdSource(() => clock);
    const made: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 100 === 0) clock += 1;
      made.push(ids.next());
    }
    expect(new Set(made).size).toBe(made.length);
    for (const id of made)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const firstOfEachMs = made.filter((_, i) => i % 100 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
  });
});
