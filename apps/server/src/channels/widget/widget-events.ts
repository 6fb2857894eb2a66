import type { Request, Response } from 'express';
import type { AppServices } from '../../app-deps.ts';
import { toPublic } from './widget-conversations.ts';

/**
 * The conversation as Server-Sent Events: first what came after the seq the
 * browser already has, then each new message as it is stored. New messages
 * are found by polling the store, so a reply written by another server or a
 * worker process arrives just the same. The stream ends after a while and the
 * browser's EventSource reconnects with Last-Event-ID, which keeps idle
 * connections from living forever behind proxies.
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

const PAGE = 100;

/** The seq to continue after: the larger of `?after=` and the reconnecting browser's Last-Event-ID. */
export function resumeSeq(request: Request): number {
  const read = (value: unknown) => {
    const number = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : 0;
    return Number.isSafeInteger(number) ? number : 0;
  };
  return Math.max(read(request.query.after), read(request.get('last-event-id')));
}

export function streamConversation(
  services: AppServices,
  request: Request,
  response: Response,
  conversationId: string,
  timing: StreamTiming = DEFAULT_STREAM_TIMING,
): void {
  let lastSeq = resumeSeq(request);
  let open = true;
  let wake: (() => void) | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    if (!open) return;
    open = false;
    for (const timer of timers) clearTimeout(timer);
    clearTimeout(pollTimer);
    wake?.();
    response.end();
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

  const pause = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      pollTimer = setTimeout(resolve, timing.pollMs);
    });

  const pump = async () => {
    while (open) {
      const messages = await services.store.conversations.listMessages(conversationId, lastSeq, PAGE);
      for (const message of messages) {
        if (!open) return;
        // JSON on one data line: line breaks in the text are escaped, so they cannot end the event.
        response.write(`id: ${message.seq}\nevent: message\ndata: ${JSON.stringify(toPublic(message))}\n\n`);
        lastSeq = message.seq;
      }
      if (messages.length < PAGE) await pause();
    }
  };
  pump().catch((error: unknown) => {
    services.log.warn('widget event stream failed', { conversationId, error: String(error) });
    stop();
  });
}
