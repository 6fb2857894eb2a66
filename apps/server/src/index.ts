export type { AppDeps, AppServices, Clock, IdSource, Logger } from './app-deps.ts';
export { bootstrapAdmin } from './auth/bootstrap-admin.ts';
export { createServices } from './boot/app-services.ts';
export { ConfigError, loadServerConfig, type ServerConfig } from './config/server-config.ts';
export { createApp } from './http/create-app.ts';
export type * from './runtime-port.ts';
export { type AppRouter, appRouter } from './trpc/_app.ts';
