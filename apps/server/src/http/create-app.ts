import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import type { AppServices } from '../app-deps.ts';
import { mountProgressPages } from '../channels/progress/progress.routes.ts';
import { widgetPreflight } from '../channels/widget/widget-cors.ts';
import { httpMetrics } from '../metrics/http-metrics.ts';
import { mountRestRoutes, restRoutes } from '../rest/api-routes.ts';
import { mountSurveyPages } from '../surveys/survey.routes.ts';
import { demoServicesRouter } from '../templates/demo-services.routes.ts';
import { appRouter } from '../trpc/_app.ts';
import { createHttpContext } from '../trpc/context.ts';
import { appErrorOf } from '../trpc/trpc-errors.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { requestId } from './request-id.ts';
import { requestLog } from './request-log.ts';
import { securityHeaders } from './security-headers.ts';

/** Flow graphs can be large (up to 2000 nodes), so tRPC gets more room than intake bodies. */
const TRPC_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Where `npm run build` puts the web app (apps/web/dist), seen from this file. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths owned by the API: the web app's fallback never answers them. */
const API_PREFIXES = ['/api/', '/trpc', '/healthz', '/readyz', '/metrics'];

export interface CreateAppOptions {
  /** The built web app; served only when the folder holds an index.html. */
  webDistDir?: string;
  /** Mount the built-in demo order and parts services under /demo (demo mode and tests only). */
  demoServices?: boolean;
}

/**
 * The built web app: hashed assets with long caching, and index.html for any
 * other GET that a browser navigates to (client-side routes like /flows/abc).
 */
function mountWebApp(app: Express, distDir: string): void {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return;
  app.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  app.use(express.static(distDir, { index: false }));
  app.get(/.*/, (request, response, next) => {
    // Only navigations (which ask for HTML) get the app; API clients keep their JSON 404s.
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false;
    if (!wantsHtml || API_PREFIXES.some((prefix) => request.path.startsWith(prefix))) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
}

/** A refused call (429) says when to come back, as REST answers do, in the header clients read. */
function retryAfterHeader(errors: readonly TRPCError[]): { headers?: Record<string, string> } {
  for (const error of errors) {
    const seconds = appErrorOf(error)?.extra.retryAfterSeconds;
    if (typeof seconds === 'number') return { headers: { 'Retry-After': String(seconds) } };
  }
  return {};
}

/**
 * The whole HTTP surface: REST /api/v1 (+ /healthz, /readyz), tRPC at /trpc,
 * the built web app (after the API, so it never shadows a route), security
 * headers, and one error handler that speaks JSON. It does not listen:
 * the caller decides the port, tests use an ephemeral one. It starts nothing
 * either: the services it runs on (boot/app-services.ts) are closed by
 * whoever built them.
 */
export function createApp(services: AppServices, options: CreateAppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // First of all, so the id is on every log line and answer, and the timing covers the whole request.
  app.use(requestId());
  app.use(
    httpMetrics(services.metrics, { isProcedure: (name) => Object.hasOwn(appRouter._def.procedures, name) }),
  );
  const requestLogger = requestLog(services.log);
  if (requestLogger) app.use(requestLogger);
  // API answers are never cached by validators; hashing every body for an ETag is pure cost.
  app.set('etag', false);
  // Only the proxies FLOWDESK_TRUST_PROXY names may set the client address (rate limits key on it);
  // by default no one can, so a forged X-Forwarded-For changes nothing.
  const { trustProxy } = services.config;
  app.set('trust proxy', trustProxy.length > 0 ? [...trustProxy] : false);
  app.use(securityHeaders({ https: services.config.secureCookies }));

  app.use('/api/v1/channels/widget', widgetPreflight(services));
  mountRestRoutes(app, restRoutes(services));
  mountSurveyPages(app, services);
  mountProgressPages(app, services);
  if (options.demoServices) app.use('/demo', demoServicesRouter());
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: (options) => createHttpContext(services, options),
      maxBodySize: TRPC_MAX_BODY_BYTES,
      responseMeta: ({ errors }) => retryAfterHeader(errors),
    }),
  );

  mountWebApp(app, options.webDistDir ?? DEFAULT_WEB_DIST_DIR);

  app.use(notFoundHandler);
  app.use(errorHandler({ bodyLimitBytes: services.config.bodyLimitBytes, log: services.log }));
  return app;
}
