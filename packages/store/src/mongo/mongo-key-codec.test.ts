import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDocument, decodeKey, encodeDocument, encodeKey } from './mongo-key-codec.ts';

/** Every object key at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);
}

/** Keys drawn from the characters that matter, so collisions with the escapes are likely. */
const trickyKey = fc.string({ unit: fc.constantFrom('~', '.', '$', '\u0000', 't', 'd', 's', 'e', '0', 'a') });

const trickyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1.5, '', '$set', 'a.b', '~t'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

function storable(key: string): boolean {
  return key !== '' && !key.startsWith('$') && !key.includes('.') && !key.includes('\u0000');
}

describe('Mongo key codec', () => {
  it('gives back any JSON document exactly, and stores no key MongoDB would refuse', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), trickyJson), (value) => {
        const stored = encodeDocument(value);
        expect(keysOf(stored).every(storable)).toBe(true);
        // A copy stands in for the trip through BSON (which keeps -0, unlike JSON text).
        expect(decodeDocument(structuredClone(stored))).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps distinct keys distinct', () => {
    fc.assert(
      fc.property(trickyKey, trickyKey, (a, b) => {
        fc.pre(a !== b);
        expect(encodeKey(a)).not.toBe(encodeKey(b));
        expect(decodeKey(encodeKey(a))).toBe(a);
      }),
    );
  });

  it('leaves ordinary keys and every value untouched', () => {
    const state = { customer: { name: '$ Wang', note: 'a.b' }, 订单号: ['x.y', { ok: true }] };
    expect(encodeDocument(state)).toEqual(state);
    expect(encodeDocument({ 'order.no': 'A-1', $where: '1', 'a~b': 2, '': 3 })).toEqual({
      'order~dno': 'A-1',
      '~swhere': '1',
      'a~tb': 2,
      '~e': 3,
    });
  });

  it('keeps __proto__ as an ordinary key, as JSON.parse does', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a.b": 1}') as Record<string, unknown>;
    const decoded = decodeDocument(encodeDocument(parsed)) as Record<string, unknown>;
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decoded).toEqual(parsed);
  });

  it('leaves out fields that hold undefined, as JSON does, so none comes back as null', () => {
    expect(
      encodeDocument({ pending: undefined, state: { node: 'a', retry: undefined }, list: [1] }),
    ).toStrictEqual({
      state: { node: 'a' },
      list: [1],
    });
    expect(Object.keys(encodeDocument({ a: undefined }) as object)).toEqual([]);
  });
});
