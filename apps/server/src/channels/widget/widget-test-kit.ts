import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { User } from '@flowdesk/store';
import type { AppServices } from '../../app-deps.ts';
import { createServices } from '../../boot/app-services.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { createApp } from '../../http/create-app.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import {
  createRuntimeHarness,
  type RuntimeHarness,
  sequentialIds,
  ticketAndReplyFlow,
} from '../../runtime/runtime-test-kit.ts';
import { createCaller } from '../../trpc/_app.ts';
import { createInnerContext } from '../../trpc/context.ts';
import { updateChannel } from '../channel-settings.ts';

/**
 * A real runtime, the real app on an ephemeral port and a published flow that
 * opens a ticket and replies with its number: what the widget and progress
 * page tests talk to over HTTP. Only imported by tests.
 */

/** The shop site the test bed allows to embed the widget. */
export const WIDGET_TEST_ORIGIN = 'https://shop.example.cn';

export interface WidgetBed {
  harness: RuntimeHarness;
  services: AppServices;
  baseUrl: string;
  agent: User;
  /** tRPC as the agent, on the app's own services. */
  caller: ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/** Request received → create ticket → reply "received {{ message }}, ticket CS…" (+ `extra`, e.g. the link). */
export function replyWithTicketFlow(extra = '') {
  return ticketAndReplyFlow({
    title: 'Widget request',
    reply: {
      'zh-CN': `已收到：{{ request.message }}，工单号 {{ ticket.number }}${extra}`,
      en: `Received: {{ request.message }}, ticket {{ ticket.number }}${extra}`,
    },
  });
}

export async function startWidgetBed(): Promise<WidgetBed> {
  const harness = await createRuntimeHarness();
  // Listening first: the app is told its public URL (the links it makes), which is this port.
  let handle: RequestListener = (_request, response) => response.writeHead(503).end();
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services = createServices({
    store: harness.store,
    // The tests stand in for a reverse proxy: each gives its visitor an address with X-Forwarded-For.
    config: loadServerConfig({ FLOWDESK_TRUST_PROXY: '127.0.0.1' }),
    clock: harness.clock,
    ids: sequentialIds('http'),
    runtime: harness.runtime,
    links: new CustomerLinks(harness.store, baseUrl),
  });
  handle = createApp(services);
  const agent = await harness.store.users.create({
    id: 'user-agent',
    email: 'agent@example.com',
    name: 'Agent Li',
    role: 'agent',
    passwordHash: 'not-a-password-hash',
    locale: 'zh-CN',
    createdAt: harness.clock.now().toISOString(),
  });
  // The widget is off until a site is allowed; the tests' visitors come from this one.
  await updateChannel(
    harness.store,
    { channel: 'widget', settings: { allowedOrigins: [WIDGET_TEST_ORIGIN] } },
    harness.clock.now(),
  );
  await harness.publish('widget-intake', replyWithTicketFlow());
  return {
    harness,
    services,
    baseUrl,
    agent,
    caller: createCaller(createInnerContext({ services, user: agent })),
    async close() {
      await services.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await harness.close();
    },
  };
}

export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/** Reads a text/event-stream response event by event. */
export class SseReader {
  private buffer = '';
  private readonly events: SseEvent[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(response: Response) {
    if (!response.body) throw new Error('no body');
    this.reader = response.body.getReader();
  }

  /** The next event matching, reading more of the stream as needed. */
  async next(matches: (event: SseEvent) => boolean = () => true): Promise<SseEvent> {
    for (;;) {
      const index = this.events.findIndex(matches);
      if (index >= 0) return this.events.splice(index, 1)[0] as SseEvent;
      const { done, value } = await this.reader.read();
      if (done) throw new Error('the event stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
      this.parse();
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel();
  }

  private parse(): void {
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: SseEvent = { id: '', event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          event.data += line.slice(6);
          hasData = true;
        }
      }
      if (hasData) this.events.push(event);
      end = this.buffer.indexOf('\n\n');
    }
  }
}
