import type { FlowGraph } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.ts';
import {
  createRuntimeHarness,
  edge,
  emailRequest,
  graph,
  node,
  type RuntimeHarness,
} from '../runtime-test-kit.ts';
import { runShadow, SHADOW_RUN_MAX_REQUESTS } from './shadow-run.ts';

/** Requests that mention the keyword go to the VIP team, the rest to after-sales. */
function routingFlow(keyword: string, vipPriority = 'high'): FlowGraph {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: [], categories: [], keywords: [] }),
      node('is-vip', 'logic.condition', {
        mode: 'rules',
        rules: {
          kind: 'group',
          combinator: 'all',
          children: [{ kind: 'rule', field: 'request.message', operator: 'contains', value: keyword }],
        },
      }),
      node('vip-ticket', 'action.create_ticket', {
        title: '{{ request.message }}',
        description: '',
        priority: vipPriority,
        team: 'vip',
        customFields: {},
      }),
      node('normal-ticket', 'action.create_ticket', {
        title: '{{ request.message }}',
        description: '',
        priority: 'medium',
        team: 'after-sales',
        customFields: {},
      }),
    ],
    [
      edge('start', 'next', 'is-vip'),
      edge('is-vip', 'true', 'vip-ticket'),
      edge('is-vip', 'false', 'normal-ticket'),
    ],
  );
}

const MESSAGES = ['金卡会员 退款', '普通咨询', '退款 进度', '金卡会员 换货', '发票', '退款'];

/** Every write method of every repository throws; reads go through. */
function readOnly(store: StoreRepositories): StoreRepositories {
  const reads = /^(get|list|find|count|latest|current|queueStats|search|for)/;
  return new Proxy(store, {
    get(target, key) {
      const repository = Reflect.get(target, key) as unknown;
      if (typeof key !== 'string' || typeof repository !== 'object' || repository === null) return repository;
      return new Proxy(repository, {
        get(repo, method) {
          const value = Reflect.get(repo, method) as unknown;
          if (typeof value !== 'function') return value;
          if (typeof method === 'string' && !reads.test(method)) {
            throw new Error(`shadow run wrote: ${key}.${method}`);
          }
          return (value as (...args: unknown[]) => unknown).bind(repo);
        },
      });
    },
  });
}

