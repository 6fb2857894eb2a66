import type { User } from '@flowdesk/store';
import { type Clock, silentLogger } from '../../src/app-deps.ts';
import { type RunningServer, startServer } from '../../src/boot/start-server.ts';
import type { RuntimeOptions } from '../../src/config/runtime-options.ts';
import { loadServerConfig, type ServerConfig } from '../../src/config/server-config.ts';
import { createCaller } from '../../src/trpc/_app.ts';
import { createInnerContext } from '../../src/trpc/context.ts';

/**
 * The production composition root (startServer) in this process, on a loopback
 * port and a database file of the test's choosing, with tRPC callers acting as
 * the bootstrapped admin. For security tests that must see what the real
 * wiring stores and serves, not a test bed's shortcuts.
 */

export const ADMIN_EMAIL = 'admin@example.com';

export interface InProcessServer {
  readonly running: RunningServer;
  readonly config: ServerConfig;
  readonly admin: User;
  readonly adminCaller: () => ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function startInProcessServer(
  env: Record<string, string>,
  options: Partial<RuntimeOptions> = {},
  /** The server's and the callers' clock; the system clock unless a test simulates time. */
  clock: Clock = { now: () => new Date() },
): Promise<InProcessServer> {
  const config = loadServerConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    FLOWDESK_ADMIN_EMAIL: ADMIN_EMAIL,
    FLOWDESK_ADMIN_PASSWORD: 'correct horse battery',
    FLOWDESK_LOG_LEVEL: 'silent',
    ...env,
  });
  const running = await startServer(
    config,
    { workers: false, allowPrivateNetworks: false, demo: false, ...options },
    silentLogger,
    clock,
  );
  const admin = await running.store.users.getByEmail(ADMIN_EMAIL);
  if (!admin) throw new Error('the admin was not bootstrapped');
  return {
    running,
    config,
    admin,
    adminCaller: () => createCaller(createInnerContext({ services: running.services, user: admin })),
    close: () => running.close(),
  };
}
