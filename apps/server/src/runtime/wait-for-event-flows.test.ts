import { changeTicketStatus, type DeskScope } from '@flowdesk/desk';
import type { TicketStatus } from '@flowdesk/model';
import type { StoreRepositories, Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../app-deps.ts';
import { recordCustomerFollowUp } from '../channels/customer-follow-up.ts';
import {
  edge,
  emailRequest,
  graph,
  type HarnessWithSink,
  type HttpSink,
  node,
  type RuntimeHarness,
  requestTicketNodes,
  sequentialIds,
  startHarnessWithSink,
  webhookNode,
} from './runtime-test-kit.ts';
import { backfillWaitSubscriptions, WAIT_SUBSCRIPTION_BACKFILL } from './wait-subscription-backfill.ts';

const HOUR = 60 * 60 * 1000;

/** "Wait for event" on a customer reply or a ticket status, resumed by the desk's ticket events. */
describe('flows waiting for a ticket event', () => {
  let setup: HarnessWithSink;
  let harness: RuntimeHarness;
  let sink: HttpSink;
  let url: string;
  const ids = sequentialIds('test');

  beforeEach(async () => {
    setup = await startHarnessWithSink();
    ({ harness, sink, url } = setup);
  });
  afterEach(() => setup.close());

  const request = emailRequest({ message: '耳机左边没有声音' });

  /** request → create ticket → wait (2 days) → a webhook per outcome. */
  const waitingFlow = (wait: Record<string, unknown>, received: string) =>
    graph(
      [
        ...requestTicketNodes(),
        node('wait', 'timing.wait_for_event', { ...wait, timeout: { amount: 2, unit: 'days' } }),
        webhookNode('thanks', `${url}/received`, received),
        webhookNode('chase', `${url}/timeout`, '{{ ticket.number }}'),
      ],
      [
        edge('start', 'next', 'ticket'),
        edge('ticket', 'next', 'wait'),
        edge('wait', 'received', 'thanks'),
        edge('wait', 'timeout', 'chase'),
      ],
    );

  /** Desk changes as the app makes them: ticket events only when the runtime says someone listens. */
  const inDesk = <T>(work: (scope: DeskScope) => Promise<T>) =>
    harness.store.transaction((tx: StoreRepositories) =>
      work({
        tx,
        deps: {
          clock: harness.clock,
          ids,
          listensTo: (event) => harness.runtime.flows.listensToTicketEvent('default', event),
        },
      }),
    );

  const REPLY_BODY = '{{ event.name }}|{{ event.message }}|{{ ticket.status }}';
  const STATUS_BODY = '{{ event.name }}|{{ event.previousStatus }}→{{ event.status }}|{{ ticket.status }}';

  async function startWaiting(wait: Record<string, unknown>, received = REPLY_BODY) {
    await harness.publish('follow-up', waitingFlow(wait, received));
    const { produced, executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    const ticket = (await harness.store.tickets.getByNumber(produced.ticketNumber as string)) as Ticket;
    const executionId = executionIds[0] as string;
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');
    // The index the desk asks is built from the store, not guessed (a missing one answers yes).
    await harness.runtime.flows.withTrigger('default', 'trigger.request_received');
    return { ticket, executionId };
  }

  const customerReplies = (ticket: Ticket, body: string, messageId: string) =>
    inDesk((scope) =>
      recordCustomerFollowUp(scope, {
        ticket,
        channel: 'email',
        conversationId: null,
        customerKey: 'wang@example.cn',
        body,
        messageId,
        externalId: null,
        now: harness.clock.now(),
      }),
    );

  const setStatus = (ticketId: string, status: TicketStatus) =>
    inDesk((scope) =>
      changeTicketStatus(scope, ticketId, status, {
        actor: { kind: 'user', id: 'agent-li' },
        ...(status === 'resolved' ? { solution: '已换新耳机' } : {}),
      }),
    );

  const bodies = (path: string) =>
    sink.received.filter((hook) => hook.path === path).map((hook) => JSON.parse(hook.body).body);

  const waitingOn = (event: 'customer_reply' | 'ticket_status', ticketId: string) =>
    harness.store.waitSubscriptions.find(event, ticketId);

  it('indexes, once, executions that began waiting before the wait index existed', async () => {
    const { ticket, executionId } = await startWaiting({ event: 'customer_reply', statuses: [] });
    // As a database from before migration 11 has it: the execution waits, the index knows nothing.
    await harness.store.waitSubscriptions.replaceFor(executionId, []);
    expect(await waitingOn('customer_reply', ticket.id)).toEqual([]);

    expect(await backfillWaitSubscriptions(harness.store, silentLogger)).toBe(1);
    expect(await waitingOn('customer_reply', ticket.id)).toMatchObject([{ executionId, key: ticket.id }]);
    // Done once per database: a later start does not scan again.
    expect(await harness.store.counters.current(WAIT_SUBSCRIPTION_BACKFILL)).toBe(1);
    expect(await backfillWaitSubscriptions(harness.store, silentLogger)).toBe(0);

    harness.clock.advance(HOUR);
    await customerReplies(ticket, '换了新的还是一样', 'in-1');
    await harness.drain();
    expect(bodies('/received')).toEqual(['customer_reply|换了新的还是一样|new']);
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
  });

  it('leaves executions that wait for a timer out of the index', async () => {
    const timer = graph(
      [
        ...requestTicketNodes(),
        node('later', 'timing.wait', { mode: 'duration', duration: { amount: 24, unit: 'hours' } }),
        node('done', 'action.end', { outcome: 'completed' }),
      ],
      [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'later'), edge('later', 'next', 'done')],
    );
    await harness.publish('timer', timer);
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k' });
    expect((await harness.store.executions.get(executionIds[0] as string))?.status).toBe('waiting');
    expect(await backfillWaitSubscriptions(harness.store, silentLogger)).toBe(0);
    expect(await harness.store.counters.current(WAIT_SUBSCRIPTION_BACKFILL)).toBe(1);
  });

  it('goes on by Received when the customer follows up, with the reply in the data', async () => {
    const { ticket, executionId } = await startWaiting({ event: 'customer_reply', statuses: [] });
    expect(harness.runtime.flows.listensToTicketEvent('default', 'customer_replied')).toBe(true);
    expect(await waitingOn('customer_reply', ticket.id)).toMatchObject([{ executionId, key: ticket.id }]);

    harness.clock.advance(HOUR);
    await customerReplies(ticket, '换了新的还是一样', 'in-1');
    await harness.drain();

    expect(bodies('/received')).toEqual(['customer_reply|换了新的还是一样|new']);
    expect(bodies('/timeout')).toEqual([]);
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    const steps = await harness.store.executions.listSteps(executionId);
    expect(steps.find((step) => step.nodeId === 'wait')?.port).toBe('received');
    expect(await waitingOn('customer_reply', ticket.id)).toEqual([]);

    // The same event job again, and a second reply, find nobody waiting: nothing runs twice.
    const done = await harness.store.jobs.list({ kind: 'ticket.event', status: 'completed' });
    const replied = done.find((job) => job.payload.event === 'customer_replied');
    expect(replied?.payload).toMatchObject({ ticketId: ticket.id, message: '换了新的还是一样' });
    await harness.store.jobs.enqueue({
      id: 'repeat',
      kind: 'ticket.event',
      runAt: harness.clock.now().toISOString(),
      payload: replied?.payload ?? {},
      idempotencyKey: null,
      now: harness.clock.now().toISOString(),
    });
    await customerReplies(ticket, '还在吗', 'in-2');
    await harness.drain();
    expect((await harness.store.jobs.get('repeat'))?.status).toBe('completed');
    harness.clock.advance(3 * 24 * HOUR);
    await harness.drain();
    expect(bodies('/received')).toHaveLength(1);
    expect(bodies('/timeout')).toEqual([]);
  });

  it('takes Timeout when nobody answers within the time, and forgets the wait', async () => {
    const { ticket, executionId } = await startWaiting({ event: 'customer_reply', statuses: [] });
    harness.clock.advance(47 * HOUR);
    await harness.drain();
    expect(sink.received).toEqual([]);

    harness.clock.advance(2 * HOUR);
    await harness.drain();
    expect(bodies('/timeout')).toEqual([ticket.number]);
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    expect(await waitingOn('customer_reply', ticket.id)).toEqual([]);

    // A reply after the timeout is just a reply: the flow has moved on.
    await customerReplies(ticket, '不好意思，刚看到', 'in-late');
    await harness.drain();
    expect(bodies('/received')).toEqual([]);
  });

  it('waits for the ticket to enter one of the statuses, not any change', async () => {
    const { ticket, executionId } = await startWaiting(
      { event: 'ticket_status', statuses: ['resolved'] },
      STATUS_BODY,
    );
    expect(harness.runtime.flows.listensToTicketEvent('default', 'status_changed')).toBe(true);

    await setStatus(ticket.id, 'in_progress');
    await harness.drain();
    expect(sink.received).toEqual([]);
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');
    expect(await waitingOn('ticket_status', ticket.id)).toHaveLength(1);

    harness.clock.advance(HOUR);
    await setStatus(ticket.id, 'resolved');
    await harness.drain();
    expect(bodies('/received')).toEqual(['ticket_status|in_progress→resolved|resolved']);
    expect(await waitingOn('ticket_status', ticket.id)).toEqual([]);

    // Reopened and resolved again: the execution already went on once.
    await setStatus(ticket.id, 'in_progress');
    await setStatus(ticket.id, 'resolved');
    await harness.drain();
    expect(bodies('/received')).toHaveLength(1);
  });

  it('does not resume an execution with a ticket change made before it began waiting', async () => {
    const { ticket, executionId } = await startWaiting(
      { event: 'ticket_status', statuses: ['resolved'] },
      STATUS_BODY,
    );
    // A status_changed job that was due before the wait began, run only now (a busy queue).
    const record = await harness.store.executions.get(executionId);
    const earlier = new Date(Date.parse(record?.startedAt ?? '') - 1000).toISOString();
    await harness.store.jobs.enqueue({
      id: 'late-event',
      kind: 'ticket.event',
      runAt: earlier,
      payload: {
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        workspaceId: 'default',
        event: 'status_changed',
        at: earlier,
        status: 'resolved',
        previousStatus: 'new',
      },
      idempotencyKey: null,
      now: earlier,
    });
    await harness.drain();
    expect(sink.received).toEqual([]);
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');
  });

  it('keeps emitting the event for executions pinned to a version that no longer waits', async () => {
    const { ticket, executionId } = await startWaiting({ event: 'customer_reply', statuses: [] });
    await harness.publish(
      'follow-up',
      graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'done')],
      ),
    );
    await harness.runtime.flows.withTrigger('default', 'trigger.request_received');
    expect(harness.runtime.flows.listensToTicketEvent('default', 'customer_replied')).toBe(true);

    await customerReplies(ticket, '在吗', 'in-1');
    await harness.drain();
    expect(bodies('/received')).toEqual(['customer_reply|在吗|new']);
    expect((await harness.store.executions.get(executionId))?.version).toBe(1);

    // Nobody waits any more and no live flow has the node: ticket changes stop costing a job.
    harness.runtime.flowsChanged();
    await harness.runtime.flows.withTrigger('default', 'trigger.request_received');
    expect(harness.runtime.flows.listensToTicketEvent('default', 'customer_replied')).toBe(false);
  });
});
