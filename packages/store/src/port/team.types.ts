import type { Calendar, LocalizedText, Priority } from './model.types.ts';

/** Teams, agents and SLA policies: who handles tickets, and how fast they must. */

export interface Team {
  id: string;
  workspaceId: string;
  name: LocalizedText;
  skills: string[];
  /** Business hours for SLA clocks; null counts every minute. */
  calendar: Calendar | null;
  /** The team whose queue takes this team's escalations. */
  supervisorQueue: string | null;
}

export interface TeamRepository {
  /** Creates or replaces the team. */
  put(team: Team): Promise<Team>;
  get(id: string): Promise<Team | null>;
  /** Ordered by id. */
  list(workspaceId: string): Promise<Team[]>;
  delete(id: string): Promise<boolean>;
}

export interface Agent {
  id: string;
  workspaceId: string;
  userId: string | null;
  name: string;
  teams: string[];
  skills: string[];
  /** How many open tickets the agent takes at once. */
  capacity: number;
  online: boolean;
  activeCount: number;
  lastAssignedAt: string | null;
}

export type AgentPatch = Partial<Pick<Agent, 'userId' | 'name' | 'teams' | 'skills' | 'capacity' | 'online'>>;

export interface AgentQuery {
  workspaceId?: string;
  team?: string;
  online?: boolean;
}

export interface AgentRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  create(agent: Agent): Promise<Agent>;
  get(id: string): Promise<Agent | null>;
  /** Ordered by id. */
  list(query?: AgentQuery): Promise<Agent[]>;
  update(id: string, patch: AgentPatch): Promise<Agent | null>;
  /**
   * Takes one unit of the agent's capacity in one atomic step: succeeds only
   * when the agent is online and below capacity (or `ignoreLimit`), counts the
   * ticket and stamps lastAssignedAt. Null when it did not succeed.
   */
  claimCapacity(id: string, now: string, options?: { ignoreLimit?: boolean }): Promise<Agent | null>;
  /** Gives one unit back (never below zero); null for an unknown agent. */
  releaseCapacity(id: string): Promise<Agent | null>;
}

export interface SlaPolicyMatch {
  priorities?: Priority[];
  categories?: string[];
  /** Applies to customers at this VIP level or above. */
  minVipLevel?: number;
}

export interface SlaPolicy {
  id: string;
  workspaceId: string;
  name: string;
  /** Empty criteria match every ticket. */
  match: SlaPolicyMatch;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** Share of the target after which a warning fires; default 0.8. */
  warnAtShare: number;
  /** Lower first; the first policy that matches applies. */
  order: number;
  /** Business hours of this policy's clock; null uses the ticket's team calendar (or the wall clock). */
  calendar: Calendar | null;
}

export interface SlaPolicyRepository {
  /** Creates or replaces the policy. */
  put(policy: SlaPolicy): Promise<SlaPolicy>;
  get(id: string): Promise<SlaPolicy | null>;
  /** Ordered by `order`, then id. */
  list(workspaceId: string): Promise<SlaPolicy[]>;
  delete(id: string): Promise<boolean>;
}
