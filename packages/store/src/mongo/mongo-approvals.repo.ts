import type { ApprovalQuery, ApprovalRepository, ApprovalRequest } from '../port/approval.types.ts';
import { normalizeIso } from '../shared/time.ts';
import type { ApprovalDoc } from './mongo-approvals.model.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';

function fromDoc(doc: ApprovalDoc): ApprovalRequest {
  const { _id, deciderTeam: _team, ...rest } = doc;
  return { id: _id, ...rest };
}

function pendingFilter(query: ApprovalQuery): Record<string, unknown> {
  return {
    workspaceId: query.workspaceId,
    status: 'pending',
    ...(query.teams ? { deciderTeam: { $in: [...query.teams] } } : {}),
    ...(query.ticketId !== undefined ? { ticketId: query.ticketId } : {}),
  };
}

export function createMongoApprovalRepository(ctx: MongoContext): ApprovalRepository {
  const { approvals } = ctx.models;
  const session = () => ctx.session ?? null;
  const byId = async (id: string) => {
    const doc = await approvals.findById(id).session(session()).lean<ApprovalDoc>().exec();
    return doc ? fromDoc(doc) : null;
  };
  return {
    async create(request) {
      const filter = { executionId: request.executionId, seq: request.seq };
      // Looked up first: inside a transaction a duplicate-key error would abort the whole transaction.
      const existing = await approvals.findOne(filter).session(session()).lean<ApprovalDoc>().exec();
      if (existing) return fromDoc(existing);
      const { id, ...rest } = request;
      const doc: ApprovalDoc = {
        _id: id,
        ...rest,
        deciderTeam: request.decider.kind === 'team' ? request.decider.teamId : null,
        createdAt: normalizeIso(request.createdAt),
        timeoutAt: request.timeoutAt ? normalizeIso(request.timeoutAt) : null,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        note: '',
      };
      try {
        await approvals.create([doc], { session: ctx.session });
      } catch (error) {
        translateMongoError(error, `approval ${id}`);
      }
      return fromDoc(doc);
    },
    get: byId,
    async listPending(query) {
      const docs = await approvals
        .find(pendingFilter(query))
        .sort({ createdAt: 1, _id: 1 })
        .limit(query.limit ?? 200)
        .session(session())
        .lean<ApprovalDoc[]>()
        .exec();
      return docs.map(fromDoc);
    },
    countPending: (query) => approvals.countDocuments(pendingFilter(query)).session(session()).exec(),
    async decide(id, decision) {
      const doc = await approvals
        .findOneAndUpdate(
          { _id: id, status: 'pending' },
          {
            $set: {
              status: decision.status,
              decidedBy: decision.by,
              decidedAt: normalizeIso(decision.at),
              note: decision.note,
            },
          },
          { new: true, session: ctx.session },
        )
        .lean<ApprovalDoc>()
        .exec();
      return doc ? fromDoc(doc) : null;
    },
    async close(executionId, seq, status, at) {
      const result = await approvals
        .updateOne(
          { executionId, seq, status: 'pending' },
          { $set: { status, decidedAt: normalizeIso(at) } },
          { session: ctx.session },
        )
        .exec();
      return result.modifiedCount > 0;
    },
  };
}
