import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonFault, locateJsonFault } from './json-fault.ts';

function parseMessage(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('locateJsonFault', () => {
  it('places "Unexpected end of JSON input" (Node 20) at the end of the content', () => {
    const fault = locateJsonFault('{"nodes":', 'Unexpected end of JSON input');
    expect(fault).toMatchObject({ offset: 9, line: 1, column: 10, found: { kind: 'end' } });
    // A trailing newline does not push the fault onto an empty last line.
    expect(locateJsonFault('{\n  "nodes":\n\n', 'Unexpected end of JSON input')).toMatchObject({
      line: 2,
      column: 11,
      found: { kind: 'end' },
    });
  });

  it('trusts a position in the message, in either Node style', () => {
    const newer = "Expected property name or '}' in JSON at position 1 (line 1 column 2)";
    expect(locateJsonFault('{,}', newer)).toMatchObject({ line: 1, column: 2, found: { character: ',' } });
    const older = 'Unexpected token , in JSON at position 1';
    expect(locateJsonFault('{,}', older)).toMatchObject({ offset: 1, column: 2 });
  });

  it('scans for the fault when the message names none', () => {
    const text = '{\n  "a": 1,\n  "b": }\n';
    const fault = locateJsonFault(text, 'Unexpected token \'}\', "{ "a": 1, "b": }" is not valid JSON');
    expect(fault).toMatchObject({ line: 3, column: 8, found: { kind: 'character', character: '}' } });
  });

  it('finds the same position as this Node where its message gives one', () => {
    for (const text of ['{"a" 1}', '[1] x', '"abc', '{"a":1,}', '{"a":"\u0001"}']) {
      const reported = /at position (\d+)/.exec(parseMessage(text))?.[1];
      expect(reported, `Node names a position for ${text}`).toBeDefined();
      expect(findJsonFault(text), text).toBe(Number(reported));
    }
  });
});

describe('findJsonFault', () => {
  it('finds nothing wrong in valid JSON, whatever its shape', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        expect(findJsonFault(text)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('calls text invalid exactly when JSON.parse does', () => {
    const nearlyJson = fc
      .tuple(
        fc.json({ depthSize: 'small' }),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\\'),
      )
      .map(([text, cut, insert]) => text.slice(0, cut % (text.length + 1)) + insert);
    fc.assert(
      fc.property(fc.oneof(nearlyJson, fc.string()), (text) => {
        expect(findJsonFault(text) === undefined).toBe(parseMessage(text) === '');
      }),
      { numRuns: 300 },
    );
  });

  it('handles very deep nesting without overflowing the stack', () => {
    expect(findJsonFault('['.repeat(200_000))).toBe(200_000);
    expect(findJsonFault(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });
});
