import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import type { Clock, Logger } from '../app-ports.ts';
import { startChannelListeners } from '../channels/channel-registry.ts';
import type { RuntimeOptions } from '../config/runtime-options.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { createApp } from '../http/create-app.ts';
import type { FlowRuntime } from '../runtime/flow-runtime.ts';
import { seedDemoWorkspace } from '../templates/demo-workspace.ts';
import { wireServer } from './wire-server.ts';

export interface RunningServer {
  readonly url: string;
  readonly store: Store;
  readonly runtime: FlowRuntime;
  /** The services the app runs on, for tRPC callers in the same process (tests). */
  readonly services: AppServices;
  close(): Promise<void>;
}

/**
 * The server's lifecycle around the wiring (wire-server.ts): mounts the HTTP
 * app, listens, and starts the workers and the mail listener. `close` stops in
 * the reverse order so in-flight jobs finish or return to the queue.
 */
export async function startServer(
  config: ServerConfig,
  options: RuntimeOptions,
  log: Logger,
  /** The system clock; tests pass a simulated one to see what weeks later looks like. */
  clock: Clock = { now: () => new Date() },
): Promise<RunningServer> {
  const wiring = await wireServer(config, options, log, clock);
  const { store, runtime, services, links } = wiring;
  const demo = options.demo === true;
  const app = createApp(services, { demoServices: demo });
  let server: Server | undefined;
  let listeners: Awaited<ReturnType<typeof startChannelListeners>>;
  try {
    if (demo) await seedDemoWorkspace({ store, clock, runtime, log }, { publicUrl: links.base });
    server = await new Promise<Server>((resolve, reject) => {
      // Express 5 hands a listen error (a port taken) to this callback as well as emitting it.
      const listening = app.listen(config.port, config.host, (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
      listening.once('error', reject);
    });
    if (options.workers) runtime.startWorkers();
    listeners = await startChannelListeners({ options, services });
  } catch (error) {
    // A start that fails half way (a port taken) must not leave workers, timers or the store open.
    await closeStarted(server, { runtime, services, wiring });
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${address.port}`;
  log.info('FlowDesk is listening', { url, store: store.kind, workers: options.workers });

  return {
    url,
    store,
    runtime,
    services,
    async close() {
      // Stop taking mail first: a sender whose mail is refused now retries later.
      await listeners.close();
      // Ends open widget event streams, which would otherwise hold server.close() open.
      await services.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.stopWorkers();
      await wiring.close();
    },
  };
}

async function closeStarted(
  server: Server | undefined,
  parts: {
    runtime: { stopWorkers(): Promise<void> };
    services: { close(): Promise<void> };
    wiring: { close(): Promise<void> };
  },
): Promise<void> {
  await parts.services.close();
  if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  await parts.runtime.stopWorkers();
  await parts.wiring.close();
}
