import { z } from 'zod';
import { text } from '../i18n.ts';
import { ASSIGN_STRATEGIES } from '../vocabulary.ts';
import { FilledTemplateSchema, NameSchema } from './actions-ticket.catalog.ts';
import { defineNodeType } from './catalog.types.ts';
import { pick, templateReferences } from './catalog-helpers.ts';
import { ERROR_PORT, NEXT_PORT, port } from './ports.ts';

/** Actions that decide who handles a ticket. */

export const assign = defineNodeType({
  type: 'action.assign',
  category: 'action',
  icon: 'user-check',
  label: text('分配工单', 'Assign'),
  description: text(
    '把工单分配给团队中的坐席或指定坐席；暂时无人可接时进入团队队列排队。',
    'Assigns the ticket to an agent of a team or to a named agent; when nobody is free it waits in the team’s queue.',
  ),
  fields: {
    target: { label: text('分配给', 'Assign to') },
    teamId: { label: text('团队', 'Team'), refersTo: 'team' },
    agentId: { label: text('坐席', 'Agent'), refersTo: 'agent' },
    strategy: {
      label: text('分配方式', 'Strategy'),
      help: text(
        '轮流分配：依次分给每位在线坐席；最少负载：分给手上工单最少的人；技能匹配：只分给具备所需技能的人。',
        'Round-robin takes online agents in turn; least loaded picks whoever has the fewest open tickets; skills match only picks agents with the skills needed.',
      ),
    },
    skills: {
      label: text('所需技能', 'Skills needed'),
      help: text('例如“英语”“退款”。', 'E.g. "English", "refunds".'),
    },
    vipFirst: {
      label: text('VIP 客户优先', 'VIP customers first'),
      help: text('排队时 VIP 客户的工单排在前面。', 'VIP customers’ tickets go to the front of the queue.'),
    },
  },
  configSchema: z
    .strictObject({
      target: z.enum(['team', 'agent']),
      teamId: NameSchema.optional(),
      agentId: NameSchema.optional(),
      strategy: z.enum(ASSIGN_STRATEGIES.values).default('round_robin'),
      skills: z.array(NameSchema).max(20).default([]),
      vipFirst: z.boolean().default(true),
    })
    .superRefine((config, ctx) => {
      if (config.target === 'team' && !config.teamId) {
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'config.target_team_missing' });
      }
      if (config.target === 'agent' && !config.agentId) {
        ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'config.target_agent_missing' });
      }
      // The strategy only chooses among a team's agents; a named agent needs none.
      if (config.target === 'team' && config.strategy === 'skills' && config.skills.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['skills'], message: 'config.skills_missing' });
      }
    }),
  example: { target: 'team', teamId: 'after_sales', strategy: 'least_loaded', skills: [], vipFirst: true },
  outputPorts: () => [port('next', text('已分配或排队', 'Assigned or queued'), 'optional'), ERROR_PORT],
  summarize: (config, locale) => {
    if (config.target === 'agent') {
      return pick(locale, `分配给坐席 ${config.agentId ?? ''}`, `Assign to agent ${config.agentId ?? ''}`);
    }
    const strategy = ASSIGN_STRATEGIES.labels[config.strategy][locale];
    return pick(
      locale,
      `分配给团队 ${config.teamId ?? ''}（${strategy}）`,
      `Assign to team ${config.teamId ?? ''} (${strategy})`,
    );
  },
});

export const escalate = defineNodeType({
  type: 'action.escalate',
  category: 'action',
  icon: 'siren',
  label: text('升级处理', 'Escalate'),
  description: text(
    '把工单升级给主管或专门的队列，并说明原因。',
    'Escalates the ticket to a supervisor or a dedicated queue, with the reason.',
  ),
  fields: {
    queue: {
      label: text('升级到', 'Escalate to'),
      help: text('主管队列或其他升级队列。', 'The supervisor queue or another escalation queue.'),
      refersTo: 'team',
      builtIn: { supervisor: text('主管队列', 'Supervisor queue') },
    },
    reason: {
      label: text('升级原因', 'Reason'),
      help: text(
        '处理人会看到，例如“VIP 客户投诉：{{ request.subject }}”。',
        'Shown to whoever takes it, e.g. "VIP complaint: {{ request.subject }}".',
      ),
    },
    raisePriority: {
      label: text('提高优先级', 'Raise priority'),
      help: text('升级时把优先级提高一级。', 'Raises the priority by one level.'),
    },
  },
  configSchema: z.strictObject({
    queue: NameSchema.default('supervisor'),
    reason: FilledTemplateSchema,
    raisePriority: z.boolean().default(true),
  }),
  example: { queue: 'supervisor', reason: 'VIP 客户投诉：{{ request.subject }}', raisePriority: true },
  outputPorts: () => [NEXT_PORT, ERROR_PORT],
  references: (config) => templateReferences('config.reason', config.reason),
  summarize: (config, locale) => pick(locale, `升级到 ${config.queue}`, `Escalate to ${config.queue}`),
});
