import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_TYPES } from '@flowdesk/model';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from './cli-test-kit.ts';
import { runCli } from './main.ts';

/*
 * Whatever a file holds, `flowdesk validate` answers with 0, 1 or 2 and never
 * throws (3 would mean an internal error: a bug).
 */

let scratch = '';
let counter = 0;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'flowdesk-cli-property-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function validateContent(content: string | Uint8Array, extra: string[] = []): Promise<number> {
  counter += 1;
  const path = join(scratch, `input-${counter}.json`);
  await writeFile(path, content);
  const io = memoryIo();
  const code = await runCli(['validate', path, ...extra], io);
  if (code === 3) throw new Error(io.err());
  if (extra.includes('--json')) JSON.parse(io.out());
  return code;
}

const nodeId = fc.constantFrom('a', 'b', 'c', 'd', 'node-1', 'ghost');

/** Flow-shaped documents, so runs reach the linter and not only the shape check. */
const flowLike = fc
  .record({
    nodes: fc.array(
      fc.record({
        id: nodeId,
        type: fc.oneof(fc.constantFrom(...NODE_TYPES.map((definition) => definition.type)), fc.string()),
        config: fc.oneof(
          fc.constant({}),
          fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        ),
        position: fc.record({ x: fc.integer(), y: fc.integer() }),
      }),
      { maxLength: 6 },
    ),
    edges: fc.array(
      fc.record({
        id: fc.oneof(fc.constantFrom('e1', 'e2', 'e3', 'e4'), fc.constantFrom('e1', 'e 2')),
        source: nodeId,
        sourcePort: fc.constantFrom('next', 'true', 'false', 'error', 'timeout', 'x'),
        target: nodeId,
      }),
      { maxLength: 8 },
    ),
  })
  .map((flow) => ({
    ...flow,
    // Half of the time use the catalog example, so configs are valid and deeper rules run.
    nodes: flow.nodes.map((node, index) => {
      const example = NODE_TYPES.find((definition) => definition.type === node.type)?.example;
      return index % 2 === 0 && example ? { ...node, config: example } : node;
    }),
  }));

describe('flowdesk validate on arbitrary files', () => {
  it('answers 0, 1 or 2 for random JSON texts, flow-shaped or not', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json({ depthSize: 'small' }),
          flowLike.map((flow) => JSON.stringify(flow)),
        ),
        fc.boolean(),
        async (text, json) => {
          const code = await validateContent(text, json ? ['--json'] : []);
          seen.add(code);
          expect([0, 1, 2]).toContain(code);
        },
      ),
      { numRuns: 120 },
    );
    // The flow-shaped inputs must get past the shape check, or the linter went untested.
    expect(seen.has(1)).toBe(true);
  });

  it('answers 2 for random bytes, which are never a flow', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        expect(await validateContent(bytes)).toBe(2);
      }),
      { numRuns: 80 },
    );
  });
});
