import { z } from 'zod';
import { IdentifierSchema } from './config-parts.schema.ts';
import { LocaleSchema } from './i18n.ts';

/**
 * The shape of a flow as stored and exchanged. Node configs are checked per type
 * by the catalog (see lintFlow), so a flow with a bad config still loads and the
 * editor can point at the field.
 */

const NODE_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export const NodeIdSchema = z.string().regex(NODE_ID_RE, { error: 'value.slug' });

export const PositionSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
});

export const NodeSchema = z.strictObject({
  id: NodeIdSchema,
  type: z.string().min(1).max(100),
  config: z.record(z.string(), z.unknown()),
  position: PositionSchema,
  label: z.string().max(200).optional(),
});
export type FlowNode = z.infer<typeof NodeSchema>;

export const EdgeSchema = z.strictObject({
  id: NodeIdSchema,
  source: NodeIdSchema,
  sourcePort: z.string().min(1).max(64),
  target: NodeIdSchema,
});
export type FlowEdge = z.infer<typeof EdgeSchema>;

export const VariableDeclarationSchema = z.strictObject({
  name: IdentifierSchema,
  type: z.enum(['text', 'number', 'boolean']),
  description: z.string().max(500).optional(),
});

export const FlowSettingsSchema = z.strictObject({
  /** Used by schedules, waits until a time and business hours unless a node says otherwise. */
  timezone: z.string().min(1).default('Asia/Shanghai'),
  /** Language of messages when the customer's language is unknown. */
  defaultLocale: LocaleSchema.default('zh-CN'),
  /** Variables the flow may read before any step sets them (given by the caller). */
  variables: z.array(VariableDeclarationSchema).max(100).default([]),
});
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;

export const MAX_NODES = 2000;
export const MAX_EDGES = 4000;

export const FlowGraphSchema = z.strictObject({
  nodes: z.array(NodeSchema).max(MAX_NODES),
  edges: z.array(EdgeSchema).max(MAX_EDGES),
  settings: FlowSettingsSchema.default({ timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] }),
});
export type FlowGraph = z.infer<typeof FlowGraphSchema>;
export type FlowGraphInput = z.input<typeof FlowGraphSchema>;

export const FLOW_FILE_FORMAT = 'flowdesk.flow/v1';

/** A flow file: the graph plus what a person needs to recognise it. */
export const FlowFileSchema = FlowGraphSchema.extend({
  $schema: z.string().optional(),
  format: z.literal(FLOW_FILE_FORMAT).default(FLOW_FILE_FORMAT),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
});
export type FlowFile = z.infer<typeof FlowFileSchema>;

/** An immutable published version. Executions are pinned to one. */
export const FlowVersionSchema = z.strictObject({
  flowId: z.string().min(1),
  version: z.number().int().min(1),
  graph: FlowGraphSchema,
  note: z.string().max(2000).default(''),
  author: z.string().min(1),
  publishedAt: z.iso.datetime(),
});
export type FlowVersion = z.infer<typeof FlowVersionSchema>;
