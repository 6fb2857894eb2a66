import type { CompiledNode } from '../compile-flow.ts';
import type { FlowData } from '../flow-data.schema.ts';
import type { ActionNodeType, LogicNodeType, NodeConfig, TimingNodeType } from '../model-imports.ts';
import { runBusinessHours, runCondition, runSetVariable, runSwitch } from './logic-executors.ts';
import type { NodeEnvironment, NodeOutcome } from './node-outcome.ts';
import { planApproval, planEventWait, planWait } from './timing-executors.ts';

/** How the engine runs one kind of node, given the config its catalog schema parsed. */
type Executor<T extends EngineNodeType> = (
  config: NodeConfig<T>,
  data: FlowData,
  env: NodeEnvironment,
) => NodeOutcome;

/**
 * Logic nodes that need what the pure engine lacks (classifying needs the
 * trained models): the runtime runs them as activities.
 */
type LogicActivityNodeType = 'logic.classify';

/** Every other logic and timing node has an entry, so a new one without its executor does not compile. */
type EngineNodeType = Exclude<LogicNodeType, LogicActivityNodeType> | TimingNodeType | 'action.end';

/** The node types the engine hands to the runtime as activity commands: every action but End, and the classifier. */
export type ActivityNodeType = Exclude<ActionNodeType, 'action.end'> | LogicActivityNodeType;

const EXECUTORS: { readonly [T in EngineNodeType]: Executor<T> } = {
  'logic.condition': (config, data) => runCondition(config, data),
  'logic.switch': (config, data) => runSwitch(config, data),
  'logic.set_variable': (config, data, env) => runSetVariable(config, data, env),
  'logic.business_hours': (config, _data, env) => runBusinessHours(config, env),
  'action.end': (config) => ({
    kind: 'end',
    outcome: config.outcome === 'cancelled' ? 'cancelled' : 'completed',
  }),
  'timing.wait': (config, data, env) => planWait(config, data, env.now),
  'timing.wait_for_event': (config, _data, env) => planEventWait(config, env.now),
  'timing.ask_approval': (config, _data, env) => planApproval(config, env.now),
};

/** Whether the engine decides this node itself; every other one but a trigger is an activity of the runtime. */
export function runsInEngine(type: string): type is EngineNodeType {
  return Object.hasOwn(EXECUTORS, type);
}

function runExecutor<T extends EngineNodeType>(
  type: T,
  node: CompiledNode,
  data: FlowData,
  env: NodeEnvironment,
): NodeOutcome {
  const executor: Executor<T> = EXECUTORS[type];
  // compileFlow parsed the config with this type's catalog schema; this restates what it guarantees.
  return executor(node.config as NodeConfig<T>, data, env);
}

/** Runs one node. Never throws: an unexpected exception is a failure the incident reports to us. */
export function executeNode(node: CompiledNode, data: FlowData, env: NodeEnvironment): NodeOutcome {
  try {
    if (runsInEngine(node.type)) return runExecutor(node.type, node, data, env);
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
      params: { detail },
      retryable: false,
    },
  };
}
