import type { SqliteStore, User } from '@flowdesk/store';
import type { AppServices } from '../../src/app-deps.ts';
import { createServices } from '../../src/boot/app-services.ts';
import { loadServerConfig } from '../../src/config/server-config.ts';
import { CustomerLinks } from '../../src/links/customer-links.ts';
import { RecordingRuntime } from '../../src/testing/recording-runtime.fake.ts';
import { createCaller } from '../../src/trpc/_app.ts';
import { createInnerContext } from '../../src/trpc/context.ts';

/**
 * The reads a desk makes all day, timed through the tRPC caller (the server's
 * own code path without HTTP) on a generated database: the inbox of an agent
 * and of a supervisor (counts of every queue and one queue's tickets), the
 * overdue scan, the ticket page's customer history, the searches and the
 * supervisor overview.
 */

export interface QueryFigure {
  name: string;
  p50: number;
  p95: number;
  max: number;
  /** What the last answer held (rows, items), so a fast empty answer is visible. */
  size: number;
}

const AGENT_ID = 'tpl-retail-zhang-wei';

async function benchUser(store: SqliteStore, role: 'agent' | 'supervisor' | 'admin'): Promise<User> {
  const email = `scale-${role}@example.com`;
  const existing = await store.users.getByEmail(email);
  if (existing) return existing;
  return store.users.create({
    id: `scale-${role}`,
    email,
    name: `Scale ${role}`,
    role,
    passwordHash: 'not-a-password-hash',
    locale: 'en',
    createdAt: new Date().toISOString(),
  });
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function timed(name: string, runs: number, work: () => Promise<number>): Promise<QueryFigure> {
  let size = 0;
  for (let i = 0; i < 3; i++) size = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    size = await work();
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    name,
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    max: round(times.at(-1) ?? 0),
    size,
  };
}

interface Samples {
  /** A ticket of the busiest customer (the longest history). */
  regularTicketId: string;
  oldNumber: string;
  newNumber: string;
  phone: string;
}

function samples(store: SqliteStore): Samples {
  const db = store.database;
  // The customers with the most tickets (setup, not timed): the ticket page's longest histories.
  const busiest = db
    .prepare(
      'SELECT customer_id AS id FROM tickets WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY COUNT(*) DESC LIMIT 11',
    )
    .all() as Array<{ id: string }>;
  const regular = db
    .prepare('SELECT id FROM tickets WHERE customer_id = ? ORDER BY created_at DESC LIMIT 1')
    .get(busiest[0]?.id) as { id: string };
  const oldest = db.prepare('SELECT number FROM tickets ORDER BY created_at LIMIT 1 OFFSET 100').get() as {
    number: string;
  };
  const newest = db
    .prepare('SELECT number FROM tickets ORDER BY created_at DESC LIMIT 1 OFFSET 100')
    .get() as {
    number: string;
  };
  const phone = db
    .prepare("SELECT value FROM customer_identities WHERE kind = 'phone' AND customer_id = ?")
    .get(busiest.at(-1)?.id) as { value: string };
  return {
    regularTicketId: regular.id,
    oldNumber: oldest.number,
    newNumber: newest.number,
    phone: phone.value,
  };
}

export async function measureQueries(store: SqliteStore, runs: number): Promise<QueryFigure[]> {
  const agentUser = await benchUser(store, 'agent');
  const supervisorUser = await benchUser(store, 'supervisor');
  const adminUser = await benchUser(store, 'admin');
  const agent = await store.agents.get(AGENT_ID);
  if (agent && agent.userId !== agentUser.id) await store.agents.update(AGENT_ID, { userId: agentUser.id });
  const services: AppServices = createServices({
    store,
    config: loadServerConfig({}),
    clock: { now: () => new Date() },
    ids: { next: () => crypto.randomUUID() },
    runtime: new RecordingRuntime(),
    links: new CustomerLinks(store, undefined),
  });
  const as = (user: User) => createCaller(createInnerContext({ services, user }));
  const asAgent = as(agentUser);
  const asSupervisor = as(supervisorUser);
  const asEditor = as(adminUser);
  const pick = samples(store);
  const figures: QueryFigure[] = [];
  // SCALE_ONLY=<regex>: time only the queries whose name matches (a before/after of one change).
  const only = process.env.SCALE_ONLY ? new RegExp(process.env.SCALE_ONLY) : null;
  const add = async (name: string, work: () => Promise<number>) => {
    if (only && !only.test(name)) return;
    const figure = await timed(name, runs, work);
    figures.push(figure);
    process.stdout.write(`${JSON.stringify(figure)}\n`);
  };
  await add(
    'inbox, agent: counts + mine',
    async () => (await asAgent.inbox.queues({ queue: 'mine', limit: 100 })).items.length,
  );
  await add(
    'inbox, agent: counts + team queue',
    async () => (await asAgent.inbox.queues({ queue: 'team', limit: 100 })).items.length,
  );
  await add(
    'inbox, supervisor: counts + team queue',
    async () => (await asSupervisor.inbox.queues({ queue: 'team', limit: 100 })).items.length,
  );
  await add(
    'tickets.list team after_sales, open',
    async () =>
      (
        await asAgent.tickets.list({
          team: 'after_sales',
          status: ['assigned', 'in_progress'],
          offset: 0,
          limit: 50,
        })
      ).items.length,
  );
  await add(
    'overdue scan (tickets.overdue)',
    async () => (await asSupervisor.tickets.overdue({ limit: 500 })).length,
  );
  await add('customer history (tickets.customerProfile)', async () => {
    const profile = await asAgent.tickets.customerProfile({ id: pick.regularTicketId });
    return JSON.stringify(profile).length;
  });
  await add(
    'search by number, newest (tickets.list search)',
    async () => (await asAgent.tickets.list({ search: pick.newNumber, offset: 0, limit: 50 })).total,
  );
  await add(
    'search by number, a year old (tickets.list search)',
    async () => (await asAgent.tickets.list({ search: pick.oldNumber, offset: 0, limit: 50 })).total,
  );
  await add(
    'search by number (executions.list search)',
    async () => (await asEditor.executions.list({ search: pick.oldNumber, limit: 50 })).items.length,
  );
  await add(
    'search by customer phone (customers.search)',
    async () => (await asEditor.customers.search({ query: pick.phone, limit: 20 })).length,
  );
  await add(
    'search by customer phone (executions.list search)',
    async () => (await asEditor.executions.list({ search: pick.phone, limit: 50 })).items.length,
  );
  // A common surname matches tens of thousands: the searches read those newest first.
  await add(
    'search by part of a name "王" (executions.list search)',
    async () => (await asEditor.executions.list({ search: '王', limit: 50 })).items.length,
  );
  await add(
    'search by part of a name "王" (customers.search)',
    async () => (await asEditor.customers.search({ query: '王', limit: 20 })).length,
  );
  await add(
    'search by text "退货" (tickets.list search)',
    async () => (await asAgent.tickets.list({ search: '退货', offset: 0, limit: 50 })).total,
  );
  await add(
    'supervisor overview',
    async () => JSON.stringify(await asSupervisor.supervisor.overview()).length,
  );
  return figures;
}
