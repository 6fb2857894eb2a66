import { describe, expect, it } from 'vitest';
import { normalizeIso } from './time.ts';

describe('normalizeIso', () => {
  it('keeps canonical UTC text and rewrites other forms to it', () => {
    expect(normalizeIso('2026-11-23T01:32:59.924Z')).toBe('2026-11-23T01:32:59.924Z');
    expect(normalizeIso('2026-11-23T09:32:59+08:00')).toBe('2026-11-23T01:32:59.000Z');
    expect(normalizeIso('2026-11-23')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('gives the same answer as a full round trip for days and times the fast path does not vouch for', () => {
    // Date.parse rolls these over instead of refusing them; stored text must say what they became.
    expect(normalizeIso('2026-02-31T00:00:00.000Z')).toBe('2026-03-03T00:00:00.000Z');
    expect(normalizeIso('2026-01-01T24:00:00.000Z')).toBe('2026-01-02T00:00:00.000Z');
    for (let day = 1; day <= 31; day++) {
      const text = `2026-01-${String(day).padStart(2, '0')}T23:59:59.999Z`;
      expect(normalizeIso(text)).toBe(new Date(Date.parse(text)).toISOString());
    }
  });

  it('refuses text that is not a time', () => {
    expect(() => normalizeIso('2026-13-01T00:00:00.000Z')).toThrow(RangeError);
    expect(() => normalizeIso('soon')).toThrow(RangeError);
  });
});
