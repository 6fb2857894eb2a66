import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../catalog/node-catalog.ts';
import { lintFlow, readFlowDocument } from './lint-flow.ts';

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'start', 'x-1');
const types = fc.oneof(fc.constantFrom(...NODE_TYPES.map((d) => d.type)), fc.string({ maxLength: 12 }));
const ports = fc.constantFrom(
  'next',
  'true',
  'false',
  'default',
  'error',
  'low_confidence',
  'open',
  'timeout',
  'zz',
);

/** A config that is the type's example, a mutation of it, or arbitrary JSON. */
const configFor = (type: string) => {
  const example = NODE_TYPES.find((d) => d.type === type)?.example as Record<string, unknown> | undefined;
  const random = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
  if (!example) return random;
  return fc.oneof(
    fc.constant(structuredClone(example)),
    fc
      .record({
        key: fc.constantFrom(...Object.keys(example), 'extra'),
        value: fc.jsonValue({ maxDepth: 2 }),
      })
      .map(({ key, value }) => ({ ...structuredClone(example), [key]: value })),
    random,
  );
};

const graphs = fc
  .array(
    types.chain((type) =>
      fc.record({
        id: ids,
        type: fc.constant(type),
        config: configFor(type),
        position: fc.record({ x: fc.integer(), y: fc.integer() }),
      }),
    ),
    { maxLength: 8 },
  )
  .chain((nodes) =>
    fc.record({
      nodes: fc.constant(nodes),
      edges: fc.array(fc.record({ id: ids, source: ids, sourcePort: ports, target: ids }), { maxLength: 12 }),
      settings: fc.constant({ timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] }),
    }),
  );

describe('lintFlow on random input', () => {
  it('never throws on random graphs and always returns well-formed problems', () => {
    fc.assert(
      fc.property(graphs, (input) => {
        const read = readFlowDocument(input);
        const problems = read.ok ? lintFlow(read.graph) : read.problems;
        for (const problem of problems) {
          expect(['error', 'warning']).toContain(problem.severity);
          expect(problem.message['zh-CN'].length).toBeGreaterThan(0);
          expect(problem.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => {
        const read = readFlowDocument(input);
        if (read.ok) lintFlow(read.graph);
        else expect(read.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
