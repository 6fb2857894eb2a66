import { describe, expect, it } from 'vitest';
import committed from '../schema/flow.schema.json' with { type: 'json' };
import { NODE_TYPES } from './catalog/node-catalog.ts';
import { buildFlowFileJsonSchema, serializeFlowFileJsonSchema } from './json-schema.ts';
import { CHANNELS } from './vocabulary.ts';

type Json = { [key: string]: unknown };

const schema = buildFlowFileJsonSchema();

function asJson(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value as Json;
}

function nodeVariants(): Json[] {
  const nodes = asJson(asJson(schema.properties).nodes);
  return asJson(nodes.items).oneOf as Json[];
}

function variantFor(type: string): Json {
  const variant = nodeVariants().find((v) => asJson(asJson(v.properties).type).const === type);
  if (!variant) throw new Error(`no schema branch for ${type}`);
  return variant;
}

/*
 * A checker for the JSON Schema keywords zod emits (no validator library is
 * installed). It throws on any keyword it does not know, so a new kind of
 * output is noticed here instead of passing unchecked.
 */
const IGNORED = new Set(['$schema', '$id', 'title', 'description', 'default', 'definitions']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matches(node: Json, value: unknown): boolean {
  for (const [keyword, rule] of Object.entries(node)) {
    if (!IGNORED.has(keyword) && !keywordHolds(keyword, rule, node, value)) return false;
  }
  return true;
}

function keywordHolds(keyword: string, rule: unknown, node: Json, value: unknown): boolean {
  const items = Array.isArray(value) ? value : [];
  const text = typeof value === 'string' ? value : '';
  const number = typeof value === 'number' ? value : 0;
  const object = typeOf(value) === 'object' ? (value as Json) : {};
  switch (keyword) {
    case '$ref':
      return matches(asJson(asJson(schema.definitions)[String(rule).replace('#/definitions/', '')]), value);
    case 'allOf':
      return (rule as Json[]).every((part) => matches(part, value));
    case 'anyOf':
      return (rule as Json[]).some((part) => matches(part, value));
    case 'oneOf':
      return (rule as Json[]).filter((part) => matches(part, value)).length === 1;
    case 'type': {
      const actual = typeOf(value);
      return [rule].flat().some((t) => t === actual || (t === 'number' && actual === 'integer'));
    }
    case 'const':
      return value === rule;
    case 'enum':
      return (rule as unknown[]).includes(value);
    case 'properties':
      return Object.entries(asJson(rule)).every(
        ([k, sub]) => !(k in object) || matches(asJson(sub), object[k]),
      );
    case 'required':
      return typeOf(value) !== 'object' || (rule as string[]).every((k) => k in object);
    case 'additionalProperties': {
      const known = Object.keys(asJson(node.properties ?? {}));
      const extra = Object.keys(object).filter((k) => !known.includes(k));
      return extra.every((k) => (rule === false ? false : rule === true || matches(asJson(rule), object[k])));
    }
    case 'propertyNames':
      return Object.keys(object).every((k) => matches(asJson(rule), k));
    case 'items':
      return items.every((item) => matches(asJson(rule), item));
    case 'minItems':
      return !Array.isArray(value) || items.length >= Number(rule);
    case 'maxItems':
      return items.length <= Number(rule);
    case 'minLength':
      return typeof value !== 'string' || [...text].length >= Number(rule);
    case 'maxLength':
      return [...text].length <= Number(rule);
    case 'pattern':
      return typeof value !== 'string' || new RegExp(String(rule), 'u').test(text);
    case 'minimum':
      return number >= Number(rule);
    case 'maximum':
      return number <= Number(rule);
    case 'exclusiveMinimum':
      return typeof value !== 'number' || number > Number(rule);
    case 'exclusiveMaximum':
      return typeof value !== 'number' || number < Number(rule);
    default:
      throw new Error(`The test's schema checker does not know the keyword "${keyword}"`);
  }
}

function exampleNode(index: number) {
  const definition = NODE_TYPES[index];
  if (!definition) throw new Error(`no catalog entry ${index}`);
  return { id: `node-${index}`, type: definition.type, config: definition.example, position: { x: 0, y: 0 } };
}

describe('flow file JSON Schema', () => {
  it('matches the committed packages/model/schema/flow.schema.json', () => {
    const fresh = serializeFlowFileJsonSchema(schema);
    const onDisk = serializeFlowFileJsonSchema(committed as Json);
    if (fresh !== onDisk) {
      throw new Error(
        'packages/model/schema/flow.schema.json is stale: the zod schemas or the node catalog changed. ' +
          'Run `npm run schema` and commit the result.',
      );
    }
  });

  it('has one node branch per catalog entry, so editors complete every config', () => {
    const types = nodeVariants().map((v) => asJson(asJson(v.properties).type).const);
    expect(types).toEqual(NODE_TYPES.map((definition) => definition.type));
    expect(schema.$id).toBe('urn:flowdesk:schema:flow-file:v1');
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('carries the catalog vocabulary, defaults and help into the branches', () => {
    const requestConfig = asJson(asJson(variantFor('trigger.request_received').properties).config);
    const channels = asJson(asJson(requestConfig.properties).channels);
    expect(asJson(channels.items).enum).toEqual([...CHANNELS.values]);
    expect(String(channels.description)).toContain('Channels');
    expect(String(channels.description)).toContain('渠道');

    const classifyConfig = asJson(asJson(variantFor('logic.classify').properties).config);
    const threshold = asJson(asJson(classifyConfig.properties).threshold);
    expect(threshold).toMatchObject({ type: 'number', minimum: 0, maximum: 1, default: 0.7 });
    // Defaults make a field optional in the file even though the parsed config always has it.
    expect(classifyConfig.required).toEqual(['categories']);
  });

  it('accepts a flow built from every catalog example', () => {
    const nodes = NODE_TYPES.map((_, index) => exampleNode(index));
    const flow = {
      name: 'All node types',
      nodes,
      edges: [{ id: 'edge-1', source: 'node-0', sourcePort: 'next', target: 'node-1' }],
    };
    expect(matches(schema, flow)).toBe(true);
    for (const node of nodes) expect(matches(variantFor(node.type), node), node.type).toBe(true);
  });

  it('rejects unknown node types, unknown config keys, missing names and stray edge fields', () => {
    const node = exampleNode(0);
    const flow = (nodes: unknown[], extra: Json = {}) => ({ name: 'f', nodes, edges: [], ...extra });
    expect(matches(schema, flow([{ ...node, type: 'action.teleport' }]))).toBe(false);
    expect(matches(schema, flow([{ ...node, config: { ...node.config, colour: 'red' } }]))).toBe(false);
    expect(matches(schema, { nodes: [node], edges: [] })).toBe(false);
    const edge = { id: 'e', source: 'a', sourcePort: 'next', target: 'b', weight: 2 };
    expect(matches(schema, flow([node], { edges: [edge] }))).toBe(false);
  });
});
