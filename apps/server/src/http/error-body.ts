import type { Locale } from '@flowdesk/model';
import { LocalizedTextSchema } from '@flowdesk/model';
import { z } from 'zod';
import type { AppError } from './app-error.ts';

/** The one shape every REST error has; OpenAPI documents it from this schema. */
export const ErrorDetailSchema = z.object({
  pointer: z.string().describe('RFC 6901 JSON pointer to the field, "" for the whole body'),
  code: z.string(),
  messages: LocalizedTextSchema,
});

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_request'),
      message: z.string().describe('In the caller’s language (Accept-Language: zh → zh-CN, else en)'),
      messages: LocalizedTextSchema,
      pointer: z.string().optional(),
      details: z.array(ErrorDetailSchema),
    }),
  })
  .meta({ description: 'Every error answer of /api/v1.' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.messages[locale],
      messages: error.messages,
      ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
      details: error.details.map(({ pointer, code, messages }) => ({ pointer, code, messages })),
      ...error.extra,
    },
  };
}
