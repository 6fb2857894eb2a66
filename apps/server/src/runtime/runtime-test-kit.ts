import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { changeTicketStatus, deskActivities } from '@flowdesk/desk';
import {
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  getNodeType,
  type TicketStatus,
} from '@flowdesk/model';
import { openSqliteStore, type Store } from '@flowdesk/store';
import type { Clock, IdSource } from '../app-deps.ts';
import type { IntakeRequest } from '../runtime-port.ts';
import { defaultActivities } from './activities/default-activities.ts';
import { FlowRuntime } from './flow-runtime.ts';
import { ChannelOutbox } from './outbox/channel-outbox.ts';
import { connectChannels } from './outbox/outbox-channels.ts';
import { PublishedFlows } from './published-flows.ts';

/** Test helpers for the runtime: a clock tests move by hand, ids in order, a webhook sink. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-22T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function sequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}

export interface ReceivedHook {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server that records what it receives and can be told to fail or answer JSON. */
export class HttpSink {
  readonly received: ReceivedHook[] = [];
  failuresLeft = 0;
  responses = new Map<string, { status: number; body: unknown }>();
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        if (this.failuresLeft > 0) {
          this.failuresLeft--;
          response.writeHead(503).end();
          return;
        }
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const canned = this.responses.get(path);
        response.writeHead(canned?.status ?? 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(canned?.body ?? { ok: true }));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export function node(id: string, type: string, config?: Record<string, unknown>): FlowNode {
  const example = getNodeType(type)?.example as Record<string, unknown> | undefined;
  return { id, type, config: config ?? structuredClone(example ?? {}), position: { x: 0, y: 0 } };
}

export function edge(source: string, sourcePort: string, target: string): FlowEdge {
  return { id: `${source}-${sourcePort}-${target}`, source, sourcePort, target };
}

export function graph(nodes: FlowNode[], edges: FlowEdge[]): FlowGraph {
  return { nodes, edges, settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] } };
}

export function webhookNode(id: string, url: string, body: string): FlowNode {
  return node(id, 'action.send_message', { channel: 'webhook', url, body: { 'zh-CN': body, en: body } });
}

/** Where most runtime test flows begin: a request trigger, then a ticket titled and described by the message (joined by `edge('start', 'next', 'ticket')`). */
export function requestTicketNodes(): FlowNode[] {
  return [
    node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
    node('ticket', 'action.create_ticket', {
      title: '{{ request.message }}',
      description: '{{ request.message }}',
      priority: 'auto',
      customFields: {},
    }),
  ];
}

/** An email from 王小明 as the intake takes it, with what the test says on top. */
export function emailRequest(
  overrides: Partial<IntakeRequest> & Pick<IntakeRequest, 'message'>,
): IntakeRequest {
  return {
    channel: 'email',
    customer: { name: '王小明', email: 'wang@example.cn' },
    attachments: [],
    customFields: {},
    metadata: {},
    ...overrides,
  };
}

