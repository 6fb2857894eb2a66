import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PublishedFlows } from './published-flows.ts';
import { edge, graph, node } from './runtime-test-kit.ts';

const REFRESH_MS = 1000;

const requestFlow = graph(
  [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('ticket', 'action.create_ticket', {
      title: '{{ request.message }}',
      description: '{{ request.message }}',
      priority: 'auto',
      customFields: {},
    }),
  ],
  [edge('start', 'next', 'ticket')],
);

const ticketEventFlow = graph(
  [
    node('start', 'trigger.ticket_event', { events: ['assigned'] }),
    node('note', 'action.update_ticket', { addTags: ['seen'] }),
  ],
  [edge('start', 'next', 'note')],
);

/** What another process does when it publishes: rows in the shared store, no call on this index. */
async function publish(store: Store, id: string, flow = requestFlow): Promise<void> {
  const now = new Date().toISOString();
  await store.flows.create({ id, workspaceId: 'default', name: id, draft: flow, createdBy: 'test', now });
  await store.versions.publish(id, flow, 'test', 'test', now);
}

const liveIds = async (flows: PublishedFlows) =>
  (await flows.withTrigger('default', 'trigger.request_received')).map((live) => live.flowId);

describe('PublishedFlows refresh', () => {
  let store: Store;
  let clock: number;
  let flows: PublishedFlows;

  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
    clock = 0;
    flows = new PublishedFlows(store, { refreshMs: REFRESH_MS, now: () => clock });
    await publish(store, 'first');
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers from the previous index while a stale one refreshes, then from the new one', async () => {
    expect(await liveIds(flows)).toEqual(['first']);
    await publish(store, 'second');
    clock = 1.5 * REFRESH_MS;
    // Stale by half a period: the request is not held up by the refresh it starts.
    expect(await liveIds(flows)).toEqual(['first']);
    await vi.waitFor(async () => expect(await liveIds(flows)).toEqual(['first', 'second']));
  });

  it('waits for a rebuild once the index is older than two periods', async () => {
    expect(await liveIds(flows)).toEqual(['first']);
    await publish(store, 'second');
    clock = 2 * REFRESH_MS;
    expect(await liveIds(flows)).toEqual(['first', 'second']);
  });

  it('keeps answering ticket-event questions from the index during a refresh, and says yes without one', async () => {
    expect(flows.listensToTicketEvent('default', 'assigned')).toBe(true);
    await liveIds(flows);
    expect(flows.listensToTicketEvent('default', 'assigned')).toBe(false);
    clock = 1.5 * REFRESH_MS;
    // Used to answer yes here, and each such ticket event queued a job no flow wanted.
    expect(flows.listensToTicketEvent('default', 'assigned')).toBe(false);
    await publish(store, 'on-assign', ticketEventFlow);
    await vi.waitFor(() => expect(flows.listensToTicketEvent('default', 'assigned')).toBe(true));
    clock = 10 * REFRESH_MS;
    flows.invalidate();
    expect(flows.listensToTicketEvent('default', 'assigned')).toBe(true);
  });

  it('does not let a build that began before a publish in this process install its older index', async () => {
    expect(await liveIds(flows)).toEqual(['first']);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = store.flows.list.bind(store.flows);
    const spy = vi.spyOn(store.flows, 'list').mockImplementationOnce(async (query) => {
      const before = await list(query);
      await gate;
      return before;
    });
    clock = 1.5 * REFRESH_MS;
    expect(await liveIds(flows)).toEqual(['first']);
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
    await publish(store, 'second');
    flows.invalidate();
    release();
    expect(await liveIds(flows)).toEqual(['first', 'second']);
    clock = 1.6 * REFRESH_MS;
    expect(await liveIds(flows)).toEqual(['first', 'second']);
  });
});
