import type {
  KbAnswer,
  KbAnswerRepository,
  KbAnswerUsage,
  KbArticle,
  KbArticleRepository,
  KbFeedbackRepository,
  KbFeedbackStats,
} from '../port/knowledge.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { type MongoContext, translateMongoError } from './mongo-context.ts';
import type { KbAnswerDoc, KbArticleDoc, KbFeedbackDoc, KbRevisionDoc } from './mongo-knowledge.model.ts';

const toArticle = (doc: KbArticleDoc): KbArticle => ({
  id: doc._id,
  workspaceId: doc.workspaceId,
  title: doc.title,
  questions: doc.questions,
  answer: doc.answer,
  tags: doc.tags ?? [],
  status: doc.status === 'draft' ? 'draft' : 'published',
  updatedAt: doc.updatedAt,
});

export function createMongoKbArticleRepository(ctx: MongoContext): KbArticleRepository {
  const { kbArticles, kbRevisions } = ctx.models;
  const find = (id: string, session = ctx.session) =>
    kbArticles
      .findById(id)
      .session(session ?? null)
      .lean<KbArticleDoc>()
      .exec();
  const bump = (workspaceId: string, session: MongoContext['session']) =>
    kbRevisions.updateOne({ _id: workspaceId }, { $inc: { revision: 1 } }, { upsert: true, session }).exec();
  return {
    put: (article) =>
      ctx.atomic(async (session) => {
        const previous = await find(article.id, session);
        const { id, ...rest } = article;
        const doc = { _id: id, ...rest, updatedAt: normalizeIso(article.updatedAt) };
        await kbArticles.replaceOne({ _id: id }, doc, { upsert: true, session }).exec();
        await bump(article.workspaceId, session);
        if (previous && previous.workspaceId !== article.workspaceId)
          await bump(previous.workspaceId, session);
        return toArticle(doc);
      }),
    async get(id) {
      const doc = await find(id);
      return doc ? toArticle(doc) : null;
    },
    async list(workspaceId) {
      const docs = await kbArticles
        .find({ workspaceId })
        .sort({ _id: 1 })
        .session(ctx.session ?? null)
        .lean<KbArticleDoc[]>()
        .exec();
      return docs.map(toArticle);
    },
    delete: (id) =>
      ctx.atomic(async (session) => {
        const previous = await find(id, session);
        if (!previous) return false;
        await kbArticles.deleteOne({ _id: id }, { session }).exec();
        await bump(previous.workspaceId, session);
        return true;
      }),
    async revision(workspaceId) {
      const doc = await kbRevisions
        .findById(workspaceId)
        .session(ctx.session ?? null)
        .lean<KbRevisionDoc>()
        .exec();
      return doc?.revision ?? 0;
    },
  };
}

export function createMongoKbFeedbackRepository(ctx: MongoContext): KbFeedbackRepository {
  const { kbFeedback } = ctx.models;
  return {
    async add(feedback) {
      const { id, ...rest } = feedback;
      const stored = { ...feedback, at: normalizeIso(feedback.at) };
      try {
        await kbFeedback.create([{ _id: id, ...rest, at: stored.at }], { session: ctx.session });
      } catch (error) {
        translateMongoError(error, `Feedback ${id}`);
      }
      return stored;
    },
    async list(articleId) {
      const docs = await kbFeedback
        .find({ articleId })
        .sort({ at: 1, _id: 1 })
        .session(ctx.session ?? null)
        .lean<KbFeedbackDoc[]>()
        .exec();
      return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    async stats(workspaceId) {
      const rows = await kbFeedback
        .aggregate<KbFeedbackStats>([
          { $match: { workspaceId } },
          {
            $group: {
              _id: '$articleId',
              helpful: { $sum: { $cond: ['$helpful', 1, 0] } },
              notHelpful: { $sum: { $cond: ['$helpful', 0, 1] } },
            },
          },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, articleId: '$_id', helpful: 1, notHelpful: 1 } },
        ])
        .session(ctx.session ?? null)
        .exec();
      return rows;
    },
  };
}

const toAnswer = ({ _id, ...rest }: KbAnswerDoc): KbAnswer => ({ id: _id, ...rest });

export function createMongoKbAnswerRepository(ctx: MongoContext): KbAnswerRepository {
  const { kbAnswers } = ctx.models;
  return {
    async record(answer) {
      const { id, ...rest } = answer;
      const result = await kbAnswers
        .updateOne(
          { _id: id },
          { $setOnInsert: { ...rest, at: normalizeIso(answer.at) } },
          { upsert: true, session: ctx.session },
        )
        .exec();
      return result.upsertedCount === 1;
    },
    async usage(workspaceId, since) {
      const from = normalizeIso(since);
      return kbAnswers
        .aggregate<KbAnswerUsage>([
          { $match: { workspaceId } },
          {
            $group: {
              _id: '$articleId',
              total: { $sum: 1 },
              recent: { $sum: { $cond: [{ $gte: ['$at', from] }, 1, 0] } },
              lastAt: { $max: '$at' },
            },
          },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, articleId: '$_id', total: 1, recent: 1, lastAt: 1 } },
        ])
        .session(ctx.session ?? null)
        .exec();
    },
    async latest(workspaceId, perArticle) {
      if (perArticle < 1) return [];
      // $topN keeps only `perArticle` answers per group while grouping: pushing every answer of a
      // popular article and slicing afterwards would hit the 100 MB $group and 16 MB document limits.
      const groups = await kbAnswers
        .aggregate<{ answers: KbAnswerDoc[] }>([
          { $match: { workspaceId } },
          {
            $group: {
              _id: '$articleId',
              answers: { $topN: { n: perArticle, sortBy: { at: -1, _id: -1 }, output: '$$ROOT' } },
            },
          },
          { $sort: { _id: 1 } },
        ])
        .session(ctx.session ?? null)
        .exec();
      return groups.flatMap((group) => group.answers.map(toAnswer));
    },
  };
}
