import type { FlowGraph } from '@flowdesk/model';
import type { IntakeRequest } from '../../runtime-port.ts';
import { edge, graph, node, type RuntimeHarness } from '../runtime-test-kit.ts';
import { dryRunFlow } from './dry-run.ts';

/**
 * Test helpers for dry runs, most of them held against a live run of the same
 * flow and sample: the dry run must take the path and fail the way the
 * runtime does.
 */

export const DRY_RUN_AT = '2026-11-22T01:00:00.000Z';

/** A request as the REST intake takes it; the dry run gets it as trigger data. */
export const API_INTAKE: IntakeRequest = {
  channel: 'api',
  customer: { name: '王小明', phone: '13812345678' },
  message: '请帮我查一下订单',
  attachments: [],
  customFields: {},
  metadata: {},
};

/** A step of either log as the tests read it. */
export interface StepLike {
  nodeId: string;
  port?: string | null;
  output?: unknown;
  error?: { code?: unknown; params?: unknown } | null;
}

/**
 * request → ticket → an Update ticket step `stepId` with `config`, whose error
 * port ends the run cancelled and whose next port completes it.
 */
export function updateTicketFlow(stepId: string, config: Record<string, unknown>): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('ticket', 'action.create_ticket', { title: '{{ request.message }}', priority: 'medium' }),
      node(stepId, 'action.update_ticket', config),
      node('failed', 'action.end', { outcome: 'cancelled' }),
      node('done', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'ticket'),
      edge('ticket', 'next', stepId),
      edge(stepId, 'error', 'failed'),
      edge(stepId, 'next', 'done'),
    ],
  );
}

/** The flow published and live: API_INTAKE taken in, every job run, the execution's steps. */
export async function liveSteps(
  harness: RuntimeHarness,
  flowId: string,
  flow: FlowGraph,
): Promise<StepLike[]> {
  await harness.publish(flowId, flow);
  const { executionIds } = await harness.runtime.intake(API_INTAKE, { apiKeyId: 'k1' });
  await harness.drain();
  return (await harness.store.executions.listSteps(executionIds[0] as string)) as unknown as StepLike[];
}

/** The same sample through the dry run. */
export function drySteps(flow: FlowGraph): StepLike[] {
  return dryRunFlow(flow, { data: { request: { ...API_INTAKE, id: 'r1' } } }, DRY_RUN_AT)
    .steps as unknown as StepLike[];
}

/** request → ask a supervisor (a day) → an end per outcome: approved completes, rejected cancels, timed out completes. */
export function approvalFlow(onTimeout = 'timed_out'): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('approve', 'timing.ask_approval', {
        decider: 'supervisor',
        question: 'Refund?',
        facts: [],
        timeout: { amount: 1, unit: 'days' },
        onTimeout,
      }),
      node('yes', 'action.end', { outcome: 'completed' }),
      node('no', 'action.end', { outcome: 'cancelled' }),
      node('late', 'action.end', { outcome: 'completed' }),
    ],
    [
      edge('start', 'next', 'approve'),
      edge('approve', 'approved', 'yes'),
      edge('approve', 'rejected', 'no'),
      edge('approve', 'timed_out', 'late'),
    ],
  );
}
