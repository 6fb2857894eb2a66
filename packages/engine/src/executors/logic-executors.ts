import { engineMessage } from '../engine-messages.ts';
import { evaluateExpression } from '../expression.ts';
import { readField } from '../field-path.ts';
import type { FlowData } from '../flow-data.schema.ts';
import type { Calendar, RuleGroup, RuleOperator, Scalar } from '../model-imports.ts';
import { evaluateRuleGroup, type RuleTrace, testOperator } from '../rules.ts';
import { renderTemplate, TemplateRenderError } from '../template.ts';
import { isWithinCalendar } from '../time/time-helpers.ts';
import type { NodeEnvironment, NodeOutcome } from './node-outcome.ts';

/** Logic nodes run inside the engine: each reads the data and picks a port. */

interface ConditionConfig {
  mode: 'rules' | 'expression';
  rules: RuleGroup;
  expression?: string;
}

interface SwitchConfig {
  field: string;
  cases: { id: string; operator: RuleOperator; value: Scalar | Scalar[] }[];
}

type AssignmentValue =
  | { kind: 'literal'; value: Scalar }
  | { kind: 'field'; field: string }
  | { kind: 'template'; template: string };

interface SetVariableConfig {
  assignments: { name: string; value: AssignmentValue }[];
}

interface BusinessHoursConfig {
  calendarId?: string;
  calendar: Calendar;
}

function traced(seen: readonly RuleTrace[]): Record<string, unknown> {
  return Object.fromEntries(seen.map((entry) => [entry.field, entry.value ?? null]));
}

export function runCondition(config: ConditionConfig, data: FlowData): NodeOutcome {
  if (config.mode === 'expression') {
    const expression = config.expression ?? '';
    const input = { expression };
    const result = evaluateExpression(expression, data);
    if (result.ok)
      return { kind: 'port', port: String(result.value), input, output: { result: result.value } };
    const message =
      result.reason === 'not_boolean'
        ? engineMessage('engine.expression_not_boolean', { type: result.type })
        : engineMessage('engine.expression_failed', { detail: result.detail });
    const code =
      result.reason === 'not_boolean' ? 'engine.expression_not_boolean' : 'engine.expression_failed';
    return { kind: 'failure', input, failure: { code, message, retryable: false } };
  }
  const seen: RuleTrace[] = [];
  const result = evaluateRuleGroup(config.rules, data, seen);
  return { kind: 'port', port: String(result), input: { fields: traced(seen) }, output: { result } };
}

export function runSwitch(config: SwitchConfig, data: FlowData): NodeOutcome {
  const value = readField(data, config.field);
  const input = { fields: { [config.field]: value ?? null } };
  const matched = config.cases.find((candidate) => testOperator(candidate.operator, value, candidate.value));
  const port = matched?.id ?? 'default';
  return { kind: 'port', port, input, output: { case: port } };
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
          const detail = error instanceof TemplateRenderError ? error.message : String(error);
          return {
            kind: 'failure',
            input: { variable: name },
            failure: {
              code: 'engine.template_failed',
              message: engineMessage('engine.template_failed', { detail }),
              retryable: false,
            },
          };
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
        message: engineMessage('engine.calendar_missing', { id: config.calendarId }),
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
