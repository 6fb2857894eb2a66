import type { AddressInfo } from 'node:net';
import { type FlowGraph, getNodeType } from '@flowdesk/model';
import { openSqliteStore, type Store, USER_ROLES, type User, type UserRole } from '@flowdesk/store';
import type { AppServices } from '../app-deps.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { createServices } from '../boot/app-services.ts';
import { loadServerConfig, type ServerConfig } from '../config/server-config.ts';
import { createApp } from '../http/create-app.ts';
import { CustomerLinks } from '../links/customer-links.ts';
import { createCaller } from '../trpc/_app.ts';
import { type CookieJar, createInnerContext } from '../trpc/context.ts';
import { RecordingRuntime } from './recording-runtime.fake.ts';

/**
 * Builds what the server tests need: a real in-memory SQLite store, a settable
 * clock, predictable ids, one user per role and the recording runtime fake.
 * Only imported by tests.
 */

export class TestClock {
  constructor(public current = new Date('2026-11-22T08:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestBed {
  store: Store;
  services: AppServices;
  runtime: RecordingRuntime;
  clock: TestClock;
  users: Record<UserRole, User>;
  /** A tRPC caller acting as the given user (or nobody). */
  callerAs(
    user: User | null,
    options?: { cookies?: CookieJar; sessionToken?: string },
  ): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function createTestBed(configOverrides: Partial<ServerConfig> = {}): Promise<TestBed> {
  const store = await openSqliteStore({ path: ':memory:' });
  const clock = new TestClock();
  let counter = 0;
  const ids = { next: () => `id-${String(++counter).padStart(4, '0')}` };
  const runtime = new RecordingRuntime();
  const config = { ...loadServerConfig({}), ...configOverrides };
  const links = new CustomerLinks(store, undefined);
  const services = createServices({ store, config, clock, ids, runtime, links });
  const users = {} as Record<UserRole, User>;
  for (const role of USER_ROLES) {
    users[role] = await store.users.create({
      id: `user-${role}`,
      email: `${role}@example.com`,
      name: `The ${role}`,
      role,
      // Not a real hash: these users never sign in with a password.
      passwordHash: 'not-a-password-hash',
      locale: 'en',
      createdAt: clock.now().toISOString(),
    });
  }
  return {
    store,
    services,
    runtime,
    clock,
    users,
    callerAs: (user, options = {}) => createCaller(createInnerContext({ services, user, ...options })),
    close: () => store.close(),
  };
}

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app on an ephemeral port, sharing the bed's services' store and runtime. */
export async function startServer(bed: TestBed): Promise<RunningServer> {
  const services = createServices({
    store: bed.store,
    config: bed.services.config,
    clock: bed.clock,
    ids: bed.services.ids,
    runtime: bed.runtime,
    links: bed.services.links,
  });
  const app = createApp(services);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await services.close();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export async function apiKeyFor(bed: TestBed, role: UserRole): Promise<string> {
  const created = await createApiKey(bed.store, {
    id: `key-${role}`,
    name: `${role} key`,
    role,
    now: bed.clock.now(),
  });
  return created.secret;
}

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };

/** Just a request trigger: lint says its `next` port is unconnected, an error that blocks publishing. */
export function unfinishedGraph(): FlowGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
    ],
    edges: [],
    settings: SETTINGS,
  };
}

/** Trigger → end: the smallest flow that lints clean. */
export function publishableGraph(endLabel?: string): FlowGraph {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      {
        id: 'end',
        type: 'action.end',
        config: { ...end },
        position: { x: 240, y: 0 },
        ...(endLabel ? { label: endLabel } : {}),
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourcePort: 'next', target: 'end' }],
    settings: SETTINGS,
  };
}
