import type { JsonValue } from '@flowdesk/store';
import type { RequestHandler } from 'express';
import type { AppServices } from '../app-deps.ts';
import { ROLES } from '../auth/roles.ts';
import { parseInput } from '../http/zod-details.ts';
import { apiKeyOf, requireApiKey } from './api-key-auth.ts';
import { withIdempotency } from './idempotency.ts';
import { IntakeAcceptedSchema, IntakeRequestSchema } from './intake.schema.ts';
import { jsonBody } from './json-body.ts';
import { COMMON_ERRORS, type RestRoute } from './rest-route.ts';

/**
 * `POST /api/v1/requests`: a customer request enters the published flows. The
 * order matters for "nothing half-written": authenticate, then validate, and only
 * then reserve the idempotency key and call the runtime.
 */
export function intakeRoute(services: AppServices): RestRoute {
  const handle: RequestHandler = async (request, response) => {
    const parsed = parseInput(IntakeRequestSchema, request.body);
    // Only FlowDesk's own channel endpoints tie a request to a conversation; from an API
    // client it would let one integration write into another customer's chat.
    const { conversationId: _ignored, ...metadata } = parsed.metadata;
    const intake = { ...parsed, metadata };
    const apiKey = apiKeyOf(response);
    const idempotencyKey = request.get('idempotency-key');
    const scope = `intake:${apiKey.id}`;
    const run = async () => {
      const result = await services.runtime.intake(intake, {
        apiKeyId: apiKey.id,
        ...(idempotencyKey === undefined ? {} : { idempotency: { scope, key: idempotencyKey } }),
      });
      return { status: 202, body: result as unknown as JsonValue };
    };
    if (idempotencyKey === undefined) {
      const { status, body } = await run();
      response.status(status).json(body);
      return;
    }
    const outcome = await withIdempotency(
      {
        store: services.store,
        scope,
        key: idempotencyKey,
        body: intake,
        now: services.clock.now(),
      },
      run,
    );
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(outcome.response.status).json(outcome.response.body);
  };

  return {
    method: 'post',
    path: '/api/v1/requests',
    doc: {
      operationId: 'createRequest',
      summary: 'Submit a customer request',
      description:
        'Starts the published flows this request triggers. Answers once each execution’s first step is stored, ' +
        'with what the flows produced before their first wait (ticket number, auto-reply text…).',
      tags: ['Intake'],
      auth: true,
      idempotent: true,
      requestBody: IntakeRequestSchema,
      responses: {
        202: {
          description: 'Accepted; a repeat with the same Idempotency-Key returns the first answer.',
          schema: IntakeAcceptedSchema,
          headers: {
            'Idempotent-Replayed': { description: '`true` on a replayed answer', schema: { type: 'string' } },
          },
        },
        ...COMMON_ERRORS,
        409: {
          description: 'Idempotency-Key reused with a different body, or the first request is still running.',
        },
      },
    },
    handlers: [
      requireApiKey(services.store, ROLES.intakeClients),
      ...jsonBody(services.config.bodyLimitBytes),
      handle,
    ],
    intakeChannel: 'api',
  };
}
