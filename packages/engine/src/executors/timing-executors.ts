import { readField } from '../field-path.ts';
import type { FlowData } from '../flow-data.schema.ts';
import type { NodeConfig } from '../model-imports.ts';
import { addDuration, nextLocalTime } from '../time/time-helpers.ts';
import type { NodeOutcome } from './node-outcome.ts';

/** Timing nodes hand control back to the scheduler with a wait command; nothing sleeps in here. */

type WaitConfig = NodeConfig<'timing.wait'>;
type WaitForEventConfig = NodeConfig<'timing.wait_for_event'>;
type AskApprovalConfig = NodeConfig<'timing.ask_approval'>;

function fieldInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function planWait(config: WaitConfig, data: FlowData, now: string): NodeOutcome {
  switch (config.mode) {
    case 'duration':
      return { kind: 'wait', wait: { until: addDuration(now, config.duration) } };
    case 'until_time':
      return { kind: 'wait', wait: { until: nextLocalTime(config.time, config.timezone, now) } };
    case 'until_field': {
      const value = readField(data, config.field);
      const until = fieldInstant(value);
      // A missing or past date means there is nothing to wait for: go on, and say why in the trace.
      if (until === undefined || until <= Date.parse(now)) {
        const reason = until === undefined ? 'missing' : 'past';
        return {
          kind: 'port',
          port: 'next',
          input: { field: config.field, value: value ?? null },
          output: { waited: false, reason },
        };
      }
      return { kind: 'wait', wait: { until: new Date(until).toISOString() } };
    }
    default: {
      const unknownMode: never = config;
      throw new Error(`Unknown wait mode ${JSON.stringify(unknownMode)}`);
    }
  }
}

export function planEventWait(config: WaitForEventConfig, now: string): NodeOutcome {
  // Statuses mean something only to a status wait; ones left over from switching the event are ignored.
  const statuses =
    config.event === 'ticket_status' && config.statuses.length > 0 ? { statuses: config.statuses } : {};
  return {
    kind: 'wait',
    wait: { event: { name: config.event, ...statuses }, timeoutAt: addDuration(now, config.timeout) },
  };
}

/**
 * Waits for a person's decision. The runtime stores the approval request
 * (question, facts) when it saves the wait; the timeout answers with the
 * node's `onTimeout` outcome.
 */
export function planApproval(config: AskApprovalConfig, now: string): NodeOutcome {
  return { kind: 'wait', wait: { event: { name: 'approval' }, timeoutAt: addDuration(now, config.timeout) } };
}
