import type { Agent, Store, StoreRepositories } from '@flowdesk/store';
import {
  customerCount,
  type GeneratedCustomer,
  makeCustomer,
  pickCustomer,
  writeCustomer,
  writeCustomerContacts,
} from './demo-load-customers.ts';
import { liveLifecycle } from './demo-load-lifecycle.ts';
import { clonePrototype, type ExecutionPrototype, readPrototypes } from './demo-load-prototypes.ts';
import { arrivalTimes, DAY_MS, SeededRandom, SHANGHAI_OFFSET_MS, shanghaiClock } from './demo-load-random.ts';
import { writeConversation, writeExecution, writeSurveys, writeTicket } from './demo-load-writers.ts';

/** Tickets per transaction: large enough that commits are rare, small enough to keep the WAL modest. */
const BATCH = 2000;
/** Share of requests per template (the demo runs a shop and a machine maker). */
const TEMPLATE_SHARE = { retail: 0.65, manufacturing: 0.35 } as const;
/** Requests a flow answered without a ticket (order status looked up), per ticket. */
const ANSWERED_WITHOUT_TICKET = 0.3;

export interface DemoLoadOptions {
  tickets: number;
  days: number;
  seed: number;
  /** ISO; default today's midnight in Asia/Shanghai. */
  end?: string | null;
  /**
   * Step logs older than this many days are pruned as the server's retention
   * prune (ExecutionRepository.pruneSteps, default 90 days) would have left
   * them after a year; 0 keeps every step. Rollups are written before the prune.
   */
  keepStepsDays?: number;
  progress?: (done: number, total: number) => void;
}

export interface DemoLoadTotals {
  tickets: number;
  executions: number;
  customers: number;
  surveys: number;
  conversations: number;
  from: string;
  to: string;
}

