import { z } from 'zod';
import type { AnyNodeType } from './catalog/catalog.types.ts';
import { NODE_TYPES } from './catalog/node-catalog.ts';
import { RuleGroupSchema } from './config-parts.schema.ts';
import {
  FLOW_FILE_FORMAT,
  FlowFileSchema,
  MAX_NODES,
  NodeIdSchema,
  PositionSchema,
} from './flow-graph.schema.ts';

/**
 * The JSON Schema of flow files, for editors (Monaco, VS Code) and for people who
 * script flows. Loading a flow stays lenient (FlowFileSchema keeps `config` open
 * so a bad config still loads and the linter can point at the field); this
 * variant is strict per node type so an editor can complete and check each
 * node's config. Refinements (cron syntax, rule values…) have no JSON Schema
 * form: the linter remains the authority, the schema is the editor's guide.
 */

export const FLOW_FILE_SCHEMA_ID = 'urn:flowdesk:schema:flow-file:v1';

/** Where the committed schema lives, relative to packages/model. */
export const FLOW_FILE_SCHEMA_PATH = 'schema/flow.schema.json';

type Metadata = z.core.GlobalMeta;

function bilingual(zhCN: string, en: string): string {
  return `${zhCN}\n${en}`;
}

function nodeVariant(definition: AnyNodeType, metadata: z.core.$ZodRegistry<Metadata>) {
  const variant = z.strictObject({
    id: NodeIdSchema,
    type: z.literal(definition.type),
    config: definition.configSchema,
    position: PositionSchema,
    label: z.string().max(200).optional(),
  });
  metadata.add(variant, {
    title: definition.label.en,
    description: bilingual(
      `${definition.label['zh-CN']}：${definition.description['zh-CN']}`,
      definition.description.en,
    ),
  });
  return variant;
}

/** FlowFileSchema with `nodes` narrowed to a union over the given catalog entries. */
export function strictFlowFileSchema(
  nodeTypes: readonly AnyNodeType[],
  metadata: z.core.$ZodRegistry<Metadata> = z.registry<Metadata>(),
) {
  const [first, ...rest] = nodeTypes.map((definition) => nodeVariant(definition, metadata));
  if (!first) throw new Error('The node catalog is empty: a flow file schema needs at least one node type');
  return FlowFileSchema.extend({
    nodes: z.array(z.discriminatedUnion('type', [first, ...rest])).max(MAX_NODES),
  });
}

/**
 * The flow file JSON Schema (draft-07, the input shape: fields with defaults are
 * optional). Its own metadata registry keeps the output independent of whatever
 * else registered metadata globally, and gives shared parts stable names.
 */
export function buildFlowFileJsonSchema(
  nodeTypes: readonly AnyNodeType[] = NODE_TYPES,
): Record<string, unknown> {
  const metadata = z.registry<Metadata>();
  metadata.add(RuleGroupSchema, {
    id: 'RuleGroup',
    title: 'Rule group',
    description: bilingual('一组规则：全部满足、任一满足或都不满足。', 'Rules combined by all, any or not.'),
  });
  const { $schema, ...generated } = z.toJSONSchema(strictFlowFileSchema(nodeTypes, metadata), {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    metadata,
  });
  const withHelp = attachFieldHelp(generated, nodeTypes);
  return {
    $schema,
    $id: FLOW_FILE_SCHEMA_ID,
    title: `FlowDesk flow file (${FLOW_FILE_FORMAT})`,
    description: bilingual(
      'FlowDesk 流程文件：由一个触发器、条件和动作组成的流程图。',
      'A FlowDesk flow file: a graph of one trigger, conditions and actions.',
    ),
    ...withHelp,
  };
}

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of `key` inside an object schema, looking through list items. */
function childSchema(schema: JsonObject, key: string): JsonObject | undefined {
  const holder = schema.type === 'array' && isObject(schema.items) ? schema.items : schema;
  const properties = holder.properties;
  if (!isObject(properties)) return undefined;
  const child = properties[key];
  return isObject(child) ? child : undefined;
}

/** Field labels and help from the catalog become descriptions, shown by editors on hover. */
function attachFieldHelp(generated: JsonObject, nodeTypes: readonly AnyNodeType[]): JsonObject {
  // A copy without shared objects: a part reused by two node types must not take both helps.
  const schema = JSON.parse(JSON.stringify(generated)) as JsonObject;
  const nodes = isObject(schema.properties) ? schema.properties.nodes : undefined;
  const variants = isObject(nodes) && isObject(nodes.items) ? nodes.items.oneOf : undefined;
  if (!Array.isArray(variants)) return schema;
  for (const variant of variants.filter(isObject)) {
    const type = childSchema(variant, 'type')?.const;
    const definition = nodeTypes.find((entry) => entry.type === type);
    const config = childSchema(variant, 'config');
    if (!definition || !config) continue;
    for (const [key, field] of Object.entries(definition.fields)) {
      const target = key
        .split('.')
        .reduce<JsonObject | undefined>(
          (current, part) => (current ? childSchema(current, part) : undefined),
          config,
        );
      if (!target || 'description' in target) continue;
      target.description = bilingual(
        field.help ? `${field.label['zh-CN']}：${field.help['zh-CN']}` : field.label['zh-CN'],
        field.help ? `${field.label.en}: ${field.help.en}` : field.label.en,
      );
    }
  }
  return schema;
}

/** The committed file's exact text: 2-space JSON and a final newline. */
export function serializeFlowFileJsonSchema(
  schema: Record<string, unknown> = buildFlowFileJsonSchema(),
): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
