import { type ClassifyConfig, classifyNode, localeOf } from '@flowdesk/desk';
import {
  type ActivityCommand,
  type ActivityResult,
  type FlowData,
  renderTemplate,
  type SimulatedActivity,
  TemplateRenderError,
  templateFailure,
} from '@flowdesk/engine';
import type { LocalizedTemplate } from '@flowdesk/model';

/**
 * Stand-ins for every action node in a dry run (`flowdesk run`, the editor's
 * test run): they compute what the real activity would produce from the data
 * at hand — a ticket number, a rendered message — and send nothing.
 */
export interface SimulatedEffect {
  readonly nodeId: string;
  readonly kind: 'message' | 'http' | 'survey';
  readonly summary: string;
}

function render(template: LocalizedTemplate | string | undefined, data: FlowData): string {
  if (template === undefined) return '';
  const source =
    typeof template === 'string'
      ? template
      : (template[localeOf(data)] ?? template['zh-CN'] ?? template.en ?? '');
  return renderTemplate(source, data, { locale: localeOf(data) }).text;
}

function ok(output: Record<string, unknown> = {}, port?: string): ActivityResult {
  return port === undefined ? { ok: true, output } : { ok: true, port, output };
}

/**
 * A template that is broken or runs into a Liquid limit fails its step, as in
 * a real run, instead of failing the whole dry run.
 */
function failingOnTemplates(activity: SimulatedActivity): SimulatedActivity {
  return (command, ...rest) => {
    try {
      return activity(command, ...rest);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      return { ok: false, error: { ...templateFailure(error), retryable: false } };
    }
  };
}

export function simulatedActivities(
  effects: SimulatedEffect[],
  today: string,
): Readonly<Record<string, SimulatedActivity>> {
  const activities = simulatedActivityTable(effects, today);
  return Object.fromEntries(
    Object.entries(activities).map(([type, activity]) => [type, failingOnTemplates(activity)]),
  );
}

function simulatedActivityTable(
  effects: SimulatedEffect[],
  today: string,
): Readonly<Record<string, SimulatedActivity>> {
  const record = (command: ActivityCommand, kind: SimulatedEffect['kind'], summary: string) =>
    effects.push({ nodeId: command.nodeId, kind, summary });
  const identity = (data: FlowData) => (data.request?.customer ?? {}) as Record<string, unknown>;
  return {
    'logic.classify': (command) => classifyNode(command.config as unknown as ClassifyConfig, command.input),
    'action.identify_customer': (command) =>
      ok({
        customer: { id: 'dry-run-customer', isNew: true, vipLevel: 0, tags: [], ...identity(command.input) },
      }),
    'action.create_ticket': (command) => {
      const config = command.config as { title?: string; priority?: string; team?: string };
      return ok({
        ticket: {
          id: 'dry-run-ticket',
          number: `CS${today.replaceAll('-', '')}001`,
          link: 'https://example.invalid/t/dry-run',
          title: render(config.title, command.input),
          status: 'new',
          priority: config.priority === 'auto' || !config.priority ? 'medium' : config.priority,
          team: config.team ?? null,
          category: command.input.classification?.category ?? null,
        },
      });
    },
    'action.update_ticket': () => ok(),
    'action.assign': (command) => {
      const config = command.config as { teamId?: string; agentId?: string };
      return ok({
        ticket: {
          status: 'assigned',
          team: config.teamId ?? null,
          assignee: config.agentId ?? 'dry-run-agent',
        },
      });
    },
    'action.escalate': () => ok({ ticket: { team: 'supervisor' } }),
    'action.send_message': (command) => {
      const config = command.config as { channel: string; body?: LocalizedTemplate };
      record(command, 'message', `${config.channel}: ${render(config.body, command.input)}`);
      return ok();
    },
    'action.auto_reply': () => ok({}, 'not_answered'),
    'action.http_request': (command) => {
      const config = command.config as {
        method: string;
        url: string;
        responseMapping: { variable: string }[];
      };
      record(command, 'http', `${config.method} ${render(config.url, command.input)}`);
      const variables = Object.fromEntries(config.responseMapping.map((mapping) => [mapping.variable, null]));
      return ok({ variables });
    },
    'action.send_survey': (command) => {
      record(command, 'survey', String((command.config as { kind: string }).kind));
      return ok({ survey: { id: 'dry-run-survey', link: 'https://example.invalid/s/dry-run' } });
    },
  };
}
