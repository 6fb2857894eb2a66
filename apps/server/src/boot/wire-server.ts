import type { Store } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import type { Clock, Logger } from '../app-ports.ts';
import { bootstrapAdmin } from '../auth/bootstrap-admin.ts';
import { channelConnectors } from '../channels/channel-registry.ts';
import type { RuntimeOptions } from '../config/runtime-options.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { CustomerLinks } from '../links/customer-links.ts';
import { createServerMetrics } from '../metrics/server-metrics.ts';
import type { FlowRuntime } from '../runtime/flow-runtime.ts';
import { backfillWaitSubscriptions } from '../runtime/wait-subscription-backfill.ts';
import { createServices } from './app-services.ts';
import { createRuntime } from './create-runtime.ts';
import { createIdSource } from './ids.ts';
import { openConfiguredStore } from './open-store.ts';

/** Everything a server process is built from; nothing listens or runs yet (that is startServer). */
export interface ServerWiring {
  readonly store: Store;
  readonly links: CustomerLinks;
  readonly runtime: FlowRuntime;
  /** What the HTTP app and tRPC callers share; close them before the listener closes. */
  readonly services: AppServices;
  /** Releases what the wiring holds, the store last; stop the workers and close `services` first. */
  close(): Promise<void>;
}

/**
 * The composition root of a server: opens the store, makes sure someone can
 * sign in, and builds the links, connectors, runtime and the services of the
 * routes, each once.
 */
export async function wireServer(
  config: ServerConfig,
  options: RuntimeOptions,
  log: Logger,
  clock: Clock,
): Promise<ServerWiring> {
  const ids = createIdSource();
  // One registry for the process: the store's transactions, the runtime and the HTTP app all count into it.
  const metrics = createServerMetrics();
  const store = await openConfiguredStore(config, {
    onTransaction: metrics.storeTransaction,
    backgroundCheckpoints: true,
    onCheckpointError: (message) =>
      log.warn('background WAL checkpoint failed; the next one tries again', { reason: message }),
  });
  await bootstrapAdmin(store, config, log, { id: ids.next(), now: clock.now() });
  await backfillWaitSubscriptions(store, log);
  const connectors = channelConnectors({ options, store });
  // Requests wait for the progress secret, so no answer or message carries a link without its token.
  const links = await new CustomerLinks(store, options.publicUrl, log).loaded();
  const runtimeOptions = {
    ...options,
    auditRetentionDays: config.auditRetentionDays,
    executionRetentionDays: config.executionRetentionDays,
  };
  const runtime = createRuntime(store, clock, ids, runtimeOptions, log, connectors, links, metrics);
  const services = createServices({
    store,
    config,
    clock,
    ids,
    runtime,
    log,
    links,
    outgoingEmail: options.smtp !== undefined,
    metrics,
  });
  return {
    store,
    links,
    runtime,
    services,
    async close() {
      links.close();
      // Pooled SMTP connections would otherwise keep the process alive after shutdown.
      connectors.close();
      await store.close();
    },
  };
}
