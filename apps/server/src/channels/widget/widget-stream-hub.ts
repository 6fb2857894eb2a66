import type { ConversationMessage } from '@flowdesk/store';
import type { Logger } from '../../app-ports.ts';

/**
 * Every open event stream of every conversation, with one poller per
 * conversation: each tick is one store query however many streams watch it,
 * and the messages found are fanned out to each stream from where it stands.
 * Open streams are capped per conversation (a new one closes the oldest: it is
 * usually the browser reconnecting before we noticed the old socket died) and
 * per client (a new one over the cap is refused), so one address cannot hold
 * thousands of sockets and store queries open.
 */

export interface StreamLimits {
  perConversation: number;
  perClient: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perConversation: 2, perClient: 20 };

/** Where a stream's messages go; the HTTP layer writes them as SSE. */
export interface StreamSink {
  send(message: ConversationMessage): void;
  /** The hub closes the stream (replaced by a newer one, or the store failed). */
  end(): void;
}

export type ListMessages = (
  conversationId: string,
  afterSeq: number,
  limit: number,
) => Promise<ConversationMessage[]>;

export interface OpenStream {
  /** Call when the client goes away: frees the slot; stops the poller when it was the last stream. */
  close(): void;
}

interface Stream {
  sink: StreamSink;
  clientKey: string;
  lastSeq: number;
  open: boolean;
}

interface Watched {
  streams: Set<Stream>;
  /** Ends the current pause early (a new stream wants its backlog, or the last one left). */
  wake: (() => void) | null;
  wakeRequested: boolean;
}

const PAGE = 100;

function oldestOf(watched: Watched): Stream | null {
  return watched.streams.values().next().value ?? null;
}

export class WidgetStreamHub {
  private readonly conversations = new Map<string, Watched>();
  private readonly perClient = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly listMessages: ListMessages,
    private readonly pollMs: number,
    private readonly log: Logger,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  /** Open streams right now, for one client. */
  openFor(clientKey: string): number {
    return this.perClient.get(clientKey) ?? 0;
  }

  /**
   * Registers a stream that continues after `afterSeq`; null when the client
   * already has as many streams open as it may (answer 429).
   */
  open(conversationId: string, clientKey: string, afterSeq: number, sink: StreamSink): OpenStream | null {
    if (this.stopped) return null;
    let watched = this.conversations.get(conversationId);
    const replaced =
      watched && watched.streams.size >= this.limits.perConversation ? oldestOf(watched) : null;
    // A browser reconnecting before we noticed its old socket die replaces that stream: no net change.
    const freed = replaced?.clientKey === clientKey ? 1 : 0;
    if (this.openFor(clientKey) - freed >= this.limits.perClient) return null;
    const stream: Stream = { sink, clientKey, lastSeq: afterSeq, open: true };
    this.perClient.set(clientKey, this.openFor(clientKey) + 1);
    if (!watched) {
      watched = { streams: new Set(), wake: null, wakeRequested: false };
      this.conversations.set(conversationId, watched);
      const started = watched;
      // Started on the next turn, so streams opened together share the first query.
      setImmediate(() => void this.poll(conversationId, started));
    }
    watched.streams.add(stream);
    for (const oldest of watched.streams) {
      if (watched.streams.size <= this.limits.perConversation) break;
      this.release(conversationId, oldest);
      oldest.sink.end();
    }
    this.wake(watched);
    return { close: () => this.release(conversationId, stream) };
  }

  /**
   * At shutdown: ends every open stream (the browsers reconnect to another
   * replica) and lets each poller finish its round and exit; later opens are
   * refused.
   */
  stop(): void {
    this.stopped = true;
    for (const [conversationId, watched] of this.conversations) {
      for (const stream of [...watched.streams]) {
        this.release(conversationId, stream);
        stream.sink.end();
      }
    }
  }

  private release(conversationId: string, stream: Stream): void {
    if (!stream.open) return;
    stream.open = false;
    const count = this.openFor(stream.clientKey) - 1;
    if (count > 0) this.perClient.set(stream.clientKey, count);
    else this.perClient.delete(stream.clientKey);
    const watched = this.conversations.get(conversationId);
    if (!watched) return;
    watched.streams.delete(stream);
    if (watched.streams.size === 0) this.wake(watched);
  }

  private wake(watched: Watched): void {
    watched.wakeRequested = true;
    watched.wake?.();
  }

  private pause(watched: Watched): Promise<void> {
    if (watched.wakeRequested) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        watched.wake = null;
        resolve();
      }
      watched.wake = done;
    });
  }

  /** The conversation's poller: runs while it has streams, one query per round for all of them. */
  private async poll(conversationId: string, watched: Watched): Promise<void> {
    try {
      while (watched.streams.size > 0) {
        watched.wakeRequested = false;
        const from = Math.min(...Array.from(watched.streams, (stream) => stream.lastSeq));
        const messages = await this.listMessages(conversationId, from, PAGE);
        for (const message of messages) {
          for (const stream of watched.streams) {
            if (message.seq <= stream.lastSeq) continue;
            stream.sink.send(message);
            stream.lastSeq = message.seq;
          }
        }
        if (messages.length < PAGE) await this.pause(watched);
      }
    } catch (error) {
      this.log.warn('widget event stream failed', { conversationId, error: String(error) });
      // The browsers reconnect and start a new poller.
      for (const stream of [...watched.streams]) {
        this.release(conversationId, stream);
        stream.sink.end();
      }
    } finally {
      if (this.conversations.get(conversationId) === watched) this.conversations.delete(conversationId);
    }
  }
}
