import { type Connection, type Model, Schema } from 'mongoose';
import type { KbAnswer, KbArticle, KbArticleStatus, KbFeedback } from '../port/knowledge.types.ts';
import type { LocalizedText } from '../port/model.types.ts';

/** Knowledge-base collections, mirroring SQLite migrations 8 and 25. */
export interface KbArticleDoc {
  _id: string;
  workspaceId: string;
  title: LocalizedText;
  questions: KbArticle['questions'];
  answer: LocalizedText;
  tags: string[];
  status: KbArticleStatus;
  updatedAt: string;
}

export interface KbRevisionDoc {
  _id: string;
  revision: number;
}

export type KbFeedbackDoc = Omit<KbFeedback, 'id'> & { _id: string };

export type KbAnswerDoc = Omit<KbAnswer, 'id'> & { _id: string };

export interface MongoKnowledgeModels {
  kbArticles: Model<KbArticleDoc>;
  kbRevisions: Model<KbRevisionDoc>;
  kbFeedback: Model<KbFeedbackDoc>;
  kbAnswers: Model<KbAnswerDoc>;
}

const options = { versionKey: false, minimize: false, strict: true } as const;
const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const mixed = { type: Schema.Types.Mixed, required: true } as const;

const articleSchema = new Schema<KbArticleDoc>(
  {
    _id: str,
    workspaceId: str,
    title: mixed,
    questions: mixed,
    answer: mixed,
    tags: { type: [String], default: (): string[] => [] },
    status: { type: String, required: true, enum: ['draft', 'published'] },
    updatedAt: str,
  },
  options,
);
articleSchema.index({ workspaceId: 1, _id: 1 });

const revisionSchema = new Schema<KbRevisionDoc>(
  { _id: str, revision: { type: Number, required: true } },
  options,
);

const feedbackSchema = new Schema<KbFeedbackDoc>(
  {
    _id: str,
    workspaceId: str,
    articleId: str,
    helpful: { type: Boolean, required: true },
    requestId: nullableStr,
    executionId: nullableStr,
    at: str,
  },
  options,
);
feedbackSchema.index({ workspaceId: 1, articleId: 1, at: 1 });

const answerSchema = new Schema<KbAnswerDoc>(
  {
    _id: str,
    workspaceId: str,
    articleId: str,
    source: { type: String, required: true, enum: ['flow', 'agent'] },
    executionId: nullableStr,
    requestId: nullableStr,
    ticketId: nullableStr,
    agentId: nullableStr,
    locale: str,
    at: str,
  },
  options,
);
answerSchema.index({ workspaceId: 1, articleId: 1, at: -1 });

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoKnowledgeModels(connection: Connection): MongoKnowledgeModels {
  return {
    kbArticles: connection.model<KbArticleDoc>('KbArticle', articleSchema, 'kb_articles'),
    kbRevisions: connection.model<KbRevisionDoc>('KbRevision', revisionSchema, 'kb_revisions'),
    kbFeedback: connection.model<KbFeedbackDoc>('KbFeedback', feedbackSchema, 'kb_feedback'),
    kbAnswers: connection.model<KbAnswerDoc>('KbAnswer', answerSchema, 'kb_answers'),
  };
}
