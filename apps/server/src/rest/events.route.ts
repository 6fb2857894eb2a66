import type { RequestHandler } from 'express';
import type { AppServices } from '../app-deps.ts';
import { ROLES } from '../auth/roles.ts';
import { parseInput } from '../http/zod-details.ts';
import { requireApiKey } from './api-key-auth.ts';
import { EventAcceptedSchema, ExternalEventSchema } from './event.schema.ts';
import { jsonBody } from './json-body.ts';
import { COMMON_ERRORS, type RestRoute } from './rest-route.ts';

/** `POST /api/v1/events`: another system reports something (order.shipped…); flows listening for it start or resume. */
export function eventsRoute(services: AppServices): RestRoute {
  const handle: RequestHandler = async (request, response) => {
    const event = parseInput(ExternalEventSchema, request.body);
    const result = await services.runtime.emitEvent(event);
    response.status(202).json(result);
  };

  return {
    method: 'post',
    path: '/api/v1/events',
    doc: {
      operationId: 'emitEvent',
      summary: 'Report an external event',
      tags: ['Events'],
      auth: true,
      requestBody: ExternalEventSchema,
      responses: { 202: { description: 'Accepted.', schema: EventAcceptedSchema }, ...COMMON_ERRORS },
    },
    handlers: [
      requireApiKey(services.store, ROLES.intakeClients),
      ...jsonBody(services.config.bodyLimitBytes),
      handle,
    ],
  };
}
