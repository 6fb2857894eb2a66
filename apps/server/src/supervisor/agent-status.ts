import { deskMessage, setAgentOnline } from '@flowdesk/desk';
import type { Agent } from '@flowdesk/store';
import { type AppServices, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { valueOrThrow } from '../tickets/desk-app-error.ts';
import { inDesk } from '../tickets/ticket-actions.ts';
import type { AgentStatus } from './supervisor-overview.ts';

/**
 * Available or away (Agent.online). Away agents keep their tickets but get no
 * new automatic assignments: the routing only hands work to online agents
 * (rankCandidates, fillAgent, claimCapacity). Coming back takes waiting tickets
 * from the agent's team queues at once (setAgentOnline).
 */
export function setAgentStatus(services: AppServices, agentId: string, status: AgentStatus): Promise<Agent> {
  return inDesk(services, async (scope) => {
    const agent = await scope.tx.agents.get(agentId);
    // Another workspace's agent reads as unknown, like a missing one.
    if (agent?.workspaceId !== DEFAULT_WORKSPACE_ID) {
      const message = deskMessage('desk.not_found', { what: 'agent', id: agentId });
      throw new AppError('not_found', 'desk_not_found', {
        params: { zh: message['zh-CN'], en: message.en },
        pointer: '/agentId',
        extra: { reason: 'desk.not_found', what: 'agent', id: agentId },
      });
    }
    return valueOrThrow(await setAgentOnline(scope, agentId, status === 'available'));
  });
}
