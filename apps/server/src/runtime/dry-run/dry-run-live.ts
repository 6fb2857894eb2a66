import { type DataPatch, FlowCompileError } from '@flowdesk/engine';
import type { TicketEventKind } from '@flowdesk/model';
import type { JsonObject } from '@flowdesk/store';
import type { LiveFlowVersion } from '../../flows/live-flows.ts';
import {
  type ExternalEventTriggerConfig,
  entryAdmits,
  externalEventMatches,
  type RequestTriggerConfig,
  selectRequestFlows,
  type TicketEventTriggerConfig,
  ticketEventMatches,
} from '../trigger-match.ts';
import { type DryRunOptions, dryRunFlow, type PresentedDryRun, presentDryRun } from './dry-run.ts';
import { arrivedSample, eventStartData, requestSampleFacts } from './dry-run-sample.ts';

/**
 * The test run's "all live flows": which live flows a sample would start, in
 * the order intake tries them, each run offline like a single test run. So an
 * admin sees before publishing that one complaint would open two tickets.
 */

export type LiveRunEntry =
  | {
      readonly flowId: string;
      readonly name: string;
      readonly version: number;
      readonly started: true;
      readonly outcome: PresentedDryRun;
    }
  | {
      readonly flowId: string;
      readonly name: string;
      readonly version: number;
      readonly started: false;
      /** conditions: its filters or entry conditions turn the sample away; after_exclusive: an earlier exclusive flow took it. */
      readonly reason: 'conditions' | 'after_exclusive' | 'not_runnable';
    };

export interface LiveRunResult {
  /** Which trigger the sample stands for; none when it holds no request or event. */
  readonly trigger: 'trigger.request_received' | 'trigger.external_event' | 'trigger.ticket_event' | null;
  readonly flows: LiveRunEntry[];
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function sampleTrigger(data: DataPatch): LiveRunResult['trigger'] {
  if (data.request) return 'trigger.request_received';
  const event = asRecord(data.event);
  if (typeof event.name === 'string') return 'trigger.external_event';
  if (typeof event.kind === 'string') return 'trigger.ticket_event';
  return null;
}

function startedBy(
  type: NonNullable<LiveRunResult['trigger']>,
  candidates: readonly LiveFlowVersion[],
  data: DataPatch,
  customer: JsonObject | undefined,
): LiveFlowVersion[] {
  const event = asRecord(data.event);
  switch (type) {
    case 'trigger.request_received': {
      const facts = requestSampleFacts(data, customer);
      const withConfig = candidates.map((live) => ({ live, triggerConfig: live.trigger?.config }));
      return selectRequestFlows(withConfig, facts.request, facts.entry).map((entry) => entry.live);
    }
    case 'trigger.external_event':
      return candidates.filter(
        (live) =>
          externalEventMatches(
            live.trigger?.config as unknown as ExternalEventTriggerConfig,
            String(event.name),
          ) && entryAdmits(live.trigger?.config, eventStartData(type, data, customer)),
      );
    case 'trigger.ticket_event':
      return candidates.filter(
        (live) =>
          ticketEventMatches(live.trigger?.config as unknown as TicketEventTriggerConfig, {
            kind: String(event.kind) as TicketEventKind,
            ...(typeof event.status === 'string' ? { status: event.status } : {}),
          }) && entryAdmits(live.trigger?.config, eventStartData(type, data, customer)),
      );
    default: {
      const unknown: never = type;
      throw new Error(`Unknown sample trigger ${String(unknown)}`);
    }
  }
}

export function dryRunLiveFlows(
  live: readonly LiveFlowVersion[],
  sample: DataPatch,
  startedAt: string,
  customer?: JsonObject,
  approvalOutcome?: DryRunOptions['approvalOutcome'],
): LiveRunResult {
  const data = arrivedSample(sample, startedAt);
  const type = sampleTrigger(data);
  if (!type) return { trigger: null, flows: [] };
  const candidates = live.filter((entry) => entry.trigger?.type === type);
  const started = new Set(startedBy(type, candidates, data, customer).map((entry) => entry.flowId));
  const lastStarted = candidates.findLastIndex((entry) => started.has(entry.flowId));
  const stoppedByExclusive =
    type === 'trigger.request_received' &&
    lastStarted >= 0 &&
    (candidates[lastStarted]?.trigger?.config as Partial<RequestTriggerConfig> | undefined)?.exclusive ===
      true;
  return {
    trigger: type,
    flows: candidates.map((entry, index): LiveRunEntry => {
      const base = { flowId: entry.flowId, name: entry.name, version: entry.version };
      if (!started.has(entry.flowId)) {
        const reason = stoppedByExclusive && index > lastStarted ? 'after_exclusive' : 'conditions';
        return { ...base, started: false, reason };
      }
      try {
        return {
          ...base,
          started: true,
          outcome: presentDryRun(
            dryRunFlow(entry.graph, { data: eventStartData(type, data, customer) }, startedAt, {
              customer,
              approvalOutcome,
            }),
          ),
        };
      } catch (error) {
        if (!(error instanceof FlowCompileError)) throw error;
        return { ...base, started: false, reason: 'not_runnable' };
      }
    }),
  };
}