function localMidnight(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

function byTemplate(
  prototypes: readonly ExecutionPrototype[],
  kind: ExecutionPrototype['kind'],
  ticket: boolean | null,
) {
  const pick = (template: string) =>
    prototypes.filter(
      (p) => p.template === template && p.kind === kind && (ticket === null || p.hasTicket === ticket),
    );
  return { retail: pick('retail'), manufacturing: pick('manufacturing') };
}

const RETENTION_DAYS = 90;

type PruneSteps = (input: { finishedBefore: string; now: string; limit: number }) => Promise<number>;

/** As the server's retention job would have, at `atMs`; skipped where the store has no prune. */
async function pruneOldSteps(store: Store, atMs: number, keepDays: number): Promise<void> {
  const prune = (store.executions as { pruneSteps?: PruneSteps }).pruneSteps;
  if (keepDays <= 0 || !prune) return;
  const input = {
    finishedBefore: new Date(atMs - keepDays * DAY_MS).toISOString(),
    now: new Date(atMs).toISOString(),
    limit: 5000,
  };
  while ((await prune.call(store.executions, input)) === input.limit) {}
}

/** Generates into an opened demo workspace (see seed-demo-load.ts); returns what it wrote. */
export async function generateDemoLoad(store: Store, options: DemoLoadOptions): Promise<DemoLoadTotals> {
  const random = new SeededRandom(options.seed);
  const prototypes = await readPrototypes(store);
  const withTicket = byTemplate(prototypes, 'intake', true);
  const withoutTicket = byTemplate(prototypes, 'intake', false);
  const offHours = byTemplate(prototypes, 'off_hours', null);
  if (withTicket.retail.length === 0 || withTicket.manufacturing.length === 0) {
    throw new Error('the demo run made no tickets to clone: the templates or their samples changed');
  }
  const agents: Agent[] = await store.agents.list({ workspaceId: 'default' });
  const agentsOfTeam = (team: string | null) =>
    agents.filter((agent) => team !== null && agent.teams.includes(team)).map((agent) => agent.id);

  const toMs = options.end ? Date.parse(options.end) : localMidnight(Date.now());
  const fromMs = localMidnight(toMs - options.days * DAY_MS);
  const times = arrivalTimes(random, options.tickets, fromMs, toMs);
  const customers: Array<GeneratedCustomer | undefined> = new Array(customerCount(options.tickets));
  const contacts = new Map<number, { requests: number; complaints: number; lastMs: number }>();
  const totals = { tickets: 0, executions: 0, customers: 0, surveys: 0, conversations: 0 };

  const generateOne = async (tx: StoreRepositories, atMs: number) => {
    const template = random.chance(TEMPLATE_SHARE.retail) ? 'retail' : 'manufacturing';
    const customerIndex = pickCustomer(random, customers.length);
    let customer = customers[customerIndex];
    if (!customer) {
      customer = makeCustomer(random, customerIndex, atMs - 1000);
      customers[customerIndex] = customer;
      await writeCustomer(tx, random, customer);
      totals.customers++;
    }
    const { hour, dateKey } = shanghaiClock(atMs);
    const target = (shiftFrom: ExecutionPrototype, ticketNumber: string | null, startMs: number) => ({
      newId: (ms: number) => random.uuid(ms),
      shiftMs: startMs - shiftFrom.startedMs,
      ticketNumber,
      customerId: customer.id,
      customer,
    });
    if (hour < 9 || hour >= 21) {
      const prototype = random.pick(offHours[template]);
      if (prototype) {
        await writeExecution(tx, clonePrototype(prototype, target(prototype, null, atMs - 5)));
        totals.executions++;
      }
    }
    const prototype = random.pick(withTicket[template]);
    const number = `CS${dateKey}${String(await tx.counters.next(`ticket:${dateKey}`)).padStart(3, '0')}`;
    const document = clonePrototype(prototype, target(prototype, number, atMs));
    const created = document.ticket;
    if (!created) throw new Error('a ticket prototype without its ticket');
    // Spread the work over the team instead of the one agent the demo run picked.
    const team = agentsOfTeam(created.team);
    const assignee = created.assignee && team.length > 1 ? random.pick(team) : created.assignee;
    for (const entry of document.history)
      if (entry.field === 'assignee' && entry.to === created.assignee) entry.to = assignee;
    const ticket = { ...created, assignee, vipLevel: customer.vipLevel };
    const nowMs = toMs;
    const lifecycle = liveLifecycle(random, ticket, agentsOfTeam, nowMs);
    await writeExecution(tx, document);
    await writeTicket(tx, document, lifecycle);
    totals.executions++;
    totals.tickets++;
    if (ticket.channel === 'chat') {
      await writeConversation(tx, random, lifecycle.ticket, customer, lifecycle);
      totals.conversations++;
    }
    if (lifecycle.resolvedMs !== null)
      totals.surveys += await writeSurveys(tx, random, lifecycle.ticket, lifecycle.resolvedMs, nowMs);
    let requests = 1;
    const answered = withoutTicket[template];
    if (answered.length > 0 && random.chance(ANSWERED_WITHOUT_TICKET)) {
      const extra = random.pick(answered);
      // Another request of the same customer moments later (the ids stay in arrival order).
      const extraMs = Math.min(nowMs - 1, atMs + 1000 + random.next() * 60_000);
      await writeExecution(tx, clonePrototype(extra, target(extra, null, extraMs)));
      totals.executions++;
      requests++;
    }
    const seen = contacts.get(customerIndex) ?? { requests: 0, complaints: 0, lastMs: 0 };
    seen.requests += requests;
    if (ticket.category === 'complaint') seen.complaints++;
    seen.lastMs = Math.max(seen.lastMs, atMs);
    contacts.set(customerIndex, seen);
  };

  for (let start = 0; start < times.length; start += BATCH) {
    const end = Math.min(times.length, start + BATCH);
    await store.transaction(async (tx) => {
      for (let i = start; i < end; i++) await generateOne(tx, times[i] as number);
    });
    await pruneOldSteps(store, (times[end - 1] as number) ?? toMs, options.keepStepsDays ?? RETENTION_DAYS);
    options.progress?.(end, times.length);
  }
  const indexes = [...contacts.keys()];
  for (let start = 0; start < indexes.length; start += BATCH * 5) {
    await store.transaction(async (tx) => {
      for (const index of indexes.slice(start, start + BATCH * 5)) {
        const customer = customers[index];
        const seen = contacts.get(index);
        if (customer && seen) await writeCustomerContacts(tx, customer, seen);
      }
    });
  }
  return { ...totals, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
}