export interface RuntimeHarness {
  store: Store;
  clock: ManualClock;
  runtime: FlowRuntime;
  publish(flowId: string, flowGraph: FlowGraph): Promise<number>;
  /** Runs due jobs until none is left. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function createRuntimeHarness(
  options: {
    path?: string;
    outbox?: ChannelOutbox;
    surveyLink?: (token: string) => string;
    ticketLink?: (ticketNumber: string, now: Date) => string;
  } = {},
): Promise<RuntimeHarness> {
  const store = await openSqliteStore({ path: options.path ?? ':memory:' });
  const clock = new ManualClock();
  const ids = sequentialIds();
  const flows = new PublishedFlows(store);
  const listensTo = (event: string) => flows.listensToTicketEvent('default', event);
  const runtime = new FlowRuntime({
    store,
    clock,
    ids,
    flows,
    activities: defaultActivities(
      { allowPrivateNetworks: true },
      deskActivities({
        clock,
        ids,
        listensTo,
        ...(options.surveyLink ? { surveyLink: options.surveyLink } : {}),
        ...(options.ticketLink ? { ticketLink: options.ticketLink } : {}),
      }),
    ),
    outbox:
      options.outbox ??
      new ChannelOutbox({ secret: 'test-secret', now: () => clock.now(), allowPrivateNetworks: true }),
    workerId: 'test-worker',
  });
  return {
    store,
    clock,
    runtime,
    async publish(flowId, flowGraph) {
      const now = clock.now().toISOString();
      if (!(await store.flows.get(flowId))) {
        await store.flows.create({
          id: flowId,
          workspaceId: 'default',
          name: flowId,
          draft: flowGraph,
          createdBy: 'u1',
          now,
        });
      }
      const version = await store.versions.publish(flowId, flowGraph, 'test', 'u1', now);
      runtime.flowsChanged();
      return version.version;
    },
    async drain() {
      let total = 0;
      for (let round = 0; round < 50; round++) {
        const ran = await runtime.worker.tick();
        await runtime.worker.settled();
        total += ran;
        if (ran === 0) break;
      }
      return total;
    },
    close: () => store.close(),
  };
}

/**
 * The flow most channel tests need: a request on these channels opens a
 * ticket (titled with the message) and replies on the same channel.
 */
export function ticketAndReplyFlow(options: {
  channels?: string[];
  title?: string;
  reply: { 'zh-CN': string; en: string };
}): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', {
        channels: options.channels ?? [],
        categories: [],
        keywords: [],
      }),
      node('ticket', 'action.create_ticket', {
        title: options.title ?? '{{ request.message }}',
        description: '{{ request.message }}',
        priority: 'medium',
        customFields: {},
      }),
      node('ack', 'action.send_message', { channel: 'reply', to: 'customer', body: options.reply }),
      node('done', 'action.end', { outcome: 'completed' }),
    ],
    [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'ack'), edge('ack', 'next', 'done')],
  );
}

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
}

/** An outbox whose email channel keeps what it would have sent, for tests that read the mails. */
export function capturingOutbox(): { outbox: ChannelOutbox; mails: CapturedMail[] } {
  const mails: CapturedMail[] = [];
  const email = {
    send: async (message: CapturedMail) => {
      mails.push({ to: message.to, subject: message.subject, text: message.text });
    },
  };
  return { outbox: connectChannels(new ChannelOutbox(), { email }), mails };
}

/** An agent changes a ticket's status, emitting the ticket events the runtime's flows listen to. */
export function setTicketStatus(
  harness: RuntimeHarness,
  ids: IdSource,
  ticketNumber: string,
  status: TicketStatus,
): Promise<void> {
  return harness.store.transaction(async (tx) => {
    const ticket = await tx.tickets.getByNumber(ticketNumber);
    const changed = await changeTicketStatus(
      {
        tx,
        deps: {
          clock: harness.clock,
          ids,
          listensTo: (event) => harness.runtime.flows.listensToTicketEvent('default', event),
        },
      },
      ticket?.id ?? '',
      status,
      { actor: { kind: 'user', id: 'agent-li' }, ...(status === 'resolved' ? { solution: 'done' } : {}) },
    );
    if (!changed.ok) throw new Error(`status change refused: ${changed.error.code}`);
  });
}

/** A runtime harness and a webhook sink, for flows whose outcomes are told by the webhooks they call. */
export interface HarnessWithSink {
  harness: RuntimeHarness;
  sink: HttpSink;
  /** The sink's base URL, for webhook nodes. */
  url: string;
  close(): Promise<void>;
}

export async function startHarnessWithSink(): Promise<HarnessWithSink> {
  const harness = await createRuntimeHarness();
  const sink = new HttpSink();
  const url = await sink.start();
  return {
    harness,
    sink,
    url,
    async close() {
      await harness.close();
      await sink.stop();
    },
  };
}
