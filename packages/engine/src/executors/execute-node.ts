import type { CompiledNode } from '../compile-flow.ts';
import { engineMessage } from '../engine-messages.ts';
import type { FlowData } from '../flow-data.schema.ts';
import { runBusinessHours, runCondition, runSetVariable, runSwitch } from './logic-executors.ts';
import type { NodeEnvironment, NodeOutcome } from './node-outcome.ts';
import { planEventWait, planWait } from './timing-executors.ts';

/*
 * Configs were parsed by each type's catalog schema when the flow was
 * compiled, so the casts below only restate what that schema guarantees.
 */

function byType(node: CompiledNode, data: FlowData, env: NodeEnvironment): NodeOutcome | undefined {
  const config = node.config as never;
  switch (node.type) {
    case 'logic.condition':
      return runCondition(config, data);
    case 'logic.switch':
      return runSwitch(config, data);
    case 'logic.set_variable':
      return runSetVariable(config, data, env);
    case 'logic.business_hours':
      return runBusinessHours(config, env);
    case 'action.end':
      return { kind: 'end', outcome: node.config.outcome === 'cancelled' ? 'cancelled' : 'completed' };
    case 'timing.wait':
      return planWait(config, data, env.now);
    case 'timing.wait_for_event':
      return planEventWait(config, env.now);
    default:
      return undefined;
  }
}

/** Runs one node. Never throws: an unexpected exception is a failure the incident reports to us. */
export function executeNode(node: CompiledNode, data: FlowData, env: NodeEnvironment): NodeOutcome {
  try {
    const outcome = byType(node, data, env);
    if (outcome) return outcome;
    switch (node.category) {
      case 'trigger':
        return { kind: 'port', port: 'next', input: {}, output: {} };
      // Actions and classification touch the domain (tickets, models), so the runtime does them.
      case 'action':
      case 'logic':
        return { kind: 'activity' };
      case 'timing':
        return internalFailure(`no executor for ${node.type}`);
      default: {
        const unknownCategory: never = node.category;
        return internalFailure(`unknown category ${String(unknownCategory)}`);
      }
    }
  } catch (error) {
    return internalFailure(error instanceof Error ? error.message : String(error));
  }
}

function internalFailure(detail: string): NodeOutcome {
  return {
    kind: 'failure',
    input: {},
    failure: {
      code: 'engine.internal_error',
      message: engineMessage('engine.internal_error', { detail }),
      retryable: false,
    },
  };
}
