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
}

export interface SurveyAnswer {
  score: number;
  comment: string | null;
  answeredAt: string;
}

export type SurveyAnswerResult =
  | { ok: true; survey: Survey }
  | { ok: false; reason: 'not_found' | 'answered' };

export interface SurveyRepository {
  create(survey: Omit<Survey, 'answeredAt' | 'score' | 'comment'>): Promise<Survey>;
  get(id: string): Promise<Survey | null>;
  getByTokenHash(tokenHash: string): Promise<Survey | null>;
  /** Records the answer only if none was recorded yet (one answer per link, even under a race). */
  answer(id: string, answer: SurveyAnswer): Promise<SurveyAnswerResult>;
  /** The surveys sent about these tickets (at most 200 ids), oldest first: a ticket's timeline, a customer's CSAT history. */
  listByTickets(ticketIds: readonly string[]): Promise<Survey[]>;
}
