import { signWebhook } from '@flowdesk/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../runtime-port.ts';
import {
  edge,
  graph,
  type HarnessWithSink,
  type HttpSink,
  node,
  type RuntimeHarness,
  startHarnessWithSink,
  webhookNode,
} from './runtime-test-kit.ts';

const HOUR = 3_600_000;

function request(message: string, overrides: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    channel: 'api',
    customer: { name: '王小明', phone: '13812345678' },
    message,
    attachments: [],
    customFields: {},
    metadata: {},
    ...overrides,
  };
}

function acknowledgeThenFollowUp(url: string, followUpText: string) {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('is-api', 'logic.condition', {
        mode: 'rules',
        rules: {
          kind: 'group',
          combinator: 'all',
          children: [{ kind: 'rule', field: 'request.channel', operator: 'equals', value: 'api' }],
        },
      }),
      webhookNode('ack', `${url}/ack`, '收到 {{ request.customer.name }}：{{ request.message }}'),
      node('wait', 'timing.wait', { mode: 'duration', duration: { amount: 1, unit: 'hours' } }),
      webhookNode('follow-up', `${url}/follow-up`, followUpText),
    ],
    [
      edge('start', 'next', 'is-api'),
      edge('is-api', 'true', 'ack'),
      edge('ack', 'next', 'wait'),
      edge('wait', 'next', 'follow-up'),
    ],
  );
}

