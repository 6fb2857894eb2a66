import type { Locale, LocalizedText } from '@flowdesk/model';

/**
 * What the server's error formatter puts in `error.data`: the message in every
 * language, plus facts like who last saved a draft. Read loosely because the
 * value crossed the network.
 */
export interface ApiErrorData {
  code?: string;
  appCode?: string;
  messages?: LocalizedText;
  currentRevision?: number;
  updatedBy?: string;
  updatedAt?: string;
  details?: Array<{ nodeId?: string; messages?: LocalizedText }>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function apiErrorData(error: unknown): ApiErrorData {
  if (!isObject(error)) return {};
  const data = error.data;
  return isObject(data) ? (data as ApiErrorData) : {};
}

export function isConflict(error: unknown): boolean {
  return apiErrorData(error).code === 'CONFLICT';
}

export function isUnauthorized(error: unknown): boolean {
  return apiErrorData(error).code === 'UNAUTHORIZED';
}

/** The server's translated message, else the raw one, else a fallback the caller translated. */
export function apiErrorMessage(error: unknown, locale: Locale, fallback: string): string {
  const messages = apiErrorData(error).messages;
  if (messages?.[locale]) return messages[locale];
  if (isObject(error) && typeof error.message === 'string' && error.message) return error.message;
  return fallback;
}
