import type { AppServices } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import type { RestRoute } from '../rest/rest-route.ts';
import { metricsGate } from './metrics-access.ts';

/**
 * GET /metrics: Prometheus text exposition of this process's metrics
 * (server-metrics.ts). Served to the allowed networks (loopback by default)
 * and to whoever presents FLOWDESK_METRICS_TOKEN as a bearer token; anyone
 * else gets a translated 401 or 403 and no figures.
 */
export function metricsRoute(services: AppServices): RestRoute {
  const gate = metricsGate(services.config.metrics);
  return {
    method: 'get',
    path: '/metrics',
    doc: {
      operationId: 'metrics',
      summary: 'Prometheus metrics of this process',
      description:
        'HTTP latency per route, intake accepted and refused, executions per flow, job queue depth and lag, ' +
        'outbox deliveries, timer lateness, store transaction time and process metrics. Allowed from ' +
        'FLOWDESK_METRICS_NETWORKS (loopback by default) or with `Authorization: Bearer <FLOWDESK_METRICS_TOKEN>`.',
      tags: ['Operations'],
      auth: false,
      responses: {
        200: { description: 'Prometheus text format 0.0.4.', mediaType: 'text/plain' },
        401: { description: 'A wrong token, or none from a network that needs one.' },
        403: { description: 'Not an allowed network, and no token is configured.' },
      },
    },
    handlers: [
      async (request, response, next) => {
        const forwarded =
          request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
        const proxied = forwarded && request.ip === request.socket.remoteAddress;
        const decision = gate(request.headers.authorization, request.ip, proxied);
        if (!decision.ok) {
          if (decision.code !== 'metrics_network_refused') response.setHeader('WWW-Authenticate', 'Bearer');
          const kind = decision.code === 'metrics_network_refused' ? 'forbidden' : 'unauthenticated';
          next(new AppError(kind, decision.code));
          return;
        }
        const { contentType, body } = await services.metrics.render();
        response.setHeader('Cache-Control', 'no-store');
        response.type(contentType).send(body);
      },
    ],
  };
}
