import { CalendarSchema, LocalizedTextSchema, TICKET_STATUSES, type TicketStatus } from '@flowdesk/model';
import type { Agent, SlaPolicy, Team } from '@flowdesk/store';
import { z } from 'zod';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { auditCall } from '../../audit/audit-log.ts';
import { AppError } from '../../http/app-error.ts';
import { flowsNamingTeam } from '../../teams/team-flow-references.ts';
import { PrioritySchema, TICKET_ROLES } from '../../tickets/ticket-inputs.ts';
import { classifyCategories } from '../../tickets/ticket-work.ts';
import { procedure, router } from '../trpc.ts';

/**
 * Settings: teams, agents and SLA policies. Everyone signed in reads them (the
 * ticket screens show team and agent names); only admins change them.
 */

const admins = () => procedure.meta({ roles: ['admin'] });
const readers = () => procedure.meta({ roles: TICKET_ROLES.readers });
const Id = z.string().trim().min(1).max(100);
const Skills = z.array(z.string().trim().min(1).max(50)).max(50);

const TeamInput = z.strictObject({
  id: Id,
  name: LocalizedTextSchema,
  skills: Skills.default([]),
  calendar: CalendarSchema.nullable().default(null),
  supervisorQueue: Id.nullable().default(null),
});

const AgentFields = {
  userId: z.string().min(1).max(200).nullable(),
  name: z.string().trim().min(1).max(100),
  teams: z.array(Id).max(20),
  skills: Skills,
  capacity: z.number().int().min(0).max(1000),
  online: z.boolean(),
};
const AgentCreateInput = z.strictObject({
  id: Id,
  ...AgentFields,
  userId: AgentFields.userId.default(null),
  skills: Skills.default([]),
  online: z.boolean().default(false),
});
const AgentUpdateInput = z.strictObject({ id: Id, ...z.strictObject(AgentFields).partial().shape });

const SlaPolicyInput = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(100),
  match: z
    .strictObject({
      priorities: z.array(PrioritySchema).max(4).optional(),
      categories: z.array(z.string().min(1).max(100)).max(100).optional(),
      minVipLevel: z.number().int().min(0).max(10).optional(),
    })
    .default({}),
  firstResponseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  warnAtShare: z.number().gt(0).lt(1).default(0.8),
  order: z.number().int().min(0).max(10_000).default(100),
  /** The policy's own business hours; null counts in the ticket's team calendar. */
  calendar: CalendarSchema.nullable().default(null),
});

const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.values.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);

/** What an audit entry keeps of a team: enough to tell what changed, no whole calendar. */
function teamAuditDetails(team: Team) {
  return {
    name: team.name.en || team.name['zh-CN'],
    skills: team.skills,
    calendar: team.calendar
      ? {
          timezone: team.calendar.timezone,
          holidays: team.calendar.holidays.length,
          workdays: team.calendar.workdays.length,
        }
      : null,
  };
}

function policyAuditDetails(policy: SlaPolicy) {
  return {
    name: policy.name,
    firstResponseMinutes: policy.firstResponseMinutes,
    resolutionMinutes: policy.resolutionMinutes,
    order: policy.order,
    ownCalendar: policy.calendar !== null,
  };
}

