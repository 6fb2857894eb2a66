import type { z } from 'zod';
import type { ACTION_NODE_TYPES } from './actions.catalog.ts';
import type { LOGIC_NODE_TYPES } from './logic.catalog.ts';
import type { TIMING_NODE_TYPES } from './timing.catalog.ts';
import type { TRIGGER_NODE_TYPES } from './triggers.catalog.ts';

/*
 * Type ids and config types derived from the catalog entries themselves, so a
 * registry keyed by one of these unions (`Record<ActionNodeType, …>`) stops
 * compiling when a catalog entry is added without its module.
 */

type CatalogEntry =
  | (typeof TRIGGER_NODE_TYPES)[number]
  | (typeof LOGIC_NODE_TYPES)[number]
  | (typeof ACTION_NODE_TYPES)[number]
  | (typeof TIMING_NODE_TYPES)[number];

export type TriggerNodeType = (typeof TRIGGER_NODE_TYPES)[number]['type'];
export type LogicNodeType = (typeof LOGIC_NODE_TYPES)[number]['type'];
export type ActionNodeType = (typeof ACTION_NODE_TYPES)[number]['type'];
export type TimingNodeType = (typeof TIMING_NODE_TYPES)[number]['type'];
export type NodeTypeId = CatalogEntry['type'];

/** A node's config as its catalog schema parses it (defaults applied). */
export type NodeConfig<T extends NodeTypeId> = z.output<Extract<CatalogEntry, { type: T }>['configSchema']>;
