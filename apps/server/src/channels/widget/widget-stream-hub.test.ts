import type { ConversationMessage } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../app-deps.ts';
import { type StreamSink, WidgetStreamHub } from './widget-stream-hub.ts';

/** A store with messages per conversation that counts its queries. */
class FakeMessages {
  readonly queries: string[] = [];
  private readonly byConversation = new Map<string, ConversationMessage[]>();

  add(conversationId: string, body: string): void {
    const list = this.byConversation.get(conversationId) ?? [];
    list.push({
      id: `${conversationId}-${list.length + 1}`,
      conversationId,
      seq: list.length + 1,
      direction: 'out',
      author: 'agent',
      body,
      externalId: null,
      createdAt: '2026-11-22T01:00:00.000Z',
    });
    this.byConversation.set(conversationId, list);
  }

  readonly list = async (conversationId: string, afterSeq: number, limit: number) => {
    this.queries.push(conversationId);
    return (this.byConversation.get(conversationId) ?? [])
      .filter((message) => message.seq > afterSeq)
      .slice(0, limit);
  };
}

/** A stream's receiving end: what it got, whether the hub ended it, and a way to wait for the next body. */
class Sink implements StreamSink {
  readonly bodies: string[] = [];
  ended = false;
  private waiting: { count: number; resolve: () => void } | null = null;

  send(message: ConversationMessage): void {
    this.bodies.push(message.body);
    if (this.waiting && this.bodies.length >= this.waiting.count) this.waiting.resolve();
  }

  end(): void {
    this.ended = true;
  }

  received(count: number): Promise<void> {
    if (this.bodies.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting = { count, resolve };
    });
  }
}

/** A poll interval no test waits for: rounds happen when a stream opens. */
const NEVER = 3_600_000;

function hubWith(messages: FakeMessages, limits = { perConversation: 2, perClient: 20 }) {
  return new WidgetStreamHub(messages.list, NEVER, silentLogger, limits);
}

describe('WidgetStreamHub', () => {
  it('at shutdown ends every stream, lets the pollers exit and refuses new streams', async () => {
    const messages = new FakeMessages();
    messages.add('c1', 'hello');
    const hub = hubWith(messages);
    const sinks = [new Sink(), new Sink()];
    hub.open('c1', 'ip-a', 0, sinks[0] as Sink);
    hub.open('c2', 'ip-b', 0, sinks[1] as Sink);
    await sinks[0]?.received(1);
    hub.stop();
    expect(sinks.map((sink) => sink.ended)).toEqual([true, true]);
    expect([hub.openFor('ip-a'), hub.openFor('ip-b')]).toEqual([0, 0]);
    expect(hub.open('c1', 'ip-a', 0, new Sink())).toBeNull();
    // The pollers were woken from their pause and ran no further round.
    const queriesAtStop = messages.queries.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages.queries.length).toBe(queriesAtStop);
  });

  it('serves every stream of a conversation from one store query per round', async () => {
    const messages = new FakeMessages();
    messages.add('c1', 'hello');
    messages.add('c1', 'how can we help?');
    const hub = hubWith(messages);
    const early = new Sink();
    const late = new Sink();
    const first = hub.open('c1', 'ip-a', 0, early);
    const second = hub.open('c1', 'ip-b', 1, late);
    await Promise.all([early.received(2), late.received(1)]);
    expect(early.bodies).toEqual(['hello', 'how can we help?']);
    // Each stream continues from where it stands.
    expect(late.bodies).toEqual(['how can we help?']);
    expect(messages.queries).toEqual(['c1']);

    // A new message, and a new round (a third stream from the same client replacing its first).
    messages.add('c1', 'your parcel left today');
    const third = new Sink();
    hub.open('c1', 'ip-a', 3, third);
    await late.received(2);
    expect(late.bodies.at(-1)).toBe('your parcel left today');
    expect(messages.queries).toEqual(['c1', 'c1']);
    first?.close();
    second?.close();
  });

  it('closes the oldest stream when a third opens on one conversation', async () => {
    const hub = hubWith(new FakeMessages());
    const sinks = [new Sink(), new Sink(), new Sink()];
    const streams = sinks.map((sink, i) => hub.open('c1', `ip-${i}`, 0, sink));
    expect(sinks.map((sink) => sink.ended)).toEqual([true, false, false]);
    // The ended stream's place went back to its client.
    expect(hub.openFor('ip-0')).toBe(0);
    expect(hub.openFor('ip-1')).toBe(1);
    for (const stream of streams) stream?.close();
  });

  it('refuses a client over its cap, and takes it again once one of its streams closes', () => {
    const hub = hubWith(new FakeMessages(), { perConversation: 2, perClient: 3 });
    const open = ['c1', 'c2', 'c3'].map((conversation) => hub.open(conversation, 'ip-a', 0, new Sink()));
    expect(open.every((stream) => stream !== null)).toBe(true);
    expect(hub.open('c4', 'ip-a', 0, new Sink())).toBeNull();
    // Another client is not affected.
    const other = hub.open('c4', 'ip-b', 0, new Sink());
    expect(other).not.toBeNull();

    open[0]?.close();
    open[0]?.close();
    expect(hub.openFor('ip-a')).toBe(2);
    const again = hub.open('c4', 'ip-a', 0, new Sink());
    expect(again).not.toBeNull();
    expect(hub.open('c5', 'ip-a', 0, new Sink())).toBeNull();
    for (const stream of [...open, other, again]) stream?.close();
    expect(hub.openFor('ip-a')).toBe(0);
  });

  it('lets a client at its cap reconnect a conversation: the new stream replaces its own oldest', () => {
    const hub = hubWith(new FakeMessages(), { perConversation: 2, perClient: 2 });
    const first = new Sink();
    const streams = [hub.open('c1', 'ip-a', 0, first), hub.open('c1', 'ip-a', 0, new Sink())];
    expect(hub.open('c2', 'ip-a', 0, new Sink())).toBeNull();
    const reconnected = hub.open('c1', 'ip-a', 0, new Sink());
    expect(reconnected).not.toBeNull();
    expect(first.ended).toBe(true);
    expect(hub.openFor('ip-a')).toBe(2);
    for (const stream of [...streams, reconnected]) stream?.close();
  });

  it('ends the streams when the store fails, so the browsers reconnect', async () => {
    const hub = new WidgetStreamHub(
      async () => {
        throw new Error('database is locked');
      },
      NEVER,
      silentLogger,
    );
    const sink = new Sink();
    let ended!: () => void;
    const endedOnce = new Promise<void>((resolve) => {
      ended = resolve;
    });
    hub.open('c1', 'ip-a', 0, {
      send: (message) => sink.send(message),
      end: () => {
        sink.end();
        ended();
      },
    });
    await endedOnce;
    expect(sink.ended).toBe(true);
    expect(hub.openFor('ip-a')).toBe(0);
  });
});