describe('FlowRuntime', () => {
  let setup: HarnessWithSink;
  let harness: RuntimeHarness;
  let sink: HttpSink;
  let url: string;

  beforeEach(async () => {
    setup = await startHarnessWithSink();
    ({ harness, sink, url } = setup);
  });
  afterEach(() => setup.close());

  it('runs a request to its first wait, records the steps and delivers the message once', async () => {
    await harness.publish('ack', acknowledgeThenFollowUp(url, 'v1 follow-up'));
    const result = await harness.runtime.intake(request('订单 {{ 7*7 }} 还没到 {% raw %}'), {
      apiKeyId: 'k1',
    });

    expect(result.executionIds).toHaveLength(1);
    const executionId = result.executionIds[0] as string;
    const record = await harness.store.executions.get(executionId);
    expect(record?.status).toBe('waiting');
    const steps = await harness.store.executions.listSteps(executionId);
    expect(steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['start', 'next'],
      ['is-api', 'true'],
      ['ack', 'next'],
    ]);

    expect(sink.received).toHaveLength(0);
    await harness.drain();
    await harness.drain();
    expect(sink.received).toHaveLength(1);
    const hook = sink.received[0];
    expect(hook?.path).toBe('/ack');
    expect(hook?.headers['idempotency-key']).toBe(`${executionId}:ack:1`);
    expect(JSON.parse(hook?.body ?? '{}').body).toBe('收到 王小明：订单 {{ 7*7 }} 还没到 {% raw %}');
    const timestamp = Number(hook?.headers['webhook-timestamp']);
    expect(hook?.headers['webhook-signature']).toBe(
      signWebhook('test-secret', `${executionId}:ack:1`, timestamp, hook?.body ?? ''),
    );
  });

  it('never fires a timer early and finishes after it fires', async () => {
    await harness.publish('ack', acknowledgeThenFollowUp(url, 'later'));
    const { executionIds } = await harness.runtime.intake(request('hello'), { apiKeyId: 'k1' });
    const executionId = executionIds[0] as string;
    await harness.drain();

    harness.clock.advance(HOUR - 60_000);
    await harness.drain();
    expect((await harness.store.executions.get(executionId))?.status).toBe('waiting');

    harness.clock.advance(60_000);
    await harness.drain();
    await harness.drain();
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    expect(sink.received.map((hook) => hook.path)).toEqual(['/ack', '/follow-up']);
  });

  it('keeps a waiting execution on the version it started with', async () => {
    await harness.publish('ack', acknowledgeThenFollowUp(url, 'from version 1'));
    const { executionIds } = await harness.runtime.intake(request('hi'), { apiKeyId: 'k1' });
    expect(await harness.publish('ack', acknowledgeThenFollowUp(url, 'from version 2'))).toBe(2);

    harness.clock.advance(HOUR);
    await harness.drain();
    await harness.drain();
    const followUp = sink.received.find((hook) => hook.path === '/follow-up');
    expect(JSON.parse(followUp?.body ?? '{}').body).toBe('from version 1');
    const record = await harness.store.executions.get(executionIds[0] as string);
    expect(record).toMatchObject({ version: 1, status: 'completed' });

    const second = await harness.runtime.intake(request('again'), { apiKeyId: 'k1' });
    expect((await harness.store.executions.get(second.executionIds[0] as string))?.version).toBe(2);
  });

  it('retries a failed delivery with backoff and delivers it once', async () => {
    await harness.publish('ack', acknowledgeThenFollowUp(url, 'x'));
    await harness.runtime.intake(request('hi'), { apiKeyId: 'k1' });
    sink.failuresLeft = 2;
    await harness.drain();
    expect(sink.received).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      harness.clock.advance(60_000);
      await harness.drain();
    }
    expect(sink.received.filter((hook) => hook.path === '/ack')).toHaveLength(1);
    const [job] = await harness.store.jobs.list({ kind: 'outbox.deliver' });
    expect(job).toMatchObject({ status: 'completed', attempts: 3 });
  });

  it('starts nothing for a request no published flow matches', async () => {
    const onlyWechat = acknowledgeThenFollowUp(url, 'x');
    (onlyWechat.nodes[0] as { config: Record<string, unknown> }).config.channels = ['wechat'];
    await harness.publish('wechat-only', onlyWechat);
    const result = await harness.runtime.intake(request('hi'), { apiKeyId: 'k1' });
    expect(result.executionIds).toEqual([]);
    expect((await harness.store.executions.list()).items).toHaveLength(0);
  });

  it('turns a failing HTTP call into an incident that can be retried', async () => {
    sink.responses.set('/orders', { status: 500, body: { error: 'down' } });
    await harness.publish(
      'lookup',
      graph(
        [
          node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
          node('lookup', 'action.http_request', {
            method: 'GET',
            url: `${url}/orders`,
            responseMapping: [{ variable: 'orderStatus', path: 'status' }],
          }),
          webhookNode('tell', `${url}/tell`, '订单状态：{{ variables.orderStatus }}'),
        ],
        [edge('start', 'next', 'lookup'), edge('lookup', 'next', 'tell')],
      ),
    );
    const { executionIds } = await harness.runtime.intake(request('where is my order'), { apiKeyId: 'k1' });
    const executionId = executionIds[0] as string;
    expect((await harness.store.executions.get(executionId))?.status).toBe('running');
    await harness.drain();
    const failed = await harness.store.executions.get(executionId);
    expect(failed?.status).toBe('failed');
    expect((failed?.state as { incident?: { nodeId: string } } | undefined)?.incident?.nodeId).toBe('lookup');

    sink.responses.set('/orders', { status: 200, body: { status: '已发货' } });
    expect(await harness.runtime.retryExecution(executionId, 'u1')).toMatchObject({
      ok: true,
      status: 'running',
    });
    await harness.drain();
    await harness.drain();
    expect((await harness.store.executions.get(executionId))?.status).toBe('completed');
    const tell = sink.received.find((hook) => hook.path === '/tell');
    expect(JSON.parse(tell?.body ?? '{}').body).toBe('订单状态：已发货');
    expect(sink.received.filter((hook) => hook.path === '/orders')).toHaveLength(2);
  });

  it('starts the flows an external event names, and none for another name', async () => {
    await harness.publish(
      'shipped',
      graph(
        [
          node('start', 'trigger.external_event', { eventName: 'order.shipped' }),
          webhookNode('tell', `${url}/shipped`, '订单 {{ event.payload.orderId }} 已发货'),
        ],
        [edge('start', 'next', 'tell')],
      ),
    );
    const shipped = await harness.runtime.emitEvent({
      name: 'order.shipped',
      payload: { orderId: 'A-1001' },
    });
    expect(shipped.executionIds).toHaveLength(1);
    expect((await harness.runtime.emitEvent({ name: 'order.cancelled', payload: {} })).executionIds).toEqual(
      [],
    );
    await harness.drain();
    expect(sink.received.map((hook) => JSON.parse(hook.body).body)).toEqual(['订单 A-1001 已发货']);
    expect((await harness.store.executions.get(shipped.executionIds[0] as string))?.status).toBe('completed');
  });
});
