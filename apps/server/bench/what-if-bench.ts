import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FlowGraph } from '@flowdesk/model';
import type { ExecutionStep, Store, Ticket } from '@flowdesk/store';
import { openConfiguredStore } from '../src/boot/open-store.ts';
import { computeThresholdWhatIf } from '../src/classify-what-if/threshold-what-if.service.ts';
import { loadServerConfig } from '../src/config/server-config.ts';

/**
 * The threshold what-if of a Classify step over 5,000 past executions (issue
 * 18), on a SQLite file: each execution classified a request and created a
 * ticket; a fifth of the tickets were resolved, one in eight was corrected by
 * an agent. Times the service as the server runs it (steps, corrections and
 * tickets read in batches) against the same service on a store that answers
 * the batch reads one execution and one ticket at a time (the reads before
 * batching), rounds interleaved so both see the same machine load.
 * Run: npx tsx apps/server/bench/what-if-bench.ts (part of npm run bench).
 */

const EXECUTIONS = 5000;
const ROUNDS = 9;
const HOUR = 3_600_000;
const CATEGORIES = ['returns', 'order_status', 'complaint', 'invoice'];
const at = { x: 0, y: 0 };
const category = (id: string) => ({ id, label: { 'zh-CN': id, en: id }, keywords: [], examples: [] });

const GRAPH: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
    {
      id: 'what',
      type: 'logic.classify',
      config: { source: 'request.message', categories: CATEGORIES.map(category), threshold: 0.7 },
      position: at,
    },
    {
      id: 'ticket',
      type: 'action.create_ticket',
      config: { title: 't', description: '', priority: 'medium', customFields: {} },
      position: at,
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'what' },
    { id: 'e2', source: 'what', sourcePort: 'next', target: 'ticket' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

/** A seeded sequence, so every run seeds the same history. */
let seed = 18;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

function ticketOf(id: string, index: number, categoryId: string, createdAt: string): Ticket {
  const resolved = index % 5 === 0;
  return {
    id,
    number: `CS2026${String(index).padStart(8, '0')}`,
    workspaceId: 'default',
    title: `请求 ${index}`,
    description: `客户留言 ${index}：我上周买的外套想退货，快递单号 SF${index}`,
    channel: 'api',
    category: categoryId,
    priority: 'medium',
    status: resolved ? 'resolved' : 'in_progress',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: {},
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt,
    updatedAt: createdAt,
    resolvedAt: resolved ? createdAt : null,
    closedAt: null,
  };
}

async function seedHistory(store: Store): Promise<void> {
  const now = new Date().toISOString();
  await store.flows.create({
    id: 'intake',
    workspaceId: 'default',
    name: 'Intake',
    draft: GRAPH,
    createdBy: 'bench',
    now,
  });
  await store.versions.publish('intake', GRAPH, 'v1', 'bench', now);
  const first = Date.parse('2026-10-01T00:00:00.000Z');
  for (let start = 0; start < EXECUTIONS; start += 500) {
    await store.transaction(async (tx) => {
      for (let index = start; index < Math.min(EXECUTIONS, start + 500); index++) {
        const id = `past-${String(index).padStart(5, '0')}`;
        const ticketId = `ticket-${String(index).padStart(5, '0')}`;
        const startedAt = new Date(first + index * (HOUR / 4)).toISOString();
        const guess = CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string;
        const confidence = Math.round((0.3 + random() * 0.7) * 1000) / 1000;
        await tx.executions.create({
          id,
          flowId: 'intake',
          version: 1,
          status: 'completed',
          state: { executionId: id },
          startedAt,
          finishedAt: startedAt,
        });
        const step = (seq: number, nodeId: string, nodeType: string, output: Record<string, unknown>) =>
          ({
            seq,
            nodeId,
            nodeType,
            visit: 1,
            input: { message: `客户留言 ${index}：我上周买的外套想退货` },
            output: output as never,
            port: null,
            startedAt,
            finishedAt: startedAt,
          }) satisfies ExecutionStep;
        await tx.executions.appendSteps(id, [
          step(1, 'start', 'trigger.request_received', { request: { id: `r${index}`, channel: 'api' } }),
          step(2, 'what', 'logic.classify', {
            classification: { category: guess, confidence, threshold: 0.7 },
          }),
          step(3, 'ticket', 'action.create_ticket', { ticket: { id: ticketId } }),
        ]);
        const corrected = index % 8 === 0;
        const kept = corrected ? (CATEGORIES[(CATEGORIES.indexOf(guess) + 1) % 4] as string) : guess;
        await tx.tickets.create(ticketOf(ticketId, index, kept, startedAt));
        if (corrected) {
          await tx.classifierCorrections.add({
            id: `correction-${index}`,
            workspaceId: 'default',
            text: `客户留言 ${index}`,
            fromLabel: guess,
            toLabel: index % 16 === 0 ? guess : kept,
            ticketId,
            by: 'agent',
            at: new Date(Date.parse(startedAt) + HOUR).toISOString(),
          });
        }
      }
    });
  }
}

/** The same store, its batch reads answered one execution and one ticket at a time. */
function oneAtATime(store: Store): Store {
  const executions = {
    ...store.executions,
    list: store.executions.list.bind(store.executions),
    listStepsOf: async (ids: readonly string[]) => {
      const byExecution = new Map<string, ExecutionStep[]>();
      for (const id of ids) byExecution.set(id, await store.executions.listSteps(id));
      return byExecution;
    },
  };
  const tickets = {
    ...store.tickets,
    getMany: async (ids: readonly string[]) => {
      const found: Ticket[] = [];
      for (const id of ids) {
        const ticket = await store.tickets.get(id);
        if (ticket) found.push(ticket);
      }
      return found;
    },
  };
  return new Proxy(store, {
    get: (target, key, receiver) =>
      key === 'executions'
        ? executions
        : key === 'tickets'
          ? tickets
          : (Reflect.get(target, key, receiver) as unknown),
  });
}

const percentile = (values: readonly number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
};

const dir = mkdtempSync(join(tmpdir(), 'flowdesk-what-if-bench-'));
const store = await openConfiguredStore(loadServerConfig({ FLOWDESK_DB: join(dir, 'flowdesk.sqlite') }));
try {
  await seedHistory(store);
  const input = { flowId: 'intake', nodeId: 'what', selection: { last: EXECUTIONS } };
  const slow = oneAtATime(store);
  const expected = await computeThresholdWhatIf(store, input);
  if (expected.cases !== EXECUTIONS)
    throw new Error(`read ${expected.cases} of ${EXECUTIONS} classifications`);
  if (JSON.stringify(await computeThresholdWhatIf(slow, input)) !== JSON.stringify(expected)) {
    throw new Error('batched and one-at-a-time reads answer differently');
  }
  const batched: number[] = [];
  const single: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let began = performance.now();
    await computeThresholdWhatIf(store, input);
    batched.push(performance.now() - began);
    began = performance.now();
    await computeThresholdWhatIf(slow, input);
    single.push(performance.now() - began);
  }
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `threshold what-if, ${EXECUTIONS} past executions (${expected.checked} checked, ${expected.corrected} corrected), ` +
      `${ROUNDS} rounds: batched reads p50 ${ms(percentile(batched, 0.5))} p95 ${ms(percentile(batched, 0.95))}; ` +
      `one at a time p50 ${ms(percentile(single, 0.5))} p95 ${ms(percentile(single, 0.95))}; ` +
      `ratio of p50s ${(percentile(batched, 0.5) / percentile(single, 0.5)).toFixed(2)}`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
