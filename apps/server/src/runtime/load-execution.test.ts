import type { ExecutionRecord, JsonObject } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadExecution } from './load-execution.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
  setTicketStatus,
} from './runtime-test-kit.ts';

const HOUR = 3_600_000;

const waitAnHour = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('later', 'timing.wait', { mode: 'duration', duration: { amount: 1, unit: 'hours' } }),
    node('done', 'action.end', { outcome: 'completed' }),
  ],
  [edge('start', 'next', 'later'), edge('later', 'next', 'done')],
);

/** request → ticket → wait until the ticket is resolved. */
const waitForResolved = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('ticket', 'action.create_ticket', {
      title: '{{ request.message }}',
      description: '{{ request.message }}',
      priority: 'medium',
      customFields: {},
    }),
    node('solved', 'timing.wait_for_event', {
      event: 'ticket_status',
      statuses: ['resolved'],
      timeout: { amount: 2, unit: 'days' },
    }),
    node('done', 'action.end', { outcome: 'completed' }),
  ],
  [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'solved'), edge('solved', 'received', 'done')],
);

describe('loadExecution', () => {
  let harness: RuntimeHarness;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
  });
  afterEach(() => harness.close());

  async function startWaiting(flow = waitAnHour): Promise<ExecutionRecord & { ticketNumber?: string }> {
    await harness.publish('under-test', flow);
    const { executionIds, produced } = await harness.runtime.intake(
      {
        channel: 'api',
        customer: { name: '王小明' },
        message: '耳机坏了',
        attachments: [],
        customFields: {},
        metadata: {},
      },
      { apiKeyId: 'k' },
    );
    const record = await harness.store.executions.get(executionIds[0] as string);
    if (!record) throw new Error('the execution was not saved');
    return { ...record, ...(produced.ticketNumber ? { ticketNumber: produced.ticketNumber } : {}) };
  }

  async function damage(record: ExecutionRecord, state: JsonObject): Promise<void> {
    const saved = await harness.store.executions.save(
      record.id,
      { state, status: record.status, currentNodeId: record.currentNodeId, updatedAt: record.updatedAt },
      record.revision,
    );
    expect(saved.ok).toBe(true);
  }

  it('gives back the saved state, unchanged, when it parses', async () => {
    const record = await startWaiting();
    const loaded = loadExecution(record);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.state).toEqual(record.state);
      expect(loaded.state.pending?.command.kind).toBe('wait');
    }
  });

  it('names the field that does not parse', async () => {
    const record = await startWaiting();
    const loaded = loadExecution({ ...record, state: { ...record.state, seq: 'three' } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problem).toMatch(/^seq: /);
  });

  it('fails a damaged execution with an incident when its timer fires, and does not run the job again', async () => {
    const record = await startWaiting();
    await damage(record, { ...record.state, pending: { command: { kind: 'nap' } } });

    harness.clock.advance(HOUR + 1000);
    expect(await harness.drain()).toBe(1);

    const failed = await harness.store.executions.get(record.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.state.incident).toMatchObject({
      code: 'runtime.state_unreadable',
      nodeId: 'later',
      retryable: false,
    });
    // The job completed: nothing is left to fail again and again.
    harness.clock.advance(HOUR);
    expect(await harness.drain()).toBe(0);
    expect(await harness.runtime.retryExecution(record.id, 'agent')).toMatchObject({
      ok: false,
      reason: 'not_retryable',
    });
  });

  it('fails a damaged execution a ticket event finds, and drops it from the wait index', async () => {
    const record = await startWaiting(waitForResolved);
    const ticketNumber = record.ticketNumber as string;
    const ticketId = (record.state.data as { ticket: { id: string } }).ticket.id;
    expect(await harness.store.waitSubscriptions.find('ticket_status', ticketId)).toHaveLength(1);
    await damage(record, { ...record.state, visits: 'many' });

    harness.clock.advance(HOUR);
    await setTicketStatus(harness, sequentialIds('agent'), ticketNumber, 'resolved');
    await harness.drain();

    const failed = await harness.store.executions.get(record.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.state.incident).toMatchObject({ code: 'runtime.state_unreadable', nodeId: 'solved' });
    expect(await harness.store.waitSubscriptions.find('ticket_status', ticketId)).toEqual([]);
  });
});
