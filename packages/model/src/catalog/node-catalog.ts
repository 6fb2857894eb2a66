import { ACTION_NODE_TYPES } from './actions.catalog.ts';
import type { AnyNodeType, NodeCategory } from './catalog.types.ts';
import { LOGIC_NODE_TYPES } from './logic.catalog.ts';
import { TIMING_NODE_TYPES } from './timing.catalog.ts';
import { TRIGGER_NODE_TYPES } from './triggers.catalog.ts';

/** Every node type, in palette order. The single source of truth for editor, linter and runtime. */
export const NODE_TYPES: readonly AnyNodeType[] = [
  ...TRIGGER_NODE_TYPES,
  ...LOGIC_NODE_TYPES,
  ...ACTION_NODE_TYPES,
  ...TIMING_NODE_TYPES,
];

const BY_TYPE = new Map(NODE_TYPES.map((definition) => [definition.type, definition]));

export function getNodeType(type: string): AnyNodeType | undefined {
  return BY_TYPE.get(type);
}

export function nodeTypesIn(category: NodeCategory): AnyNodeType[] {
  return NODE_TYPES.filter((definition) => definition.category === category);
}
