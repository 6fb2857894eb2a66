import type {
  Agent,
  AgentRepository,
  SlaPolicy,
  SlaPolicyRepository,
  Team,
  TeamRepository,
} from '../port/team.types.ts';
import { storedCalendar } from '../shared/stored-calendar.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { AgentDoc, SlaPolicyDoc, TeamDoc } from './mongo-desk-models.ts';

const toTeam = (doc: TeamDoc): Team => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  name: doc.name,
  skills: doc.skills ?? [],
  calendar: storedCalendar(doc.calendar),
  supervisorQueue: doc.supervisorQueue ?? null,
});

export function createMongoTeamRepository(ctx: MongoContext): TeamRepository {
  const { teams } = ctx.models;
  const session = ctx.session;
  return {
    async put(team) {
      const { id, ...rest } = team;
      await teams.replaceOne({ _id: id }, { _id: id, ...rest }, { upsert: true, session }).exec();
      return team;
    },
    async get(id) {
      const doc = await teams
        .findById(id)
        .session(session ?? null)
        .lean<TeamDoc>()
        .exec();
      return doc ? toTeam(doc) : null;
    },
    async list(workspaceId) {
      const docs = await teams
        .find({ workspaceId })
        .sort({ _id: 1 })
        .session(session ?? null)
        .lean<TeamDoc[]>()
        .exec();
      return docs.map(toTeam);
    },
    async delete(id) {
      return (await teams.deleteOne({ _id: id }, { session }).exec()).deletedCount > 0;
    },
  };
}

const toAgent = (doc: AgentDoc): Agent => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  userId: doc.userId ?? null,
  name: doc.name,
  teams: doc.teams ?? [],
  skills: doc.skills ?? [],
  capacity: doc.capacity,
  online: doc.online,
  activeCount: doc.activeCount,
  lastAssignedAt: doc.lastAssignedAt ?? null,
});

export function createMongoAgentRepository(ctx: MongoContext): AgentRepository {
  const { agents } = ctx.models;
  const session = ctx.session;
  const findOneAndUpdate = async (filter: Record<string, unknown>, update: Record<string, unknown>) => {
    const doc = await agents
      .findOneAndUpdate(filter, update, { returnDocument: 'after', session })
      .lean<AgentDoc>()
      .exec();
    return doc ? toAgent(doc) : null;
  };
  return {
    async create(agent) {
      const { id, ...rest } = agent;
      const doc: AgentDoc = {
        _id: id,
        ...rest,
        lastAssignedAt: rest.lastAssignedAt === null ? null : normalizeIso(rest.lastAssignedAt),
      };
      try {
        await agents.insertMany([doc], { session });
      } catch (error) {
        translateMongoError(error, `Agent ${id}`);
      }
      return toAgent(doc);
    },
    async get(id) {
      const doc = await agents
        .findById(id)
        .session(session ?? null)
        .lean<AgentDoc>()
        .exec();
      return doc ? toAgent(doc) : null;
    },
    async list(query = {}) {
      const filter: Record<string, unknown> = {};
      if (query.workspaceId !== undefined) filter.workspaceId = query.workspaceId;
      if (query.online !== undefined) filter.online = query.online;
      if (query.team !== undefined) filter.teams = query.team;
      const docs = await agents
        .find(filter)
        .sort({ _id: 1 })
        .session(session ?? null)
        .lean<AgentDoc[]>()
        .exec();
      return docs.map(toAgent);
    },
    update: (id, patch) => findOneAndUpdate({ _id: id }, { $set: { ...patch } }),
    claimCapacity: (id, now, options = {}) =>
      findOneAndUpdate(
        options.ignoreLimit
          ? { _id: id }
          : { _id: id, online: true, $expr: { $lt: ['$activeCount', '$capacity'] } },
        { $inc: { activeCount: 1 }, $set: { lastAssignedAt: normalizeIso(now) } },
      ),
    async releaseCapacity(id) {
      const released = await findOneAndUpdate(
        { _id: id, activeCount: { $gt: 0 } },
        { $inc: { activeCount: -1 } },
      );
      if (released) return released;
      const doc = await agents
        .findById(id)
        .session(session ?? null)
        .lean<AgentDoc>()
        .exec();
      return doc ? toAgent(doc) : null;
    },
  };
}

const toPolicy = (doc: SlaPolicyDoc): SlaPolicy => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  name: doc.name,
  match: doc.match ?? {},
  firstResponseMinutes: doc.firstResponseMinutes,
  resolutionMinutes: doc.resolutionMinutes,
  warnAtShare: doc.warnAtShare,
  order: doc.order,
  calendar: storedCalendar(doc.calendar),
});

export function createMongoSlaPolicyRepository(ctx: MongoContext): SlaPolicyRepository {
  const { slaPolicies } = ctx.models;
  const session = ctx.session;
  return {
    async put(policy) {
      const { id, ...rest } = policy;
      await slaPolicies.replaceOne({ _id: id }, { _id: id, ...rest }, { upsert: true, session }).exec();
      return policy;
    },
    async get(id) {
      const doc = await slaPolicies
        .findById(id)
        .session(session ?? null)
        .lean<SlaPolicyDoc>()
        .exec();
      return doc ? toPolicy(doc) : null;
    },
    async list(workspaceId) {
      const docs = await slaPolicies
        .find({ workspaceId })
        .sort({ order: 1, _id: 1 })
        .session(session ?? null)
        .lean<SlaPolicyDoc[]>()
        .exec();
      return docs.map(toPolicy);
    },
    async delete(id) {
      return (await slaPolicies.deleteOne({ _id: id }, { session }).exec()).deletedCount > 0;
    },
  };
}
