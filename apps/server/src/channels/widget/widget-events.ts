import type { Request, Response } from 'express';
import { AppError } from '../../http/app-error.ts';
import { toPublic } from './widget-conversations.ts';
import type { WidgetStreamHub } from './widget-stream-hub.ts';

/**
 * The conversation as Server-Sent Events: first what came after the seq the
 * browser already has, then each new message as it is stored. New messages
 * are found by polling the store (one shared poller per conversation, see
 * WidgetStreamHub), so a reply written by another server or a worker process
 * arrives just the same. The stream ends after a while and the browser's
 * EventSource reconnects with Last-Event-ID, which keeps idle connections from
 * living forever behind proxies.
 */

export interface StreamTiming {
  pollMs: number;
  heartbeatMs: number;
  maxStreamMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = {
  pollMs: 500,
  heartbeatMs: 15_000,
  maxStreamMs: 30 * 60_000,
};

/** The seq to continue after: the larger of `?after=` and the reconnecting browser's Last-Event-ID. */
export function resumeSeq(request: Request): number {
  const read = (value: unknown) => {
    const number = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : 0;
    return Number.isSafeInteger(number) ? number : 0;
  };
  return Math.max(read(request.query.after), read(request.get('last-event-id')));
}

/** Seconds a refused stream should wait: long enough for one of the client's streams to end. */
const TOO_MANY_STREAMS_RETRY_S = 30;

export function streamConversation(
  hub: WidgetStreamHub,
  request: Request,
  response: Response,
  conversationId: string,
  clientKey: string,
  timing: StreamTiming = DEFAULT_STREAM_TIMING,
): void {
  let open = true;
  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    if (!open) return;
    open = false;
    for (const timer of timers) clearTimeout(timer);
    response.end();
  };
  const stream = hub.open(conversationId, clientKey, resumeSeq(request), {
    send(message) {
      // JSON on one data line: line breaks in the text are escaped, so they cannot end the event.
      if (open)
        response.write(`id: ${message.seq}\nevent: message\ndata: ${JSON.stringify(toPublic(message))}\n\n`);
    },
    end,
  });
  if (!stream) {
    response.setHeader('Retry-After', String(TOO_MANY_STREAMS_RETRY_S));
    throw new AppError('too_many_requests', 'widget_rate_limited', {
      params: { seconds: TOO_MANY_STREAMS_RETRY_S },
    });
  }
  const stop = () => {
    stream.close();
    end();
  };
  response.on('close', stop);

  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx and similar proxies would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  response.write('retry: 3000\n\n');
  timers.push(setInterval(() => open && response.write(': heartbeat\n\n'), timing.heartbeatMs));
  timers.push(setTimeout(stop, timing.maxStreamMs));
}
