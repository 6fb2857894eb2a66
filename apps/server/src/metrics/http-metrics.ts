import type { Request, RequestHandler, Response } from 'express';
import type { ServerMetrics } from './server-metrics.ts';

/**
 * Times every answered request into flowdesk_http_request_duration_seconds,
 * labelled by the route *template* Express matched (`/api/v1/tickets/:id`),
 * never the URL: ticket numbers, survey tokens and query strings stay out of
 * the labels. tRPC calls are labelled by procedure name when it is one the
 * router has, so a made-up path cannot add label values. Intake endpoints
 * (marked by `markIntake`) also count their refusals by error code.
 */

/** Set by the route (rest/api-routes.ts) on intake endpoints; read when the answer is finished. */
const INTAKE_CHANNEL = 'intakeChannel';
/** Set by the error handler: the code of the error the request was answered with. */
const ERROR_CODE = 'errorCode';

export function markIntake(channel: string): RequestHandler {
  return (_request, response, next) => {
    response.locals[INTAKE_CHANNEL] = channel;
    next();
  };
}

export function recordErrorCode(response: Response, code: string): void {
  response.locals[ERROR_CODE] = code;
}

export interface HttpMetricsOptions {
  /** Whether a name is a tRPC procedure of the app router. */
  isProcedure(name: string): boolean;
}

const TRPC_PREFIX = '/trpc/';

function trpcRoute(path: string, isProcedure: (name: string) => boolean): string {
  const names = path.slice(TRPC_PREFIX.length).split(',');
  if (names.length > 1) return '/trpc/(batch)';
  const [name = ''] = names;
  return isProcedure(name) ? `/trpc/${name}` : '/trpc/(unknown)';
}

export function routeTemplate(request: Request, isProcedure: (name: string) => boolean): string {
  const route = (request as { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return `${request.baseUrl}${route.path}`;
  // The web app's fallback is a regular expression route: every client-side page is one label.
  if (route?.path instanceof RegExp) return '(web app)';
  const path = (request.originalUrl ?? request.url).split('?')[0] ?? '';
  if (path.startsWith(TRPC_PREFIX)) return trpcRoute(path, isProcedure);
  return '(unmatched)';
}

export function httpMetrics(metrics: ServerMetrics, options: HttpMetricsOptions): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    response.once('finish', () => {
      const status = response.statusCode;
      metrics.httpRequest(
        { method: request.method, route: routeTemplate(request, options.isProcedure), status },
        (performance.now() - started) / 1000,
      );
      const channel = response.locals[INTAKE_CHANNEL];
      if (typeof channel === 'string' && status >= 400) {
        const code = response.locals[ERROR_CODE];
        metrics.intakeRefused(channel, typeof code === 'string' ? code : `http_${status}`);
      }
    });
    next();
  };
}
