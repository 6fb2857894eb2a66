import type { FlowGraph, LocalizedText } from '@flowdesk/model';
import {
  type ExecutionListItem,
  type ExecutionQuery,
  type ExecutionRecord,
  executionSearchKeys,
  type JsonObject,
  type Store,
} from '@flowdesk/store';
import { presentStoredError } from '../messages/describe-code.ts';
import { type ExecutionOutcome, executionOutcome } from './execution-outcome.ts';

/**
 * The executions list and the trace's header as people read them: the flow by
 * name, the ticket by number, the customer, and where each execution stands.
 * Contacts are masked for roles that may not see them by the tRPC layer, like
 * every answer (the customer's `email`, `phone` and `channelId` are contact keys).
 */

/** A flow's name, and both languages' when it has them (a template's flow), for the reader to pick. */
interface FlowNames {
  flowName: string | null;
  flowLocalizedName: LocalizedText | null;
}

function namesOf(flow: { name: string; localizedName?: LocalizedText } | null): FlowNames {
  return { flowName: flow?.name ?? null, flowLocalizedName: flow?.localizedName ?? null };
}

/** Flow names and version graphs, each read once per answer. */
class FlowLookup {
  private readonly names = new Map<string, Promise<FlowNames>>();
  private readonly graphs = new Map<string, Promise<FlowGraph | null>>();

  constructor(private readonly store: Store) {}

  name(flowId: string): Promise<FlowNames> {
    let name = this.names.get(flowId);
    if (!name) {
      name = this.store.flows.get(flowId).then(namesOf);
      this.names.set(flowId, name);
    }
    return name;
  }

  graph(flowId: string, version: number): Promise<FlowGraph | null> {
    const key = `${flowId}\u0000${version}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = this.store.versions.get(flowId, version).then((found) => found?.graph ?? null);
      this.graphs.set(key, graph);
    }
    return graph;
  }
}

type PresentedIncident = JsonObject & { message?: LocalizedText };

export interface ExecutionListEntry extends Omit<ExecutionListItem, 'incident'> {
  /** Null when the flow has been deleted since. */
  flowName: string | null;
  /** The flow's name in both languages when it has them (installed from a template). */
  flowLocalizedName: LocalizedText | null;
  /** The incident with its text, as executions.get answers it. */
  incident: PresentedIncident | null;
  outcome: ExecutionOutcome;
}

async function present(item: ExecutionListItem, flows: FlowLookup): Promise<ExecutionListEntry> {
  const [names, graph] = await Promise.all([flows.name(item.flowId), flows.graph(item.flowId, item.version)]);
  const incident = item.incident ? (presentStoredError(item.incident) as PresentedIncident) : null;
  return { ...item, ...names, incident, outcome: executionOutcome(item, incident, graph) };
}

export async function listExecutions(
  store: Store,
  query: ExecutionQuery,
): Promise<{ items: ExecutionListEntry[]; nextCursor: string | null }> {
  const page = await store.executions.list(query);
  const flows = new FlowLookup(store);
  return {
    items: await Promise.all(page.items.map((item) => present(item, flows))),
    nextCursor: page.nextCursor,
  };
}

/** What the trace's header names beside the version: the flow, the ticket and the customer. */
export async function executionHeader(store: Store, execution: ExecutionRecord) {
  const flow = await store.flows.get(execution.flowId);
  return { ...namesOf(flow), ...executionSearchKeys(execution.state) };
}