describe('shadow run', () => {
  let harness: RuntimeHarness;
  let live: FlowGraph;

  beforeEach(async () => {
    harness = await createRuntimeHarness();
    live = routingFlow('金卡会员');
    await harness.publish('returns', live);
    for (const message of MESSAGES) {
      await harness.runtime.intake(emailRequest({ message }), {});
      harness.clock.advance(60_000);
    }
  });
  afterEach(() => harness.close());

  const input = (draft: FlowGraph, selection: { last: number } = { last: 500 }) => ({
    flowId: 'returns',
    live: { version: 1, graph: live },
    draft,
    selection,
  });

  it('reports no change for a draft that is the live version', async () => {
    const result = await runShadow(harness.store, input(live));
    expect(result.report.replayed).toBe(6);
    expect(result.report.changedCount).toBe(0);
    expect(result.report.groups).toEqual([]);
    expect(result.report.live.teams).toEqual({ 'after-sales': 4, vip: 2 });
    expect(result.report.draft).toEqual(result.report.live);
  });

  it('groups the requests a changed condition sends to another team, with both traces', async () => {
    const result = await runShadow(harness.store, input(routingFlow('退款')));
    const report = result.report;
    // 退款 appears in three messages; one of them (金卡会员 退款) already went to VIP, 金卡会员 换货 leaves VIP.
    expect(report.changedCount).toBe(3);
    const toVip = report.groups.find((group) => group.kind === 'team' && group.to === 'vip');
    expect(toVip).toMatchObject({ from: 'after-sales', count: 2, share: 2 / 6 });
    const fromVip = report.groups.find((group) => group.kind === 'team' && group.from === 'vip');
    expect(fromVip).toMatchObject({ to: 'after-sales', count: 1 });
    expect(report.draft.teams).toEqual({ 'after-sales': 3, vip: 3 });
    expect(report.draft.branches['is-vip:true']).toBe(3);
    const one = result.requests.find((request) => request.executionId === toVip?.executionIds[0]);
    expect(one?.live.path).toEqual(['start', 'is-vip', 'normal-ticket']);
    expect(one?.draft.path).toEqual(['start', 'is-vip', 'vip-ticket']);
  });

  it('gives the same report for the same draft and requests', async () => {
    const first = await runShadow(harness.store, input(routingFlow('退款', 'urgent')));
    const second = await runShadow(harness.store, input(routingFlow('退款', 'urgent')));
    expect(JSON.stringify(second.report)).toBe(JSON.stringify(first.report));
    expect(first.report.groups.some((group) => group.kind === 'priority' && group.to === 'urgent')).toBe(
      true,
    );
  });

  it('writes no execution, ticket or outbox job', async () => {
    const before = {
      executions: (await harness.store.executions.list({ limit: 500 })).items.length,
      tickets: (await harness.store.tickets.list()).length,
      jobs: await harness.store.jobs.queueStats(harness.clock.now().toISOString()),
    };
    await runShadow(readOnly(harness.store), input(routingFlow('退款')));
    expect((await harness.store.executions.list({ limit: 500 })).items.length).toBe(before.executions);
    expect((await harness.store.tickets.list()).length).toBe(before.tickets);
    expect(await harness.store.jobs.queueStats(harness.clock.now().toISOString())).toEqual(before.jobs);
  });

  it('replays only the last N requests, and refuses more than the limit', async () => {
    const result = await runShadow(harness.store, input(live, { last: 2 }));
    expect(result.report.replayed).toBe(2);
    await expect(
      runShadow(harness.store, input(live, { last: SHADOW_RUN_MAX_REQUESTS + 1 })),
    ).rejects.toMatchObject({ code: 'shadow_limit' });
  });

  it('refuses an empty history with a translated error', async () => {
    const error = await runShadow(harness.store, { ...input(live), flowId: 'nothing-ran' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('shadow_empty_history');
    expect((error as AppError).messages['zh-CN']).toContain('没有');
  });

  it('reports a request whose stored data no longer parses and replays the rest', async () => {
    await harness.store.executions.create({
      id: 'broken',
      flowId: 'returns',
      version: 1,
      status: 'completed',
      state: { nonsense: true },
      startedAt: harness.clock.now().toISOString(),
    });
    const result = await runShadow(harness.store, input(live));
    expect(result.report.replayed).toBe(6);
    expect(result.report.skipped).toEqual([
      expect.objectContaining({ executionId: 'broken', reason: 'state_unreadable' }),
    ]);
  });

  it('says which executions it skipped and why: other triggers than requests and events are not replayed', async () => {
    const startedAt = harness.clock.now().toISOString();
    const started = (id: string, data: Record<string, unknown>) =>
      harness.store.executions.create({
        id,
        flowId: 'returns',
        version: 1,
        status: 'completed',
        state: {
          executionId: id,
          flowId: 'returns',
          version: 1,
          status: 'completed',
          data: { variables: {}, ...data },
          cursor: { nodeId: 'start', visit: 1 },
          seq: 0,
          stepSeq: 0,
          visits: {},
          pending: null,
          startedAt,
          updatedAt: startedAt,
          finishedAt: startedAt,
        },
        startedAt,
      });
    await started('by-anomaly', { anomaly: { id: 'an-1', kind: 'volume' } });
    await started('by-survey', { survey: { id: 'sv-1', score: 2 }, customer: { id: 'c-1' } });
    await started('by-survey-2', { survey: { id: 'sv-2', score: 5 } });
    await started('no-trigger', {});
    const result = await runShadow(harness.store, input(live));
    expect(result.report.replayed).toBe(6);
    expect(result.coverage.found).toBe(10);
    expect(result.report.skippedBy).toEqual({
      no_trigger_data: 1,
      'trigger_not_replayed:trigger.anomaly_detected': 1,
      'trigger_not_replayed:trigger.survey_answered': 2,
    });
    expect(result.report.skipped).toContainEqual({
      executionId: 'by-anomaly',
      reason: 'trigger_not_replayed',
      detail: 'trigger.anomaly_detected',
    });
  });

  it('stops between chunks when cancelled and says the report is partial', async () => {
    const progress: number[] = [];
    const result = await runShadow(harness.store, input(live), {
      onProgress: ({ done }) => progress.push(done),
      cancelled: () => true,
    });
    expect(result.coverage.cancelled).toBe(true);
    expect(result.report.replayed).toBe(0);
    expect(progress).toEqual([0]);
  });
});
