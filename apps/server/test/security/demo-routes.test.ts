import { getNodeType } from '@flowdesk/model';
import { openSqliteStore, type Store } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app-deps.ts';
import { createRuntime } from '../../src/boot/create-runtime.ts';
import { CustomerLinks } from '../../src/links/customer-links.ts';
import { IntakeRequestSchema } from '../../src/rest/intake.schema.ts';
import {
  edge,
  graph,
  HttpSink,
  ManualClock,
  node,
  sequentialIds,
} from '../../src/runtime/runtime-test-kit.ts';

/**
 * Finding 5 (demo): in demo mode (the default) the private-network guard
 * trusted `<public URL>/demo/`, and the default public URL is
 * http://localhost:3000: a flow's HTTP step could reach whatever listens there
 * on this machine. Now demo calls are answered inside the process and the
 * guard trusts nothing. The "service at the public URL" here is a loopback sink.
 */

const lookup = (url: string) =>
  node(
    'lookup',
    'action.http_request',
    getNodeType('action.http_request')?.configSchema.parse({
      url,
      responseMapping: [{ variable: 'orderStatus', path: 'order.status' }],
    }) as Record<string, unknown>,
  );

describe('demo services and the private-network guard', () => {
  const sink = new HttpSink();
  let sinkUrl: string;
  const stores: Store[] = [];

  beforeEach(async () => {
    sinkUrl = await sink.start();
  });

  afterEach(async () => {
    await sink.stop();
    for (const store of stores.splice(0)) await store.close();
  });

  /** Runs a request → HTTP step → end flow with the production runtime wiring; returns the step's output. */
  async function runLookup(url: string, demo: boolean) {
    const store = await openSqliteStore({ path: ':memory:' });
    stores.push(store);
    const clock = new ManualClock();
    const runtime = createRuntime(
      store,
      clock,
      sequentialIds(),
      { workers: false, allowPrivateNetworks: false, demo, publicUrl: sinkUrl },
      silentLogger,
      {},
      new CustomerLinks(store, sinkUrl),
    );
    const flow = graph(
      [
        node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
        lookup(url),
        node('end', 'action.end', { outcome: 'completed' }),
      ],
      [edge('start', 'next', 'lookup'), edge('lookup', 'next', 'end'), edge('lookup', 'error', 'end')],
    );
    const now = clock.now().toISOString();
    const id = `f-${Math.random().toString(36).slice(2)}`;
    await store.flows.create({ id, workspaceId: 'default', name: id, draft: flow, createdBy: 't', now });
    await store.versions.publish(id, flow, 'test', 't', now);
    runtime.flowsChanged();
    const started = await runtime.intake(
      IntakeRequestSchema.parse({ channel: 'api', message: 'where is my order' }),
      {},
    );
    for (let round = 0; round < 20 && (await runtime.worker.tick()) > 0; round++);
    const steps = await store.executions.listSteps(started.executionIds[0] as string);
    return steps.find((step) => step.nodeId === 'lookup');
  }

  it('answers a demo lookup in this process and never reaches what listens at the public URL', async () => {
    const step = await runLookup(`${sinkUrl}/demo/orders/DD1001`, true);
    expect(step?.output).toMatchObject({ variables: { orderStatus: 'shipped' } });
    expect(sink.received).toEqual([]);
  });

  it('trusts no other address at the public URL in demo mode', async () => {
    for (const url of [
      `${sinkUrl}/api/v1/requests`,
      `${sinkUrl}/demo/../admin`,
      `${sinkUrl}/demox/orders/1`,
    ]) {
      const step = await runLookup(url, true);
      expect(step?.port).toBe('error');
    }
    expect(sink.received).toEqual([]);
  });

  it('outside demo mode, /demo/ on this machine is refused like any private address', async () => {
    const step = await runLookup(`${sinkUrl}/demo/orders/DD1001`, false);
    expect(step?.port).toBe('error');
    expect(sink.received).toEqual([]);
  });
});