export const teamsRouter = router({
  list: readers().query(({ ctx }) => ctx.services.store.teams.list(DEFAULT_WORKSPACE_ID)),

  /** Creates or replaces a team. */
  save: admins()
    .input(TeamInput)
    .mutation(async ({ ctx, input }) => {
      const saved = await ctx.services.store.teams.put({ ...input, workspaceId: DEFAULT_WORKSPACE_ID });
      await auditCall(ctx, 'team.save', `team:${input.id}`, teamAuditDetails(saved));
      return saved;
    }),

  /**
   * Removes a team nobody works in any more: no agent is a member, no open ticket is in its queue,
   * no other team escalates into it and no published flow's step names it.
   */
  delete: admins()
    .input(z.strictObject({ id: Id }))
    .mutation(async ({ ctx, input }) => {
      // Checked and deleted in one transaction: a ticket routed or an agent added between
      // the check and the delete would otherwise land in a team that no longer exists.
      const outcome = await ctx.services.store.transaction(async (tx) => {
        const team = await tx.teams.get(input.id);
        if (!team || team.workspaceId !== DEFAULT_WORKSPACE_ID) return { kind: 'missing' as const };
        const agents = await tx.agents.list({ workspaceId: DEFAULT_WORKSPACE_ID, team: input.id });
        const openTickets = await tx.tickets.list({
          workspaceId: DEFAULT_WORKSPACE_ID,
          team: input.id,
          status: OPEN_STATUSES,
          limit: 1000,
        });
        // Another team escalates into this one: its escalations would go to a missing queue.
        const escalatingTeams = (await tx.teams.list(DEFAULT_WORKSPACE_ID))
          .filter((other) => other.id !== input.id && other.supervisorQueue === input.id)
          .map((other) => other.id);
        // A published flow assigns or escalates to it, or asks its members: those steps would fail.
        const namingFlows = await flowsNamingTeam(tx, input.id);
        if (
          agents.length > 0 ||
          openTickets.length > 0 ||
          escalatingTeams.length > 0 ||
          namingFlows.length > 0
        ) {
          return {
            kind: 'in_use' as const,
            agents: agents.length,
            openTickets: openTickets.length,
            escalatingTeams,
            namingFlows,
          };
        }
        await tx.teams.delete(input.id);
        return { kind: 'deleted' as const, team };
      });
      if (outcome.kind === 'missing') {
        throw new AppError('not_found', 'team_not_found', { params: { id: input.id } });
      }
      if (outcome.kind === 'in_use') {
        const { agents, openTickets, escalatingTeams, namingFlows } = outcome;
        await auditCall(
          ctx,
          'team.delete',
          `team:${input.id}`,
          { agents, openTickets, escalatingTeams, flows: namingFlows.map((flow) => flow.flowId).join(',') },
          'failure',
        );
        if (agents === 0 && openTickets === 0 && escalatingTeams.length > 0) {
          throw new AppError('conflict', 'team_is_escalation_queue', {
            params: { id: input.id, teams: escalatingTeams.join(', ') },
          });
        }
        if (agents === 0 && openTickets === 0 && namingFlows.every((flow) => !flow.latest)) {
          // Only versions that executions in flight are pinned to name it: publishing changes
          // nothing for them; they must finish (or be cancelled) first.
          const versions = namingFlows.flatMap((flow) =>
            flow.inFlightVersions.map((version) => ({ name: flow.name, version })),
          );
          throw new AppError('conflict', 'team_named_by_running_versions', {
            params: {
              id: input.id,
              versionsZh: versions.map((entry) => `「${entry.name['zh-CN']}」v${entry.version}`).join('、'),
              versionsEn: versions.map((entry) => `"${entry.name.en}" v${entry.version}`).join(', '),
            },
          });
        }
        if (agents === 0 && openTickets === 0) {
          throw new AppError('conflict', 'team_named_by_flows', {
            params: {
              id: input.id,
              flowsZh: namingFlows
                .filter((flow) => flow.latest)
                .map((flow) => `「${flow.name['zh-CN']}」`)
                .join('、'),
              flowsEn: namingFlows
                .filter((flow) => flow.latest)
                .map((flow) => `"${flow.name.en}"`)
                .join(', '),
            },
          });
        }
        throw new AppError('conflict', 'team_in_use', {
          params: { id: input.id, agents, tickets: openTickets >= 1000 ? '1000+' : openTickets },
        });
      }
      const { team } = outcome;
      await auditCall(ctx, 'team.delete', `team:${input.id}`, teamAuditDetails(team));
      return { id: input.id };
    }),

  listAgents: readers()
    .input(z.strictObject({ team: Id.optional() }).default({}))
    .query(({ ctx, input }) =>
      ctx.services.store.agents.list({
        workspaceId: DEFAULT_WORKSPACE_ID,
        ...(input.team ? { team: input.team } : {}),
      }),
    ),

  createAgent: admins()
    .input(AgentCreateInput)
    .mutation(async ({ ctx, input }) => {
      const agent: Agent = {
        ...input,
        workspaceId: DEFAULT_WORKSPACE_ID,
        activeCount: 0,
        lastAssignedAt: null,
      };
      const created = await ctx.services.store.agents.create(agent);
      // Who takes tickets, and which user account signs in as that agent.
      await auditCall(ctx, 'agent.create', `agent:${input.id}`, {
        name: input.name,
        teams: input.teams,
        capacity: input.capacity,
        userId: input.userId,
      });
      return created;
    }),

  updateAgent: admins()
    .input(AgentUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const updated = await ctx.services.store.agents.update(id, patch);
      if (!updated) {
        throw new AppError('not_found', 'desk_not_found', {
          params: { zh: `坐席 ${id} 不存在`, en: `Agent ${id} does not exist` },
        });
      }
      await auditCall(ctx, 'agent.update', `agent:${id}`, {
        fields: Object.keys(patch)
          .filter((field) => patch[field as keyof typeof patch] !== undefined)
          .sort(),
      });
      return updated;
    }),

  /** The workspace's categories (those of the live flows' Classify steps), which a policy may match. */
  categories: readers().query(({ ctx }) => classifyCategories(ctx.services)),

  listSlaPolicies: readers().query(({ ctx }) => ctx.services.store.slaPolicies.list(DEFAULT_WORKSPACE_ID)),

  /** Creates or replaces a policy; the first matching policy by `order` applies to new tickets. */
  saveSlaPolicy: admins()
    .input(SlaPolicyInput)
    .mutation(async ({ ctx, input }) => {
      const saved = await ctx.services.store.slaPolicies.put({ ...input, workspaceId: DEFAULT_WORKSPACE_ID });
      await auditCall(ctx, 'sla_policy.save', `sla_policy:${input.id}`, policyAuditDetails(saved));
      return saved;
    }),

  /**
   * Removes a policy. Tickets that started under it keep their due times; their clock then counts
   * in the team's calendar when it pauses and resumes.
   */
  deleteSlaPolicy: admins()
    .input(z.strictObject({ id: Id }))
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const policy = await store.slaPolicies.get(input.id);
      if (!policy || policy.workspaceId !== DEFAULT_WORKSPACE_ID) {
        throw new AppError('not_found', 'sla_policy_not_found', { params: { id: input.id } });
      }
      await store.slaPolicies.delete(input.id);
      await auditCall(ctx, 'sla_policy.delete', `sla_policy:${input.id}`, policyAuditDetails(policy));
      return { id: input.id };
    }),
});
