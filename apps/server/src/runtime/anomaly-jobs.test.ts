import { ANOMALY_SETTINGS_KEY, HOUR_MS, WEEK_MS } from '@flowdesk/desk';
import type { Ticket } from '@flowdesk/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANOMALY_DETECT_DELAY_MS, ANOMALY_DETECT_JOB, enqueueAnomalyCheck } from './anomaly-jobs.ts';
import { createRuntimeHarness, edge, graph, node, type RuntimeHarness } from './runtime-test-kit.ts';

/**
 * The hourly anomaly job on a store filled directly (no flows creating the
 * tickets): which series it watches, which flows it starts with what data,
 * the on/off setting, and the chain of hourly jobs after a long outage.
 */

// Wednesday 02:00 UTC, a few days after the harness clock's start.
const HOUR = Date.parse('2026-11-25T02:00:00Z');
let harness: RuntimeHarness;
let serial = 0;

function ticket(createdAt: number, extra: Partial<Ticket> = {}): Ticket {
  const iso = new Date(createdAt).toISOString();
  serial += 1;
  return {
    id: `t${serial}`,
    number: `CS20261125${String(serial).padStart(4, '0')}`,
    workspaceId: 'default',
    title: '报修',
    description: '设备故障',
    channel: serial % 2 === 0 ? 'email' : 'web_form',
    category: serial % 2 === 0 ? 'electrical' : 'mechanical',
    priority: 'medium',
    status: 'new',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: { deviceModel: `M-${serial}` },
    tags: [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: 'none',
    slaRevision: 0,
    createdByKey: null,
    createdAt: iso,
    updatedAt: iso,
    resolvedAt: null,
    closedAt: null,
    ...extra,
  };
}

/** Four ordinary weeks of 12 tickets in the hour (1 of them due and breached), then the hour itself. */
async function seed(current: (at: number) => Partial<Ticket>[]) {
  for (let week = 1; week <= 4; week++) {
    const start = HOUR - week * WEEK_MS;
    for (let index = 0; index < 12; index++) {
      await harness.store.tickets.create(
        ticket(start + index * 60_000, {
          resolutionDueAt: new Date(start + index * 60_000).toISOString(),
          slaState: index === 0 ? 'breached' : 'met',
        }),
      );
    }
  }
  for (const [index, extra] of current(HOUR).entries()) {
    await harness.store.tickets.create(ticket(HOUR + index * 60_000, extra));
  }
}

/** 12 tickets in the hour, 8 of them for CNC-850; 10 of the 12 due in the hour are breached. */
const surge = () =>
  Array.from({ length: 12 }, (_, index) => ({
    customFields: { deviceModel: index < 8 ? 'CNC-850' : `X-${index}` },
    resolutionDueAt: new Date(HOUR + index * 60_000).toISOString(),
    slaState: index < 10 ? 'breached' : 'met',
  })) as Partial<Ticket>[];

async function runCheck(hour = HOUR, at = hour + HOUR_MS + ANOMALY_DETECT_DELAY_MS) {
  await enqueueAnomalyCheck(harness.store, hour, `check-${hour}`, harness.clock.now());
  harness.clock.advance(at - harness.clock.now().getTime());
  await harness.drain();
}

async function publishListener(flowId: string, config: Record<string, unknown>) {
  await harness.publish(
    flowId,
    graph(
      [
        node('start', 'trigger.anomaly_detected', config),
        node('end', 'action.end', { outcome: 'completed' }),
      ],
      [edge('start', 'next', 'end')],
    ),
  );
}

describe('the hourly anomaly job', () => {
  beforeEach(async () => {
    harness = await createRuntimeHarness();
    serial = 0;
  });
  afterEach(() => harness.close());

  it('stores a product surge and a jump in SLA breaches, and starts only the flows whose trigger takes them', async () => {
    await seed(surge);
    await publishListener('cnc-only', {
      seriesKinds: ['product'],
      entry: {
        kind: 'group',
        combinator: 'all',
        children: [{ kind: 'rule', field: 'anomaly.key', operator: 'equals', value: 'CNC-850' }],
      },
    });
    await publishListener('channels-only', { seriesKinds: ['channel'] });
    await publishListener('very-high-only', { minScore: 50 });
    await harness.store.workspaceSettings.set(
      ANOMALY_SETTINGS_KEY,
      { minVolume: 5 },
      new Date(0).toISOString(),
    );
    await runCheck();

    const anomalies = await harness.store.anomalies.list({ workspaceId: 'default' });
    expect(anomalies.map((anomaly) => `${anomaly.seriesKind}:${anomaly.seriesKey}`).sort()).toEqual([
      'product:CNC-850',
      'sla_breach_share:all',
    ]);
    const breach = anomalies.find((anomaly) => anomaly.seriesKind === 'sla_breach_share');
    expect(breach).toMatchObject({ value: 10 / 12, baseline: 1 / 12, volume: 12 });
    const started = await harness.store.executions.list({});
    expect(started.items.map((item) => item.flowId)).toEqual(['cnc-only']);
    const execution = await harness.store.executions.get(started.items[0]?.id ?? '');
    expect(JSON.stringify(execution?.state)).toContain('"kind":"product"');
    expect(JSON.stringify(execution?.state)).toContain('"key":"CNC-850"');
  });

  it('detects nothing while switched off, and keeps the hourly chain going', async () => {
    await seed(surge);
    await harness.store.workspaceSettings.set(
      ANOMALY_SETTINGS_KEY,
      { enabled: false, minVolume: 5 },
      new Date(0).toISOString(),
    );
    await runCheck();
    expect(await harness.store.anomalies.list({ workspaceId: 'default' })).toEqual([]);
    const next = await harness.store.jobs.list({ kind: ANOMALY_DETECT_JOB, status: 'pending' });
    expect(next.map((job) => job.payload.hour)).toEqual([new Date(HOUR + HOUR_MS).toISOString()]);
  });

  it('after a long outage goes on from the last complete hour, not hour by hour through the gap', async () => {
    const threeDaysLater = HOUR + 3 * 24 * HOUR_MS + 20 * 60_000;
    await runCheck(HOUR, threeDaysLater);
    // The check of the outage's hour ran, then the last complete hour's (01:00, due at once); 02:00 waits.
    const done = await harness.store.jobs.list({ kind: ANOMALY_DETECT_JOB, status: 'completed' });
    expect(done.map((job) => job.payload.hour)).toEqual([
      new Date(HOUR).toISOString(),
      new Date(HOUR + 3 * 24 * HOUR_MS - HOUR_MS).toISOString(),
    ]);
    const next = await harness.store.jobs.list({ kind: ANOMALY_DETECT_JOB, status: 'pending' });
    expect(next.map((job) => job.payload.hour)).toEqual([new Date(HOUR + 3 * 24 * HOUR_MS).toISOString()]);
  });
});
