import { FeedbackInputSchema, recordFeedback } from '@flowdesk/desk';
import { z } from 'zod';
import type { AppServices } from '../app-deps.ts';
import { ROLES } from '../auth/roles.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/zod-details.ts';
import { inDesk } from '../tickets/ticket-actions.ts';
import { requireApiKey } from './api-key-auth.ts';
import { jsonBody } from './json-body.ts';
import { COMMON_ERRORS, type RestRoute } from './rest-route.ts';

const FeedbackStoredSchema = z.object({ id: z.string(), articleId: z.string(), helpful: z.boolean() });

/**
 * `POST /api/v1/knowledge/feedback`: the customer marked an automatic answer
 * helpful or not (the chat widget's 👍/👎). Same clients as request intake.
 */
export function knowledgeFeedbackRoute(services: AppServices): RestRoute {
  return {
    method: 'post',
    path: '/api/v1/knowledge/feedback',
    doc: {
      operationId: 'knowledgeFeedback',
      summary: 'Record whether a knowledge-base answer helped',
      tags: ['Knowledge base'],
      auth: true,
      requestBody: FeedbackInputSchema,
      responses: {
        201: { description: 'Stored.', schema: FeedbackStoredSchema },
        ...COMMON_ERRORS,
        404: { description: 'No article with this id.' },
      },
    },
    handlers: [
      requireApiKey(services.store, ROLES.intakeClients),
      ...jsonBody(services.config.bodyLimitBytes),
      async (request, response) => {
        const input = parseInput(FeedbackInputSchema, request.body);
        const stored = await inDesk(services, (scope) => recordFeedback(scope, input));
        if (!stored) {
          throw new AppError('not_found', 'article_not_found', {
            params: { id: input.articleId },
            pointer: '/articleId',
          });
        }
        response.status(201).json({ id: stored.id, articleId: stored.articleId, helpful: stored.helpful });
      },
    ],
  };
}
