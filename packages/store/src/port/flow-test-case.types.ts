import type { JsonObject } from './json.types.ts';

/**
 * A flow's saved test cases, shared by everyone who edits the flow: a named
 * sample (the trigger data and the customer profile it runs with) and what it
 * did when it was saved (the path through the flow and how it ended). The
 * server runs them against a draft before it is published. The store keeps
 * `sample` and `expected` as given; their shape is the server's.
 */
export interface FlowTestCase {
  id: string;
  flowId: string;
  workspaceId: string;
  /** Unique per flow: saving under a taken name replaces that case. */
  name: string;
  sample: JsonObject;
  expected: JsonObject;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface SaveFlowTestCaseInput {
  /** Used only when no case of the flow has this name yet. */
  id: string;
  flowId: string;
  workspaceId: string;
  name: string;
  sample: JsonObject;
  expected: JsonObject;
  savedBy: string;
  now: string;
}

export interface FlowTestCaseRepository {
  /**
   * Creates the case, or replaces the flow's case of the same name (its id,
   * creator and creation time stay). Returns the case as stored.
   */
  save(input: SaveFlowTestCaseInput): Promise<FlowTestCase>;
  /** The flow's cases in the order they were first saved. */
  list(flowId: string): Promise<FlowTestCase[]>;
  get(id: string): Promise<FlowTestCase | null>;
  /** False when there was no such case. */
  delete(id: string): Promise<boolean>;
}
