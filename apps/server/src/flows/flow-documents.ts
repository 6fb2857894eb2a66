import {
  FLOW_FILE_FORMAT,
  type FlowGraph,
  type LocalizedText,
  type Problem,
  readFlowDocument,
  text,
} from '@flowdesk/model';
import type { FlowRecord, Store } from '@flowdesk/store';
import { AppError, type ErrorDetail } from '../http/app-error.ts';

/** Loading flows and reading flow JSON the way every flow procedure needs it. */

/** A new flow starts with the trigger most flows use, so the canvas is never blank. */
export function emptyFlowGraph(): FlowGraph {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.request_received',
        config: { channels: [], categories: [], keywords: [] },
        position: { x: 0, y: 0 },
      },
    ],
    edges: [],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

/** `nodes[1].config.cases[0]` → `/nodes/1/config/cases/0`. */
export function fieldToPointer(field: string | undefined): string {
  if (!field) return '';
  const keys = field.match(/[^.[\]]+/g) ?? [];
  return keys.map((key) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Node and edge problems point into the graph by array index, as RFC 6901 requires. */
function pointerOf(problem: Problem, graph: FlowGraph | undefined): string {
  const field = fieldToPointer(problem.field);
  const nodeIndex = problem.nodeId
    ? (graph?.nodes.findIndex((node) => node.id === problem.nodeId) ?? -1)
    : -1;
  if (nodeIndex >= 0) return `/nodes/${nodeIndex}${field}`;
  const edgeIndex = problem.edgeId
    ? (graph?.edges.findIndex((edge) => edge.id === problem.edgeId) ?? -1)
    : -1;
  if (edgeIndex >= 0) return `/edges/${edgeIndex}${field}`;
  return field;
}

export function problemDetails(problems: readonly Problem[], graph?: FlowGraph): ErrorDetail[] {
  return problems.map((problem) => ({
    pointer: pointerOf(problem, graph),
    code: problem.code,
    messages: problem.message,
    severity: problem.severity,
    ...(problem.nodeId ? { nodeId: problem.nodeId } : {}),
    ...(problem.edgeId ? { edgeId: problem.edgeId } : {}),
  }));
}

function firstMessage(problems: readonly Problem[]): LocalizedText {
  return problems[0]?.message ?? text('格式不对', 'wrong shape');
}

export interface ReadFlowInput {
  graph: FlowGraph;
  name?: string;
  description?: string;
}

/** A graph or flow file from the client, or a 400 pointing at what is wrong. */
export function readFlowInput(value: unknown): ReadFlowInput {
  const read = readFlowDocument(value);
  if (read.ok) {
    return {
      graph: read.graph,
      ...(read.name ? { name: read.name } : {}),
      ...(read.description ? { description: read.description } : {}),
    };
  }
  const first = firstMessage(read.problems);
  const details = problemDetails(read.problems);
  throw new AppError('bad_request', 'invalid_flow', {
    params: { detailZh: first['zh-CN'], detailEn: first.en },
    pointer: details[0]?.pointer ?? '',
    details,
  });
}

/** CONFLICT for a stale draft revision, naming who saved last (by name when the user still exists) and when. */
export async function draftConflict(
  store: Store,
  current: { revision: number; updatedBy: string; updatedAt: string },
): Promise<AppError> {
  const by = (await store.users.get(current.updatedBy))?.name ?? current.updatedBy;
  return new AppError('conflict', 'draft_conflict', {
    params: { by, at: current.updatedAt, revision: current.revision },
    extra: { currentRevision: current.revision, updatedBy: current.updatedBy, updatedAt: current.updatedAt },
  });
}

export async function loadFlow(store: Store, id: string): Promise<FlowRecord> {
  const flow = await store.flows.get(id);
  if (!flow) throw new AppError('not_found', 'flow_not_found', { params: { id } });
  return flow;
}

/** The file `exportFile` writes and `importFile` reads. */
export function toFlowFile(name: string, description: string, graph: FlowGraph) {
  return {
    format: FLOW_FILE_FORMAT,
    name,
    ...(description ? { description } : {}),
    nodes: graph.nodes,
    edges: graph.edges,
    settings: graph.settings,
  };
}
