import type { ReferenceKind } from '../catalog/catalog.types.ts';
import { getNodeType } from '../catalog/node-catalog.ts';
import type { FlowGraph } from '../flow-graph.schema.ts';
import { valuesAt } from './rules/workspace-references.rule.ts';

/** A step whose config names a record: the node and the field (`config.teamId`). */
export interface GraphReference {
  readonly nodeId: string;
  readonly field: string;
}

/**
 * The steps of a graph whose config names the record `id` of `kind`, through
 * the catalog's `refersTo` fields (assign to a team, escalate to a queue, a
 * ticket's team, an approval's deciders, a team calendar). Built-in values
 * (the `supervisor` queue) are not records and never match. Used where a
 * record must not disappear under a published flow (deleting a team).
 */
export function referencesTo(graph: FlowGraph, kind: ReferenceKind, id: string): GraphReference[] {
  const found: GraphReference[] = [];
  for (const node of graph.nodes) {
    const definition = getNodeType(node.type);
    if (!definition) continue;
    for (const [path, help] of Object.entries(definition.fields)) {
      if (help.refersTo !== kind) continue;
      if (help.builtIn && Object.hasOwn(help.builtIn, id)) continue;
      for (const { at, value } of valuesAt(node.config, path)) {
        if (value === id) found.push({ nodeId: node.id, field: at });
      }
    }
  }
  return found;
}
