import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deskActivities } from '@flowdesk/desk';
import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultActivities } from './activities/default-activities.ts';
import { FlowRuntime } from './flow-runtime.ts';
import { ChannelOutbox } from './outbox/channel-outbox.ts';
import { PublishedFlows } from './published-flows.ts';
import { edge, graph, ManualClock, node, sequentialIds } from './runtime-test-kit.ts';

const TIMERS = 2000;

/** Create a ticket, wait until the request's remindAt, then note the ticket: one note per fired timer. */
const remindFlow = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('ticket', 'action.create_ticket', {
      title: '{{ request.message }}',
      description: '{{ request.message }}',
      priority: 'auto',
      customFields: {},
    }),
    node('wait', 'timing.wait', { mode: 'until_field', field: 'request.customFields.remindAt' }),
    node('note', 'action.update_ticket', { addTags: ['reminded'], note: 'Reminder: {{ request.message }}' }),
  ],
  [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'wait'), edge('wait', 'next', 'note')],
);

/** One worker process's runtime: its own connection to the file and its own ids, the clock shared. */
function workerRuntime(store: Store, clock: ManualClock, name: string): FlowRuntime {
  const ids = sequentialIds(name);
  const flows = new PublishedFlows(store);
  return new FlowRuntime({
    store,
    clock,
    ids,
    flows,
    activities: defaultActivities(
      { allowPrivateNetworks: true },
      deskActivities({ clock, ids, listensTo: (event) => flows.listensToTicketEvent('default', event) }),
    ),
    outbox: new ChannelOutbox({ secret: 'test-secret', now: () => clock.now(), allowPrivateNetworks: true }),
    workerId: name,
  });
}

/** Both workers tick at once until neither finds a due job; returns how many jobs each ran. */
async function drainTogether(runtimes: readonly FlowRuntime[]): Promise<number[]> {
  const ran = runtimes.map(() => 0);
  for (let round = 0; round < 1000; round++) {
    const counts = await Promise.all(runtimes.map((runtime) => runtime.worker.tick()));
    counts.forEach((count, index) => {
      ran[index] = (ran[index] ?? 0) + count;
    });
    if (counts.every((count) => count === 0)) break;
  }
  return ran;
}

describe('timers at volume (issue 17, item 3)', () => {
  const stores: Store[] = [];
  let dir = '';
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`fires ${TIMERS} timers due in the same second once each, none early, with two workers competing`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowdesk-timers-'));
    const path = join(dir, 'flowdesk.sqlite');
    const clock = new ManualClock();
    const first = await openSqliteStore({ path });
    const second = await openSqliteStore({ path });
    stores.push(first, second);
    const now = clock.now().toISOString();
    await first.flows.create({
      id: 'remind',
      workspaceId: 'default',
      name: 'remind',
      draft: remindFlow,
      createdBy: 'u1',
      now,
    });
    await first.versions.publish('remind', remindFlow, 'test', 'u1', now);
    const workers = [workerRuntime(first, clock, 'worker-a'), workerRuntime(second, clock, 'worker-b')];

    const dueAt = new Date(clock.now().getTime() + 60_000).toISOString();
    const executionIds: string[] = [];
    for (let start = 0; start < TIMERS; start += 100) {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, offset) =>
          (workers[offset % 2] as FlowRuntime).intake(
            {
              channel: 'api',
              message: `call me back ${start + offset}`,
              customer: {},
              customFields: { remindAt: dueAt },
              attachments: [],
              metadata: {},
            },
            { apiKeyId: 'k' },
          ),
        ),
      );
      executionIds.push(...results.flatMap((result) => result.executionIds));
    }
    expect(executionIds).toHaveLength(TIMERS);
    // Each ticket's event job is due now; the timers are not, and none may fire yet.
    await drainTogether(workers);
    clock.advance(59_999);
    await drainTogether(workers);
    const timerJobs = first.database.prepare(
      `SELECT status, leased_by AS worker, attempts, count(*) AS jobs FROM jobs WHERE kind = 'execution.timer'
       GROUP BY status, leased_by, attempts ORDER BY leased_by`,
    );
    expect(timerJobs.all()).toEqual([{ status: 'pending', worker: null, attempts: 0, jobs: TIMERS }]);

    clock.advance(1);
    const ran = await drainTogether(workers);
    // Both claimed part of the due second: the lease, not luck, kept them apart.
    expect(Math.min(...ran)).toBeGreaterThan(TIMERS / 10);
    const byWorker = timerJobs.all() as Array<{
      status: string;
      worker: string;
      attempts: number;
      jobs: number;
    }>;
    expect(byWorker.map(({ status, worker, attempts }) => ({ status, worker, attempts }))).toEqual([
      { status: 'completed', worker: 'worker-a', attempts: 1 },
      { status: 'completed', worker: 'worker-b', attempts: 1 },
    ]);
    expect(byWorker.reduce((sum, row) => sum + row.jobs, 0)).toBe(TIMERS);
    expect(await first.executions.countRunning()).toEqual([]);
    for (const executionId of executionIds) {
      const steps = await first.executions.listSteps(executionId);
      const waits = steps.filter((step) => step.nodeId === 'wait');
      expect(waits).toHaveLength(1);
      expect(waits[0]?.finishedAt.localeCompare(dueAt)).toBeGreaterThanOrEqual(0);
      expect(steps.filter((step) => step.nodeId === 'note')).toHaveLength(1);
    }
    const tickets = await first.tickets.list({ workspaceId: 'default', limit: 1000 });
    expect(tickets).toHaveLength(1000);
    for (const ticket of tickets) {
      expect(ticket.tags).toEqual(['reminded']);
      expect(await first.ticketNotes.list(ticket.id)).toHaveLength(1);
    }
    const notes = first.database.prepare(
      'SELECT count(*) AS n, count(DISTINCT ticket_id) AS tickets FROM ticket_notes',
    );
    expect(notes.get()).toEqual({ n: TIMERS, tickets: TIMERS });
  }, 180_000);
});
