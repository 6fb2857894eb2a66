import type { EngineMessageCode } from '../engine-messages.ts';
import { BudgetExceededError, createEvaluationBudget, PatternRefusedError } from '../evaluation-budget.ts';
import { type ExpressionResult, evaluateExpression } from '../expression.ts';
import { readField } from '../field-path.ts';
import type { FlowData } from '../flow-data.schema.ts';
import type { NodeConfig } from '../model-imports.ts';
import { evaluateRuleGroup, type RuleTrace, testOperator } from '../rules.ts';
import { renderTemplate, TemplateRenderError, templateFailure } from '../template.ts';
import { isWithinCalendar } from '../time/time-helpers.ts';
import type { NodeEnvironment, NodeFailure, NodeOutcome } from './node-outcome.ts';

/** Logic nodes run inside the engine: each reads the data and picks a port. */

type ConditionConfig = NodeConfig<'logic.condition'>;
type SwitchConfig = NodeConfig<'logic.switch'>;
type SetVariableConfig = NodeConfig<'logic.set_variable'>;
type BusinessHoursConfig = NodeConfig<'logic.business_hours'>;

function traced(seen: readonly RuleTrace[]): Record<string, unknown> {
  return Object.fromEntries(seen.map((entry) => [entry.field, entry.value ?? null]));
}

type ExpressionFailure = Exclude<ExpressionResult, { ok: true }>;

function expressionFailure(result: ExpressionFailure): { code: EngineMessageCode; params: Params } {
  switch (result.reason) {
    case 'not_boolean':
      return { code: 'engine.expression_not_boolean', params: { type: result.type } };
    case 'error':
      return { code: 'engine.expression_failed', params: { detail: result.detail } };
    case 'budget':
      return { code: 'engine.evaluation_budget', params: { what: result.what } };
    case 'pattern':
      return {
        code: 'engine.pattern_refused',
        params: { pattern: result.pattern, reason: result.refusal, detail: result.detail },
      };
    default: {
      const unknownReason: never = result;
      throw new Error(`Unknown expression failure ${JSON.stringify(unknownReason)}`);
    }
  }
}

type Params = Record<string, string | number | undefined>;

/** Params go into the stored incident as JSON, which has no undefined. */
function storedParams(params: Params): Record<string, string | number> {
  const stored: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) stored[key] = value;
  return stored;
}

function failed(input: Record<string, unknown>, code: EngineMessageCode, params: Params): NodeOutcome {
  return {
    kind: 'failure',
    input,
    failure: { code, params: storedParams(params), retryable: false },
  };
}

/**
 * Why rules could not be evaluated, as a stored failure: an over-budget step or
 * a refused pattern. Anything else is a bug and gives undefined. The runtime
 * reads trigger entry conditions with the same rules and reports the same codes.
 */
export function ruleEvaluationFailure(error: unknown): NodeFailure | undefined {
  if (error instanceof BudgetExceededError) {
    return { code: 'engine.evaluation_budget', params: { what: error.what }, retryable: false };
  }
  if (error instanceof PatternRefusedError) {
    return {
      code: 'engine.pattern_refused',
      params: { pattern: error.pattern, reason: error.reason, detail: error.detail },
      retryable: false,
    };
  }
  return undefined;
}

/** Rule evaluation stops on an over-budget step or a refused pattern; both end the step as a failure. */
function ruleFailure(input: Record<string, unknown>, error: unknown): NodeOutcome {
  const failure = ruleEvaluationFailure(error);
  if (!failure) throw error;
  return { kind: 'failure', input, failure };
}

export function runCondition(config: ConditionConfig, data: FlowData): NodeOutcome {
  if (config.mode === 'expression') {
    const expression = config.expression ?? '';
    const input = { expression };
    const result = evaluateExpression(expression, data);
    if (result.ok)
      return { kind: 'port', port: String(result.value), input, output: { result: result.value } };
    const { code, params } = expressionFailure(result);
    return failed(input, code, params);
  }
  const seen: RuleTrace[] = [];
  try {
    const result = evaluateRuleGroup(config.rules, data, seen, createEvaluationBudget());
    return { kind: 'port', port: String(result), input: { fields: traced(seen) }, output: { result } };
  } catch (error) {
    return ruleFailure({ fields: traced(seen) }, error);
  }
}

export function runSwitch(config: SwitchConfig, data: FlowData): NodeOutcome {
  const value = readField(data, config.field);
  const input = { fields: { [config.field]: value ?? null } };
  const budget = createEvaluationBudget();
  try {
    const matched = config.cases.find((candidate) =>
      testOperator(candidate.operator, value, candidate.value, budget),
    );
    const port = matched?.id ?? 'default';
    return { kind: 'port', port, input, output: { case: port } };
  } catch (error) {
    return ruleFailure(input, error);
  }
}

export function runSetVariable(config: SetVariableConfig, data: FlowData, env: NodeEnvironment): NodeOutcome {
  const assigned: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const { name, value } of config.assignments) {
    switch (value.kind) {
      case 'literal':
        assigned[name] = value.value;
        break;
      case 'field':
        assigned[name] = readField(data, value.field) ?? null;
        break;
      case 'template': {
        try {
          const rendered = renderTemplate(value.template, data, {
            locale: env.locale,
            timezone: env.timezone,
          });
          assigned[name] = rendered.text;
          missing.push(...rendered.missing);
        } catch (error) {
          const failure =
            error instanceof TemplateRenderError
              ? templateFailure(error)
              : { code: 'engine.template_failed' as const, params: { detail: String(error) } };
          return { kind: 'failure', input: { variable: name }, failure: { ...failure, retryable: false } };
        }
        break;
      }
      default: {
        const unknownKind: never = value;
        throw new Error(`Unknown assignment ${JSON.stringify(unknownKind)}`);
      }
    }
  }
  const output = missing.length > 0 ? { variables: assigned, missing } : { variables: assigned };
  return {
    kind: 'port',
    port: 'next',
    input: {},
    output,
    data: { ...data, variables: { ...data.variables, ...assigned } },
  };
}

export function runBusinessHours(config: BusinessHoursConfig, env: NodeEnvironment): NodeOutcome {
  const calendar = config.calendarId === undefined ? config.calendar : env.calendars[config.calendarId];
  const input = { at: env.now, calendar: config.calendarId ?? 'inline' };
  if (!calendar) {
    return {
      kind: 'failure',
      input,
      failure: {
        code: 'engine.calendar_missing',
        params: config.calendarId === undefined ? {} : { id: config.calendarId },
        // The calendar may be restored in settings; trying again can then succeed.
        retryable: true,
      },
    };
  }
  const open = isWithinCalendar(calendar, env.now);
  return {
    kind: 'port',
    port: open ? 'open' : 'closed',
    input,
    output: { open, timezone: calendar.timezone },
  };
}
