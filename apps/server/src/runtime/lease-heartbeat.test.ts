import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../app-deps.ts';
import type { IntakeRequest } from '../runtime-port.ts';
import { JobWorker } from './job-worker.ts';
import type { HeartbeatTimer } from './lease-heartbeat.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from './runtime-test-kit.ts';

const LEASE_MS = 30_000;

/** Beats only when the test says so, in step with the manual clock. */
class ManualHeartbeatTimer implements HeartbeatTimer {
  readonly intervals: number[] = [];
  private readonly beats = new Set<() => Promise<void>>();
  every(intervalMs: number, beat: () => Promise<void>): () => void {
    this.intervals.push(intervalMs);
    this.beats.add(beat);
    return () => this.beats.delete(beat);
  }
  get running(): number {
    return this.beats.size;
  }
  async fire(): Promise<void> {
    await Promise.all([...this.beats].map((beat) => beat()));
  }
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) };
}

/** An order system that answers only when the test releases it: the HTTP step outlasts the lease. */
class SlowOrderSystem {
  readonly waiting: ServerResponse[] = [];
  private server: Server | undefined;
  private arrived: (() => void) | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        this.waiting.push(response);
        this.arrived?.();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Resolves once `count` calls are being held. */
  async held(count: number): Promise<void> {
    while (this.waiting.length < count) {
      await new Promise<void>((resolve) => {
        this.arrived = resolve;
      });
    }
  }

  releaseAll(): void {
    for (const response of this.waiting.splice(0)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"shipped"}');
    }
  }

  async stop(): Promise<void> {
    this.releaseAll();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const request: IntakeRequest = {
  channel: 'chat',
  customer: { name: 'Wang' },
  message: 'where is my order',
  attachments: [],
  customFields: {},
  metadata: {},
};

describe('lease heartbeat of the job worker', () => {
  let harness: RuntimeHarness;
  let orders: SlowOrderSystem;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
    orders = new SlowOrderSystem();
    const url = await orders.start();
    await harness.publish(
      'lookup',
      graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('lookup', 'action.http_request', {
            method: 'GET',
            url: `${url}/orders`,
            timeoutMs: 10_000,
            responseMapping: [{ variable: 'orderStatus', path: 'status' }],
          }),
          node('done', 'action.end', { outcome: 'completed' }),
        ],
        [edge('start', 'next', 'lookup'), edge('lookup', 'next', 'done')],
      ),
    );
  });

  afterEach(async () => {
    await orders.stop();
    await harness.close();
  });

  function worker(workerId: string, timer: HeartbeatTimer, log: Logger = recordingLog()): JobWorker {
    return new JobWorker({
      store: harness.store,
      runner: harness.runtime.runner,
      clock: harness.clock,
      log,
      workerId,
      leaseMs: LEASE_MS,
      heartbeat: timer,
    });
  }

  async function startLookup(): Promise<string> {
    const { executionIds } = await harness.runtime.intake(request, { apiKeyId: 'k1' });
    return executionIds[0] as string;
  }

  it('keeps a job whose HTTP step outlasts the lease away from a second worker', async () => {
    const executionId = await startLookup();
    const beatsOfA = new ManualHeartbeatTimer();
    const first = worker('worker-a', beatsOfA);
    const second = worker('worker-b', new ManualHeartbeatTimer());

    const running = first.tick();
    await orders.held(1);
    expect(beatsOfA.intervals).toEqual([LEASE_MS / 3]);
    // Two minutes of a slow order system, beating every 10 seconds as the real timer would.
    for (let elapsed = 0; elapsed < 120_000; elapsed += 10_000) {
      harness.clock.advance(10_000);
      await beatsOfA.fire();
      expect(await second.tick()).toBe(0);
    }
    orders.releaseAll();
    expect(await running).toBe(1);

    const [job] = await harness.store.jobs.list();
    expect(job).toMatchObject({ status: 'completed', leasedBy: 'worker-a', attempts: 1 });
    expect(orders.waiting).toHaveLength(0);
    expect(beatsOfA.running).toBe(0);
    const execution = await harness.store.executions.get(executionId);
    expect(execution?.status).toBe('completed');
  });

  it('notices a lost lease and leaves the job to the worker that took it over', async () => {
    const executionId = await startLookup();
    const beatsOfA = new ManualHeartbeatTimer();
    const logOfA = recordingLog();
    const first = worker('worker-a', beatsOfA, logOfA);
    const second = worker('worker-b', new ManualHeartbeatTimer());

    const runningA = first.tick();
    await orders.held(1);
    // Worker A's process stalls past its lease: no beat reaches the database in time.
    harness.clock.advance(LEASE_MS);
    const runningB = second.tick();
    await orders.held(2);
    await beatsOfA.fire();
    expect(logOfA.warnings).toContain('job lease lost while it ran; its result will be refused');
    expect(beatsOfA.running).toBe(0);

    orders.releaseAll();
    expect(await runningA).toBe(1);
    expect(await runningB).toBe(1);
    expect(logOfA.warnings).toContain('job did not finish');
    const [job] = await harness.store.jobs.list();
    expect(job).toMatchObject({ status: 'completed', leasedBy: 'worker-b', attempts: 2 });
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
  });
});
