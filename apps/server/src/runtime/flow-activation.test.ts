import type { RuleGroup } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCode } from '../messages/describe-code.ts';
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

function request(overrides: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    channel: 'api',
    customer: { name: '王小明', phone: '13812345678' },
    message: '我要投诉，订单一直没到',
    attachments: [],
    customFields: {},
    metadata: {},
    ...overrides,
  };
}

function entry(...children: RuleGroup['children']): RuleGroup {
  return { kind: 'group', combinator: 'all', children };
}

/** A request flow that tells the sink it started, with the given trigger config on top of "any request". */
function intakeFlow(url: string, name: string, trigger: Record<string, unknown> = {}) {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [], ...trigger }),
      webhookNode('hello', `${url}/${name}`, name),
    ],
    [edge('start', 'next', 'hello')],
  );
}

/** Starts, waits an hour, then tells the sink it finished. */
function waitingFlow(url: string) {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('wait', 'timing.wait', { mode: 'duration', duration: { amount: 1, unit: 'hours' } }),
      webhookNode('finished', `${url}/finished`, 'finished'),
    ],
    [edge('start', 'next', 'wait'), edge('wait', 'next', 'finished')],
  );
}

async function startedFlows(harness: RuntimeHarness, executionIds: readonly string[]): Promise<string[]> {
  const records = await Promise.all(executionIds.map((id) => harness.store.executions.get(id)));
  return records.map((record) => record?.flowId ?? 'missing');
}

