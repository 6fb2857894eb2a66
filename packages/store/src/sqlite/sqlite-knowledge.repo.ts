import type {
  KbAnswer,
  KbAnswerRepository,
  KbAnswerUsage,
  KbArticle,
  KbArticleRepository,
  KbFeedback,
  KbFeedbackRepository,
  KbFeedbackStats,
} from '../port/knowledge.types.ts';
import type { Locale, LocalizedText } from '../port/model.types.ts';
import { normalizeIso } from '../shared/time.ts';
import { parseJson, type SqliteContext, translateConstraint } from './sqlite-context.ts';

interface ArticleRow {
  id: string;
  workspace_id: string;
  title: string;
  questions: string;
  answer: string;
  tags: string;
  status: string;
  updated_at: string;
}

const toArticle = (row: ArticleRow): KbArticle => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: parseJson<LocalizedText>(row.title),
  questions: parseJson<KbArticle['questions']>(row.questions),
  answer: parseJson<LocalizedText>(row.answer),
  tags: parseJson<string[]>(row.tags),
  status: row.status === 'draft' ? 'draft' : 'published',
  updatedAt: row.updated_at,
});

const BUMP_REVISION = `INSERT INTO kb_revisions (workspace_id, revision) VALUES (?, 1)
  ON CONFLICT (workspace_id) DO UPDATE SET revision = revision + 1`;

export function createSqliteKbArticleRepository(ctx: SqliteContext): KbArticleRepository {
  const { statement, run, atomic } = ctx;
  const get = (id: string) => {
    const row = statement('SELECT * FROM kb_articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  };
  return {
    put(article) {
      return run(() =>
        atomic(() => {
          const previous = get(article.id);
          statement(
            `INSERT INTO kb_articles (id, workspace_id, title, questions, answer, tags, status, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id, title = excluded.title,
               questions = excluded.questions, answer = excluded.answer, tags = excluded.tags,
               status = excluded.status, updated_at = excluded.updated_at`,
          ).run(
            article.id,
            article.workspaceId,
            JSON.stringify(article.title),
            JSON.stringify(article.questions),
            JSON.stringify(article.answer),
            JSON.stringify(article.tags),
            article.status,
            normalizeIso(article.updatedAt),
          );
          statement(BUMP_REVISION).run(article.workspaceId);
          // An article moved to another workspace changes the old one's index too.
          if (previous && previous.workspaceId !== article.workspaceId) {
            statement(BUMP_REVISION).run(previous.workspaceId);
          }
          return get(article.id) as KbArticle;
        }),
      );
    },
    get(id) {
      return run(() => get(id));
    },
    list(workspaceId) {
      return run(() =>
        (
          statement('SELECT * FROM kb_articles WHERE workspace_id = ? ORDER BY id').all(
            workspaceId,
          ) as ArticleRow[]
        ).map(toArticle),
      );
    },
    delete(id) {
      return run(() =>
        atomic(() => {
          const previous = get(id);
          if (!previous) return false;
          statement('DELETE FROM kb_articles WHERE id = ?').run(id);
          statement(BUMP_REVISION).run(previous.workspaceId);
          return true;
        }),
      );
    },
    revision(workspaceId) {
      return run(() => {
        const row = statement('SELECT revision FROM kb_revisions WHERE workspace_id = ?').get(workspaceId) as
          | { revision: number }
          | undefined;
        return row?.revision ?? 0;
      });
    },
  };
}

interface FeedbackRow {
  id: string;
  workspace_id: string;
  article_id: string;
  helpful: number;
  request_id: string | null;
  execution_id: string | null;
  at: string;
}

const toFeedback = (row: FeedbackRow): KbFeedback => ({
  id: row.id,
  workspaceId: row.workspace_id,
  articleId: row.article_id,
  helpful: row.helpful === 1,
  requestId: row.request_id,
  executionId: row.execution_id,
  at: row.at,
});

export function createSqliteKbFeedbackRepository(ctx: SqliteContext): KbFeedbackRepository {
  const { statement, run } = ctx;
  return {
    add(feedback) {
      return run(() => {
        try {
          statement(
            `INSERT INTO kb_feedback (id, workspace_id, article_id, helpful, request_id, execution_id, at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            feedback.id,
            feedback.workspaceId,
            feedback.articleId,
            feedback.helpful ? 1 : 0,
            feedback.requestId,
            feedback.executionId,
            normalizeIso(feedback.at),
          );
        } catch (error) {
          translateConstraint(error, `Feedback ${feedback.id}`);
        }
        return { ...feedback, at: normalizeIso(feedback.at) };
      });
    },
    list(articleId) {
      return run(() =>
        (
          statement('SELECT * FROM kb_feedback WHERE article_id = ? ORDER BY at, id').all(
            articleId,
          ) as FeedbackRow[]
        ).map(toFeedback),
      );
    },
    stats(workspaceId) {
      return run(
        () =>
          statement(
            `SELECT article_id AS articleId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful
             FROM kb_feedback WHERE workspace_id = ? GROUP BY article_id ORDER BY article_id`,
          ).all(workspaceId) as KbFeedbackStats[],
      );
    },
  };
}

interface AnswerRow {
  id: string;
  workspace_id: string;
  article_id: string;
  source: string;
  execution_id: string | null;
  request_id: string | null;
  ticket_id: string | null;
  agent_id: string | null;
  locale: string;
  at: string;
}

const toAnswer = (row: AnswerRow): KbAnswer => ({
  id: row.id,
  workspaceId: row.workspace_id,
  articleId: row.article_id,
  source: row.source === 'agent' ? 'agent' : 'flow',
  executionId: row.execution_id,
  requestId: row.request_id,
  ticketId: row.ticket_id,
  agentId: row.agent_id,
  locale: row.locale as Locale,
  at: row.at,
});

export function createSqliteKbAnswerRepository(ctx: SqliteContext): KbAnswerRepository {
  const { statement, run } = ctx;
  return {
    record(answer) {
      return run(
        () =>
          statement(
            `INSERT INTO kb_answers (id, workspace_id, article_id, source, execution_id, request_id, ticket_id,
               agent_id, locale, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          ).run(
            answer.id,
            answer.workspaceId,
            answer.articleId,
            answer.source,
            answer.executionId,
            answer.requestId,
            answer.ticketId,
            answer.agentId,
            answer.locale,
            normalizeIso(answer.at),
          ).changes === 1,
      );
    },
    usage(workspaceId, since) {
      return run(
        () =>
          statement(
            `SELECT article_id AS articleId, COUNT(*) AS total, SUM(at >= ?) AS recent, MAX(at) AS lastAt
             FROM kb_answers WHERE workspace_id = ? GROUP BY article_id ORDER BY article_id`,
          ).all(normalizeIso(since), workspaceId) as KbAnswerUsage[],
      );
    },
    latest(workspaceId, perArticle) {
      return run(() =>
        (
          statement(
            `SELECT id, workspace_id, article_id, source, execution_id, request_id, ticket_id, agent_id, locale, at
             FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY at DESC, id DESC) AS position
                   FROM kb_answers WHERE workspace_id = ?)
             WHERE position <= ? ORDER BY article_id, at DESC, id DESC`,
          ).all(workspaceId, perArticle) as AnswerRow[]
        ).map(toAnswer),
      );
    },
  };
}
