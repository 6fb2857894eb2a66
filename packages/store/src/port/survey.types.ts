/** CSAT and NPS surveys: one expiring link each, answered at most once. */

export type SurveyKind = 'csat' | 'nps';
export type SurveyChannel = 'reply' | 'email' | 'sms';

export interface Survey {
  id: string;
  workspaceId: string;
  /** SHA-256 of the link's token; the token itself is never stored. */
  tokenHash: string;
  kind: SurveyKind;
  ticketId: string | null;
  customerId: string | null;
  /** The execution that sent it, so an execution waiting for the answer can be resumed. */
  executionId: string | null;
  channel: SurveyChannel;
  locale: string;
  /** The question as rendered when sent; empty uses the page's default. */
  question: string;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  score: number | null;
  comment: string | null;
  /** Quality review of a low score: when, by whom (user id) and what they noted; null until reviewed. */
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

export interface SurveyAnswer {
  score: number;
  comment: string | null;
  answeredAt: string;
}

export type SurveyAnswerResult =
  | { ok: true; survey: Survey }
  | { ok: false; reason: 'not_found' | 'answered' };

/** Answered surveys of one workspace, answered in [from, to), newest answer first (by time, then id). */
export interface AnsweredSurveyQuery {
  workspaceId: string;
  /** Inclusive. */
  from: string;
  /** Exclusive. */
  to: string;
  kind?: SurveyKind;
  /** Only scores at or below this (the quality review takes CSAT ≤ 3). */
  maxScore?: number;
  /** waiting: not reviewed yet; reviewed: reviewed; absent: both. */
  review?: 'waiting' | 'reviewed';
  /** Default 50, at most 500. */
  limit?: number;
  /** From the previous page's nextCursor. */
  cursor?: string | null;
}

export interface AnsweredSurveyPage {
  items: Survey[];
  nextCursor: string | null;
}

export interface SurveyReview {
  by: string;
  note: string;
  at: string;
}

export type SurveyReviewResult =
  | { ok: true; survey: Survey }
  | { ok: false; reason: 'not_found' | 'not_answered' | 'reviewed' };

export type NewSurvey = Omit<
  Survey,
  'answeredAt' | 'score' | 'comment' | 'reviewedAt' | 'reviewedBy' | 'reviewNote'
>;

export interface SurveyRepository {
  create(survey: NewSurvey): Promise<Survey>;
  get(id: string): Promise<Survey | null>;
  getByTokenHash(tokenHash: string): Promise<Survey | null>;
  /** Records the answer only if none was recorded yet (one answer per link, even under a race). */
  answer(id: string, answer: SurveyAnswer): Promise<SurveyAnswerResult>;
  /** The surveys sent about these tickets (at most 200 ids), oldest first: a ticket's timeline, a customer's CSAT history. */
  listByTickets(ticketIds: readonly string[]): Promise<Survey[]>;
  /** Throws RangeError for a cursor it did not hand out. */
  listAnswered(query: AnsweredSurveyQuery): Promise<AnsweredSurveyPage>;
  /** How many listAnswered would list over all pages (the quality-review badge). */
  countAnswered(query: Omit<AnsweredSurveyQuery, 'limit' | 'cursor'>): Promise<number>;
  /** Records the review of an answered survey once; a second review changes nothing, even under a race. */
  markReviewed(id: string, review: SurveyReview): Promise<SurveyReviewResult>;
}
