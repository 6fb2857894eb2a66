import type { AssignStrategy, Priority } from '@flowdesk/model';
import type { Agent } from '@flowdesk/store';
import { PRIORITY_RANK } from '@flowdesk/store';

/**
 * Who should get the next ticket, as a pure ordering of candidates. The
 * routing service then claims capacity from them in this order, so a candidate
 * that filled up meanwhile is simply skipped.
 */
export interface PickOptions {
  strategy: AssignStrategy;
  /** The agent must have every one of these (case does not matter). */
  skills: readonly string[];
}

const key = (skill: string) => skill.trim().toLowerCase();

export function hasSkills(agent: Agent, skills: readonly string[]): boolean {
  const own = new Set(agent.skills.map(key));
  return skills.every((skill) => own.has(key(skill)));
}

export function isAvailable(agent: Agent): boolean {
  return agent.online && agent.activeCount < agent.capacity;
}

const byId = (a: Agent, b: Agent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Never assigned first, then whoever waited longest since their last ticket. */
function byLastAssigned(a: Agent, b: Agent): number {
  if (a.lastAssignedAt === b.lastAssignedAt) return byId(a, b);
  if (a.lastAssignedAt === null) return -1;
  if (b.lastAssignedAt === null) return 1;
  return a.lastAssignedAt < b.lastAssignedAt ? -1 : 1;
}

/** Fewest open tickets first; ties go to whoever waited longest. */
function byLoad(a: Agent, b: Agent): number {
  return a.activeCount - b.activeCount || byLastAssigned(a, b);
}

export function rankCandidates(agents: readonly Agent[], options: PickOptions): Agent[] {
  const eligible = agents.filter((agent) => isAvailable(agent) && hasSkills(agent, options.skills));
  switch (options.strategy) {
    case 'round_robin':
      return eligible.sort(byLastAssigned);
    case 'least_loaded':
    case 'skills':
      return eligible.sort(byLoad);
    default: {
      const unknown: never = options.strategy;
      throw new Error(`unknown strategy ${String(unknown)}`);
    }
  }
}

/** VIP tiers first, then urgent before high before medium before low, then oldest. */
export function queueOrder(
  a: { vipLevel: number; priority: Priority; createdAt: string },
  b: { vipLevel: number; priority: Priority; createdAt: string },
): number {
  return (
    b.vipLevel - a.vipLevel ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)
  );
}

const RAISED: Readonly<Record<Priority, Priority>> = {
  low: 'medium',
  medium: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

export function raisePriority(priority: Priority): Priority {
  return RAISED[priority];
}
