import type { AnsweredSurveyQuery, Survey, SurveyRepository } from '../port/survey.types.ts';
import { decodeExecutionCursor, encodeExecutionCursor } from '../shared/execution-cursor.ts';
import { executionPageSize } from '../shared/page-size.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { Doc } from './mongo-notifications.model.ts';

function fromDoc(doc: Doc<Survey>): Survey {
  const { _id, ...rest } = doc;
  // Documents from before Mongo migration 26 may still lack the review fields.
  return {
    id: _id,
    ...rest,
    reviewedAt: rest.reviewedAt ?? null,
    reviewedBy: rest.reviewedBy ?? null,
    reviewNote: rest.reviewNote ?? null,
  };
}

/** The same filter as SQLite's answeredWhere(): answered in [from, to), newest first by (answeredAt, id). */
function answeredFilter(query: Omit<AnsweredSurveyQuery, 'limit'>): Record<string, unknown> {
  const and: Record<string, unknown>[] = [
    { workspaceId: query.workspaceId },
    { answeredAt: { $type: 'string', $gte: normalizeIso(query.from), $lt: normalizeIso(query.to) } },
  ];
  if (query.kind) and.push({ kind: query.kind });
  if (query.maxScore !== undefined) and.push({ score: { $lte: query.maxScore } });
  if (query.review === 'waiting') and.push({ reviewedAt: null });
  if (query.review === 'reviewed') and.push({ reviewedAt: { $type: 'string' } });
  if (query.cursor) {
    const cursor = decodeExecutionCursor(query.cursor);
    and.push({
      $or: [
        { answeredAt: { $lt: cursor.startedAt } },
        { answeredAt: cursor.startedAt, _id: { $lt: cursor.id } },
      ],
    });
  }
  return { $and: and };
}

export function createMongoSurveyRepository(ctx: MongoContext): SurveyRepository {
  const { surveys } = ctx.models;
  const session = ctx.session;
  const findOne = async (filter: Record<string, unknown>) => {
    const doc = await surveys
      .findOne(filter)
      .session(session ?? null)
      .lean<Doc<Survey>>()
      .exec();
    return doc ? fromDoc(doc) : null;
  };
  return {
    async create(survey) {
      const { id, ...rest } = survey;
      const doc = {
        _id: id,
        ...rest,
        createdAt: normalizeIso(rest.createdAt),
        expiresAt: normalizeIso(rest.expiresAt),
        answeredAt: null,
        score: null,
        comment: null,
        reviewedAt: null,
        reviewedBy: null,
        reviewNote: null,
      };
      try {
        await surveys.create([doc], { session });
      } catch (error) {
        translateMongoError(error, `survey ${id}`);
      }
      return fromDoc(doc);
    },
    get: (id) => findOne({ _id: id }),
    getByTokenHash: (tokenHash) => findOne({ tokenHash }),
    async answer(id, answer) {
      // The condition on answeredAt makes the second of two racing answers change nothing.
      const result = await surveys
        .updateOne(
          { _id: id, answeredAt: null },
          {
            $set: {
              answeredAt: normalizeIso(answer.answeredAt),
              score: answer.score,
              comment: answer.comment,
            },
          },
          { session },
        )
        .exec();
      const survey = await findOne({ _id: id });
      if (!survey) return { ok: false, reason: 'not_found' };
      if (result.modifiedCount === 0) return { ok: false, reason: 'answered' };
      return { ok: true, survey };
    },
    async listByTickets(ticketIds) {
      if (ticketIds.length === 0) return [];
      const docs = await surveys
        .find({ ticketId: { $in: [...ticketIds] } })
        .sort({ createdAt: 1, _id: 1 })
        .session(session ?? null)
        .lean<Doc<Survey>[]>()
        .exec();
      return docs.map(fromDoc);
    },
    async listAnswered(query) {
      const limit = executionPageSize(query.limit);
      const docs = await surveys
        .find(answeredFilter(query))
        .sort({ answeredAt: -1, _id: -1 })
        .limit(limit + 1)
        .session(session ?? null)
        .lean<Doc<Survey>[]>()
        .exec();
      const items = docs.slice(0, limit).map(fromDoc);
      const last = items.at(-1);
      const nextCursor =
        docs.length > limit && last?.answeredAt
          ? encodeExecutionCursor({ startedAt: last.answeredAt, id: last.id })
          : null;
      return { items, nextCursor };
    },
    async countAnswered(query) {
      return surveys
        .countDocuments(answeredFilter({ ...query, cursor: null }))
        .session(session ?? null)
        .exec();
    },
    async markReviewed(id, review) {
      // The condition on reviewedAt makes the second of two racing reviews change nothing.
      const result = await surveys
        .updateOne(
          { _id: id, answeredAt: { $type: 'string' }, reviewedAt: null },
          { $set: { reviewedAt: normalizeIso(review.at), reviewedBy: review.by, reviewNote: review.note } },
          { session },
        )
        .exec();
      const survey = await findOne({ _id: id });
      if (!survey) return { ok: false, reason: 'not_found' };
      if (result.modifiedCount > 0) return { ok: true, survey };
      return { ok: false, reason: survey.answeredAt ? 'reviewed' : 'not_answered' };
    },
  };
}