describe('which flows handle a request', () => {
  let setup: HarnessWithSink;
  let harness: RuntimeHarness;
  let sink: HttpSink;
  let url: string;

  beforeEach(async () => {
    setup = await startHarnessWithSink();
    ({ harness, sink, url } = setup);
  });
  afterEach(() => setup.close());

  it('starts exactly one execution when two live flows have exclusive triggers: the first in the order', async () => {
    await harness.publish('intake-a', intakeFlow(url, 'a', { exclusive: true }));
    await harness.publish('intake-b', intakeFlow(url, 'b', { exclusive: true }));

    const first = await harness.runtime.intake(request(), {});
    expect(await startedFlows(harness, first.executionIds)).toEqual(['intake-a']);

    expect(await harness.store.flows.move('intake-b', 'up')).toBe('moved');
    harness.runtime.flowsChanged();
    const second = await harness.runtime.intake(request(), {});
    expect(await startedFlows(harness, second.executionIds)).toEqual(['intake-b']);
  });

  it('lets flows before an exclusive one run too, and none after it', async () => {
    await harness.publish('log', intakeFlow(url, 'log'));
    await harness.publish('intake', intakeFlow(url, 'intake', { exclusive: true }));
    await harness.publish('demo', intakeFlow(url, 'demo'));

    const result = await harness.runtime.intake(request(), {});
    expect(await startedFlows(harness, result.executionIds)).toEqual(['log', 'intake']);
  });

  it('skips an exclusive flow whose conditions do not hold, so a later flow takes the request', async () => {
    await harness.publish(
      'wechat-only',
      intakeFlow(url, 'wechat', {
        exclusive: true,
        entry: entry({ kind: 'rule', field: 'request.channel', operator: 'equals', value: 'wechat' }),
      }),
    );
    await harness.publish('fallback', intakeFlow(url, 'fallback', { exclusive: true }));

    const api = await harness.runtime.intake(request(), {});
    expect(await startedFlows(harness, api.executionIds)).toEqual(['fallback']);
    const wechat = await harness.runtime.intake(request({ channel: 'wechat' }), {});
    expect(await startedFlows(harness, wechat.executionIds)).toEqual(['wechat-only']);
  });

  it('fails closed when an exclusive flow cannot evaluate its entry conditions: no later flow takes the request', async () => {
    // Fifty pattern matches over a 10,000-character message: more work than one step may do.
    const heavy = {
      kind: 'rule',
      field: 'request.message',
      operator: 'matches',
      value: '(\\w+\\s?){1,20}$',
    } as const;
    await harness.publish('log', intakeFlow(url, 'log'));
    await harness.publish(
      'complaints',
      intakeFlow(url, 'complaints', { exclusive: true, entry: entry(...Array(50).fill(heavy)) }),
    );
    await harness.publish('fallback', intakeFlow(url, 'fallback', { exclusive: true }));

    const result = await harness.runtime.intake(request({ message: 'x'.repeat(10_000) }), {});
    await harness.drain();
    expect(await startedFlows(harness, result.executionIds)).toEqual(['log', 'complaints']);
    expect(sink.received.map((hook) => hook.path)).toEqual(['/log']);
    // The admin finds it in the executions list: the exclusive flow failed at its trigger, with a translated incident.
    const failed = await harness.store.executions.get(result.executionIds[1] as string);
    expect(failed?.status).toBe('failed');
    const incident = failed?.state.incident as {
      nodeId: string;
      code: string;
      params: Record<string, string>;
    };
    expect(incident).toMatchObject({
      nodeId: 'start',
      code: 'runtime.exclusive_entry_failed',
      retryable: false,
    });
    const message = describeCode(incident.code, incident.params);
    expect(message.en).toContain('later flows did not handle the request');
    expect(message.en).toContain('more work');
    expect(message['zh-CN']).toContain('后续流程');
    const steps = await harness.store.executions.listSteps(failed?.id as string);
    expect(steps.map((step) => [step.nodeId, step.error?.code])).toEqual([
      ['start', 'runtime.exclusive_entry_failed'],
    ]);

    // Conditions that evaluate to false still let the later flow take the request.
    const short = await harness.runtime.intake(request(), {});
    expect(await startedFlows(harness, short.executionIds)).toEqual(['log', 'fallback']);
  });

  it('skips a flow that is not exclusive when its entry conditions cannot be evaluated, and later flows still run', async () => {
    const heavy = {
      kind: 'rule',
      field: 'request.message',
      operator: 'matches',
      value: '(\\w+\\s?){1,20}$',
    } as const;
    await harness.publish(
      'complaints',
      intakeFlow(url, 'complaints', { entry: entry(...Array(50).fill(heavy)) }),
    );
    await harness.publish('fallback', intakeFlow(url, 'fallback', { exclusive: true }));

    const result = await harness.runtime.intake(request({ message: 'x'.repeat(10_000) }), {});
    expect(await startedFlows(harness, result.executionIds)).toEqual(['fallback']);
  });

  it('selects flows by entry conditions on the entry page, a custom field and the customer segment', async () => {
    await harness.store.customers.create({
      id: 'vip-1',
      workspaceId: 'default',
      name: '李娜',
      vipLevel: 3,
      tags: ['wholesale'],
      identities: [{ kind: 'phone', value: '13900000001' }],
      now: harness.clock.now().toISOString(),
    });
    await harness.publish(
      'help-centre',
      intakeFlow(url, 'help', {
        entry: entry({
          kind: 'rule',
          field: 'request.metadata.sourcePage',
          operator: 'starts_with',
          value: 'https://help.example.cn',
        }),
      }),
    );
    await harness.publish(
      'brand-youpin',
      intakeFlow(url, 'brand', {
        entry: entry({
          kind: 'rule',
          field: 'request.customFields.brand',
          operator: 'equals',
          value: '优品',
        }),
      }),
    );
    await harness.publish(
      'vip',
      intakeFlow(url, 'vip', {
        entry: entry(
          { kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 },
          { kind: 'rule', field: 'customer.tags', operator: 'contains', value: 'wholesale' },
        ),
      }),
    );

    const plain = await harness.runtime.intake(request(), {});
    expect(plain.executionIds).toEqual([]);
    const fromHelp = await harness.runtime.intake(
      request({ metadata: { sourcePage: 'https://help.example.cn/orders' } }),
      {},
    );
    expect(await startedFlows(harness, fromHelp.executionIds)).toEqual(['help-centre']);
    const brand = await harness.runtime.intake(request({ customFields: { brand: '优品' } }), {});
    expect(await startedFlows(harness, brand.executionIds)).toEqual(['brand-youpin']);
    const vip = await harness.runtime.intake(request({ customer: { phone: '13900000001' } }), {});
    expect(await startedFlows(harness, vip.executionIds)).toEqual(['vip']);
  });

  it('turned off, a flow starts nothing new while its waiting execution still finishes', async () => {
    await harness.publish('follow-up', waitingFlow(url));
    const before = await harness.runtime.intake(request(), {});
    expect(before.executionIds).toHaveLength(1);
    const waiting = before.executionIds[0] as string;
    expect((await harness.store.executions.get(waiting))?.status).toBe('waiting');

    expect(await harness.store.flows.setEnabled('follow-up', false)).toBe(true);
    harness.runtime.flowsChanged();
    const after = await harness.runtime.intake(request(), {});
    expect(after.executionIds).toEqual([]);

    harness.clock.advance(HOUR);
    await harness.drain();
    expect((await harness.store.executions.get(waiting))?.status).toBe('completed');
    expect(sink.received.map((hook) => hook.path)).toEqual(['/finished']);

    expect(await harness.store.flows.setEnabled('follow-up', true)).toBe(true);
    harness.runtime.flowsChanged();
    expect((await harness.runtime.intake(request(), {})).executionIds).toHaveLength(1);
  });

  it('lets entry conditions choose among flows on the same external event too', async () => {
    const eventFlow = (name: string, entryGroup?: RuleGroup) =>
      graph(
        [
          node('start', 'trigger.external_event', {
            eventName: 'order.shipped',
            ...(entryGroup ? { entry: entryGroup } : {}),
          }),
          webhookNode('hello', `${url}/${name}`, name),
        ],
        [edge('start', 'next', 'hello')],
      );
    await harness.publish(
      'east-only',
      eventFlow(
        'east',
        entry({ kind: 'rule', field: 'event.payload.region', operator: 'equals', value: '华东' }),
      ),
    );
    await harness.publish('everyone', eventFlow('everyone'));

    const west = await harness.runtime.emitEvent({ name: 'order.shipped', payload: { region: '华南' } });
    expect(await startedFlows(harness, west.executionIds)).toEqual(['everyone']);
    const east = await harness.runtime.emitEvent({ name: 'order.shipped', payload: { region: '华东' } });
    expect(await startedFlows(harness, east.executionIds)).toEqual(['east-only', 'everyone']);
  });
});
