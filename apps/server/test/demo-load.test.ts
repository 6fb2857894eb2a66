import type { SqliteStore } from '@flowdesk/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoLoadTotals, generateDemoLoad } from '../bench/demo-load/generate-demo-load.ts';
import { demoWorkspaceAt } from '../bench/demo-load/seed-demo-load.ts';
import { kpis } from '../src/analytics/analytics-service.ts';
import type { AppServices } from '../src/app-deps.ts';
import { createServices } from '../src/boot/app-services.ts';
import { loadServerConfig } from '../src/config/server-config.ts';
import { CustomerLinks } from '../src/links/customer-links.ts';
import { RecordingRuntime } from '../src/testing/recording-runtime.fake.ts';
import { TestClock } from '../src/testing/server-test-kit.ts';
import { tempDatabase } from './process-kit.ts';

/**
 * The demo-load generator (issues 14 and 17) on 2,000 tickets: what it writes
 * reads back through the store, and the workspace works: queues, the overdue
 * scan, a customer's history, search by number and the KPIs.
 */

const END = '2026-11-30T16:00:00.000Z';
const OPEN = ['new', 'pending_confirmation', 'assigned', 'in_progress', 'waiting_for_customer'] as const;

describe('demo-load generator', () => {
  let store: SqliteStore;
  let totals: DemoLoadTotals;
  let services: AppServices;

  beforeAll(async () => {
    store = await demoWorkspaceAt(tempDatabase());
    totals = await generateDemoLoad(store, { tickets: 2000, days: 60, seed: 7, end: END });
    services = createServices({
      store,
      config: loadServerConfig({}),
      clock: new TestClock(new Date(END)),
      ids: { next: () => crypto.randomUUID() },
      runtime: new RecordingRuntime(),
      links: new CustomerLinks(store, undefined),
    });
  }, 240_000);

  afterAll(async () => {
    await store?.close();
  });

  it('writes the tickets asked for over the range, with executions, customers and surveys', async () => {
    expect(totals).toMatchObject({ tickets: 2000, from: '2026-10-01T16:00:00.000Z', to: END });
    expect(totals.executions).toBeGreaterThan(2000);
    expect(totals.customers).toBeGreaterThan(100);
    expect(totals.surveys).toBeGreaterThan(200);
    const count = (sql: string) => (store.database.prepare(sql).get() as { n: number }).n;
    // The demo run's own tickets are dated the day it ran; the generated ones lie in the range.
    expect(
      count(
        `SELECT COUNT(*) AS n FROM tickets WHERE created_at >= '2026-10-01T16:00:00.000Z' AND created_at < '${END}'`,
      ),
    ).toBe(2000);
    // Weekdays carry more than weekends (local time).
    const byWeekday = store.database
      .prepare(
        `SELECT strftime('%w', created_at, '+8 hours') AS day, COUNT(*) AS n FROM tickets GROUP BY day`,
      )
      .all() as Array<{ day: string; n: number }>;
    const on = (day: string) => byWeekday.find((row) => row.day === day)?.n ?? 0;
    expect(on('2')).toBeGreaterThan(on('0') * 1.4);
  });

  it('reads a ticket, its history, its execution and steps back through the store as the runtime wrote them', async () => {
    const [ticket] = await store.tickets.list({ team: 'after_sales', limit: 1 });
    expect(ticket).toBeDefined();
    if (!ticket) return;
    expect(await store.tickets.getByNumber(ticket.number)).toEqual(ticket);
    expect(ticket.number).toMatch(/^CS\d{11}$/);
    expect(ticket.createdByKey).not.toBeNull();
    const history = await store.ticketHistory.list(ticket.id);
    expect(history[0]).toMatchObject({
      field: 'status',
      from: null,
      to: 'new',
      actor: { kind: 'execution' },
    });
    const page = await store.executions.list({ search: ticket.number });
    const execution = page.items.find((item) => item.ticketNumber === ticket.number);
    expect(execution).toMatchObject({ status: 'completed', customer: { id: ticket.customerId } });
    if (!execution) return;
    const steps = await store.executions.listSteps(execution.id);
    expect(steps.length).toBeGreaterThan(3);
    expect(steps[0]?.nodeType).toBe('trigger.request_received');
    expect(Date.parse(steps[0]?.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(ticket.createdAt));
  });

  it('answers the agent queues, the workload and the overdue scan', async () => {
    const queue = await store.tickets.list({ team: 'after_sales', status: OPEN, order: 'queue', limit: 50 });
    expect(queue.length).toBeGreaterThan(0);
    expect(
      queue.every((ticket) => ticket.team === 'after_sales' && OPEN.includes(ticket.status as never)),
    ).toBe(true);
    const assignee = queue.find((ticket) => ticket.assignee)?.assignee;
    expect(assignee).toBeTruthy();
    const mine = await store.tickets.list({ assignee: assignee as string, limit: 500 });
    expect(mine.length).toBeGreaterThan(0);
    const workload = await store.tickets.workload({ workspaceId: 'default', now: END });
    expect(workload.reduce((sum, row) => sum + row.open, 0)).toBeGreaterThan(0);
    const overdue = await store.tickets.listOverdue({ workspaceId: 'default', now: END, limit: 100 });
    expect(overdue.length).toBeGreaterThan(0);
    for (const ticket of overdue) {
      expect(OPEN.includes(ticket.status as never)).toBe(true);
      const late =
        (ticket.resolutionDueAt ?? END) <= END ||
        (ticket.firstRespondedAt === null && (ticket.firstResponseDueAt ?? END) <= END);
      expect(late).toBe(true);
    }
  });

  it('gives a regular customer a history of several tickets, reachable by phone', async () => {
    const row = store.database
      .prepare(
        `SELECT customer_id AS id, COUNT(*) AS n FROM tickets WHERE created_at >= '2026-10-01T16:00:00.000Z' GROUP BY customer_id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { id: string; n: number };
    expect(row.n).toBeGreaterThan(3);
    const customer = await store.customers.get(row.id);
    const phone = customer?.identities.find((identity) => identity.kind === 'phone');
    expect(phone).toBeDefined();
    if (!customer || !phone) return;
    expect((await store.customers.findByIdentity('default', phone))?.id).toBe(customer.id);
    expect(customer.requestCount).toBeGreaterThanOrEqual(row.n);
    expect(customer.lastContactAt).not.toBeNull();
    const tickets = await store.tickets.list({ customerId: customer.id, limit: 500 });
    expect(tickets).toHaveLength(row.n);
    const surveys = await store.surveys.listByTickets(tickets.slice(0, 200).map((ticket) => ticket.id));
    expect(surveys.every((survey) => survey.customerId === customer.id)).toBe(true);
  });

  it('gives the dashboard numbers: volume, response times, CSAT, NPS, SLA', async () => {
    const answer = await kpis(services, {
      from: '2026-10-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
      compareWithPrevious: false,
    });
    const value = (id: string) => answer.kpis.find((kpi) => kpi.id === id)?.value ?? null;
    expect(value('volume')).toBeGreaterThan(500);
    for (const id of [
      'first_response_p50',
      'resolution_p50',
      'csat_mean',
      'nps',
      'sla_attainment',
      'reopen_rate',
      'aht',
    ]) {
      expect(value(id), id).not.toBeNull();
      expect(Number.isFinite(value(id)), id).toBe(true);
    }
    expect(value('csat_mean')).toBeGreaterThan(3);
    expect(value('sla_attainment')).toBeGreaterThan(0.5);
    expect(value('sla_attainment')).toBeLessThan(1);
    // The KPIs read a month of tickets with their history and the flows' steps: slow on a loaded 2-core machine.
  }, 180_000);
});
