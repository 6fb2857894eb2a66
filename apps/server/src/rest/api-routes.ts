import type { Express } from 'express';
import type { AppServices } from '../app-deps.ts';
import { channelRoutes } from '../channels/channel-registry.ts';
import { markIntake } from '../metrics/http-metrics.ts';
import { metricsRoute } from '../metrics/metrics.route.ts';
import { eventsRoute } from './events.route.ts';
import { healthRoutes } from './health.route.ts';
import { intakeRoute } from './intake.route.ts';
import { knowledgeFeedbackRoute } from './knowledge-feedback.route.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.ts';
import type { RestRoute } from './rest-route.ts';
import { ticketRoutes } from './tickets.route.ts';

export const API_VERSION = '1.0.0';

/** Every REST route, the OpenAPI document's own route included, in one list. */
export function restRoutes(services: AppServices): RestRoute[] {
  let document: OpenApiDocument | undefined;
  const openApiRoute: RestRoute = {
    method: 'get',
    path: '/api/v1/openapi.json',
    doc: {
      operationId: 'openapi',
      summary: 'This OpenAPI document',
      tags: ['Operations'],
      auth: false,
      responses: { 200: { description: 'OpenAPI 3.1 document.' } },
    },
    handlers: [(_request, response) => void response.json(document)],
  };
  const routes = [
    intakeRoute(services),
    eventsRoute(services),
    ...ticketRoutes(services),
    knowledgeFeedbackRoute(services),
    ...channelRoutes(services),
    ...healthRoutes(services),
    metricsRoute(services),
    openApiRoute,
  ];
  document = buildOpenApiDocument(routes, API_VERSION);
  return routes;
}

export function mountRestRoutes(app: Express, routes: readonly RestRoute[]): void {
  for (const route of routes) {
    const handlers = route.intakeChannel
      ? [markIntake(route.intakeChannel), ...route.handlers]
      : route.handlers;
    app[route.method](route.path, ...handlers);
  }
}
