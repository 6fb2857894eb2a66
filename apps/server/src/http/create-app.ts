import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import { type AppDeps, type AppServices, createServices } from '../app-deps.ts';
import { mountRestRoutes, restRoutes } from '../rest/api-routes.ts';
import { appRouter } from '../trpc/_app.ts';
import { createHttpContext } from '../trpc/context.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import { securityHeaders } from './security-headers.ts';

/** Flow graphs can be large (up to 2000 nodes), so tRPC gets more room than intake bodies. */
const TRPC_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface CreatedApp {
  app: Express;
  /** The same services the app uses, for callers that also run workers or tRPC callers. */
  services: AppServices;
}

/**
 * The whole HTTP surface: REST /api/v1 (+ /healthz, /readyz), tRPC at /trpc,
 * security headers, and one error handler that speaks JSON. It does not listen:
 * the caller decides the port, tests use an ephemeral one.
 */
export function createApp(deps: AppDeps): CreatedApp {
  const services = createServices(deps);
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy the client IP (used by the login rate limit) comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(securityHeaders({ https: services.config.secureCookies }));

  mountRestRoutes(app, restRoutes(services));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: (options) => createHttpContext(services, options),
      maxBodySize: TRPC_MAX_BODY_BYTES,
    }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler({ bodyLimitBytes: services.config.bodyLimitBytes, log: services.log }));
  return { app, services };
}
