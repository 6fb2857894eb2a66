import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowGraph } from '@flowdesk/model';
import { type ExecutionStep, openSqliteStore } from '@flowdesk/store';
// The rollup's writer alone, to time what it adds to a save (not part of the store's public surface).
import {
  createStatementCache,
  type SqliteContext,
} from '../../../packages/store/src/sqlite/sqlite-context.ts';
import { recordFlowRollup } from '../../../packages/store/src/sqlite/sqlite-flow-rollup-writer.ts';
import { flowOverlay } from '../src/flow-analytics/flow-analytics-service.ts';

/**
 * What the flow analytics overlay costs (issue 14, item 3; BENCHMARKS.md):
 * 1. intake: CPU per request of writing an execution and its six steps in one
 *    transaction, and the part of it the rollup's writer takes (timed alone on
 *    the same executions, alternated in batches so machine load hits both alike);
 * 2. the overlay: flowOverlay (rollups + the stopped-executions index + the
 *    figures) over 30 and 365 days on a database of EXECUTIONS executions.
 * Usage: npx tsx bench/flow-rollup-bench.ts [executions=1000000]
 */

const EXECUTIONS = Number(process.argv[2] ?? 1_000_000);
const INTAKE_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const END = Date.parse('2026-12-01T00:00:00Z');
const FLOWS = 4;
const VERSIONS = 3;

/** A 15-step intake flow: trigger, two branches, waits for the customer, hand-offs and automatic closing. */
function benchGraph(): FlowGraph {
  const ids = [
    ['start', 'trigger.request_received'],
    ['classify', 'logic.switch'],
    ['vip', 'logic.condition'],
    ['ticket', 'action.create_ticket'],
    ['ask', 'action.send_message'],
    ['waitReply', 'timing.wait_for_event'],
    ['assign', 'action.assign'],
    ['escalate', 'action.escalate'],
    ['answer', 'action.auto_reply'],
    ['close', 'action.update_ticket'],
    ['survey', 'action.send_survey'],
    ['waitSurvey', 'timing.wait_for_event'],
    ['remind', 'timing.wait'],
    ['note', 'action.update_ticket'],
    ['end', 'action.end'],
  ] as const;
  const nodes = ids.map(([id, type], index) => ({
    id,
    type,
    config: type === 'timing.wait_for_event' ? { event: 'customer_reply' } : {},
    position: { x: index * 300, y: 0 },
  }));
  const pairs: Array<[string, string, string]> = [
    ['start', 'next', 'classify'],
    ['classify', 'refund', 'vip'],
    ['classify', 'question', 'answer'],
    ['classify', 'default', 'ticket'],
    ['vip', 'true', 'escalate'],
    ['vip', 'false', 'ticket'],
    ['ticket', 'next', 'ask'],
    ['ask', 'next', 'waitReply'],
    ['waitReply', 'received', 'assign'],
    ['waitReply', 'timeout', 'remind'],
    ['remind', 'next', 'note'],
    ['answer', 'answered', 'close'],
    ['answer', 'not_answered', 'ticket'],
    ['close', 'next', 'survey'],
    ['survey', 'next', 'waitSurvey'],
    ['waitSurvey', 'received', 'end'],
    ['waitSurvey', 'timeout', 'end'],
    ['assign', 'next', 'end'],
    ['escalate', 'next', 'end'],
    ['note', 'next', 'end'],
  ];
  return {
    nodes: nodes as FlowGraph['nodes'],
    edges: pairs.map(([source, sourcePort, target]) => ({
      id: `${source}-${sourcePort}`,
      source,
      sourcePort,
      target,
    })),
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const PATH = [
  ['start', 'trigger.request_received', 'next'],
  ['classify', 'logic.switch', 'default'],
  ['ticket', 'action.create_ticket', 'next'],
  ['ask', 'action.send_message', 'next'],
  ['assign', 'action.assign', 'next'],
  ['end', 'action.end', null],
] as const;

function steps(at: string): ExecutionStep[] {
  return PATH.map(([nodeId, nodeType, port], index) => ({
    seq: index + 1,
    nodeId,
    nodeType,
    visit: 1,
    input: { config: {} },
    output: {},
    port,
    startedAt: at,
    finishedAt: at,
  }));
}

async function intakeCost(dir: string): Promise<void> {
  const store = await openSqliteStore({ path: join(dir, 'intake.sqlite') });
  const statement = createStatementCache(store.database);
  const ctx = { statement } as unknown as SqliteContext;
  const batch = 500;
  let counter = 0;
  let whole = 0;
  let rollup = 0;
  // A request's writes: the execution and its six steps in one transaction (appendSteps counts them in the rollup).
  const requests = async () => {
    const started = process.cpuUsage();
    for (let n = 0; n < batch; n++) {
      const id = `x${counter++}`;
      const at = new Date(END - (counter % 30) * DAY_MS).toISOString();
      await store.transaction(async (tx) => {
        await tx.executions.create({
          id,
          flowId: 'flow-0',
          version: 1,
          status: 'completed',
          state: {},
          startedAt: at,
        });
        await tx.executions.appendSteps(id, steps(at));
      });
    }
    const used = process.cpuUsage(started);
    return used.user + used.system;
  };
  // The rollup's part alone: the same count for executions already written, in one transaction per batch.
  const rollupOnly = () => {
    const first = counter - batch;
    const started = process.cpuUsage();
    store.database.transaction(() => {
      for (let n = first; n < counter; n++) {
        recordFlowRollup(ctx, `x${n}`, steps(new Date(END - (n % 30) * DAY_MS).toISOString()));
      }
    })();
    const used = process.cpuUsage(started);
    return used.user + used.system;
  };
  await requests();
  rollupOnly();
  for (let done = 0; done < INTAKE_REQUESTS; done += batch) {
    whole += await requests();
    rollup += rollupOnly();
  }
  const perRequest = whole / INTAKE_REQUESTS;
  const perRollup = rollup / INTAKE_REQUESTS;
  console.log(
    `intake writes (execution + 6 steps, one transaction), ${INTAKE_REQUESTS} requests: ${perRequest.toFixed(1)} µs CPU each, of which the rollup ${perRollup.toFixed(1)} µs (${((100 * perRollup) / perRequest).toFixed(1)} %)`,
  );
  await store.close();
}

async function overlayLatency(dir: string): Promise<void> {
  const store = await openSqliteStore({ path: join(dir, 'million.sqlite') });
  const db = store.database;
  const graph = benchGraph();
  const now = new Date(END).toISOString();
  for (let flow = 0; flow < FLOWS; flow++) {
    await store.flows.create({
      id: `flow-${flow}`,
      workspaceId: 'default',
      name: `flow ${flow}`,
      draft: graph,
      createdBy: 'bench',
      now,
    });
    for (let version = 1; version <= VERSIONS; version++) {
      await store.versions.publish(`flow-${flow}`, graph, 'bench', 'bench', now);
    }
  }
  const fill = Date.now();
  const insert =
    db.prepare(`INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision,
    started_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, '{}', 1, ?, ?, ?)`);
  const statuses = [
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'completed',
    'failed',
    'cancelled',
    'waiting',
  ] as const;
  const stopAt: Record<string, string> = {
    failed: 'ticket',
    cancelled: 'waitReply',
    waiting: 'waitSurvey',
    completed: 'end',
  };
  db.transaction(() => {
    for (let index = 0; index < EXECUTIONS; index++) {
      const at = new Date(END - Math.floor((index / EXECUTIONS) * 365 * DAY_MS)).toISOString();
      const status = statuses[index % statuses.length] as string;
      insert.run(
        `e${index}`,
        `flow-${index % FLOWS}`,
        1 + (Math.floor(index / FLOWS) % VERSIONS),
        status,
        stopAt[status],
        at,
        at,
        status === 'waiting' ? null : at,
      );
    }
  })();
  // The rollup rows a year of these executions leaves: per version and hour, each route once, a route
  // through a wait once per wait-time bucket it saw.
  const path = db.prepare('INSERT INTO flow_path_rollup VALUES (?, ?, ?, ?, ?, ?, ?)');
  const csat = db.prepare('INSERT INTO flow_csat_rollup VALUES (?, ?, ?, ?, ?)');
  const routes: Array<Array<[string, string]>> = [
    [
      ['start', 'next'],
      ['classify', 'refund'],
      ['vip', 'true'],
      ['escalate', 'next'],
      ['end', ''],
    ],
    [
      ['start', 'next'],
      ['classify', 'refund'],
      ['vip', 'false'],
      ['ticket', 'next'],
      ['ask', 'next'],
    ],
    [
      ['waitReply', 'received'],
      ['assign', 'next'],
      ['end', ''],
    ],
    [
      ['waitReply', 'timeout'],
      ['remind', 'next'],
      ['note', 'next'],
      ['end', ''],
    ],
    [
      ['start', 'next'],
      ['classify', 'question'],
      ['answer', 'answered'],
      ['close', 'next'],
      ['survey', 'next'],
    ],
    [
      ['waitSurvey', 'received'],
      ['end', ''],
    ],
    [
      ['start', 'next'],
      ['classify', 'question'],
      ['answer', 'not_answered'],
      ['ticket', 'next'],
      ['ask', 'next'],
    ],
  ];
  const segments: string[] = [];
  for (const route of routes) {
    const waits = route.some(([node]) => node.startsWith('wait') || node === 'remind');
    for (let bucket = 40; bucket < (waits ? 48 : 41); bucket++) {
      segments.push(
        JSON.stringify(
          route.map(([node, port]) => [
            node,
            port,
            0,
            node.startsWith('wait') || node === 'remind' ? bucket : null,
          ]),
        ),
      );
    }
  }
  // Rows are per start hour (the workspace's days are cut from hours): a version sees ~10 executions an
  // hour, so each hour holds up to ROUTES_PER_HOUR of the routes, a different mix from hour to hour.
  const ROUTES_PER_HOUR = 10;
  const perHour = Math.max(1, Math.round(EXECUTIONS / (FLOWS * VERSIONS * 365 * 24 * ROUTES_PER_HOUR)));
  db.transaction(() => {
    for (let flow = 0; flow < FLOWS; flow++) {
      for (let version = 1; version <= VERSIONS; version++) {
        for (let h = 0; h < 365 * 24; h++) {
          const hour = new Date(END - h * HOUR_MS).toISOString().slice(0, 13);
          for (let k = 0; k < ROUTES_PER_HOUR; k++) {
            const index = (h * 7 + k) % segments.length;
            path.run(
              `flow-${flow}`,
              version,
              hour,
              segments[index],
              perHour,
              index === 0 ? perHour : 0,
              index === 4 ? perHour : 0,
            );
          }
          csat.run(`flow-${flow}`, version, hour, perHour * 4, perHour);
        }
      }
    }
  })();
  db.exec('ANALYZE');
  console.log(
    `filled ${EXECUTIONS} executions and their rollups in ${((Date.now() - fill) / 1000).toFixed(0)} s`,
  );
  for (const days of [30, 365]) {
    const times: number[] = [];
    for (let n = 0; n < 60; n++) {
      const flow = n % FLOWS;
      const version = 1 + (n % VERSIONS);
      const to = new Date(END - (n % 5) * DAY_MS);
      const from = new Date(to.getTime() - (days - 1) * DAY_MS);
      const started = performance.now();
      const answer = await flowOverlay(
        store,
        {
          flowId: `flow-${flow}`,
          version,
          from: from.toISOString().slice(0, 10),
          to: to.toISOString().slice(0, 10),
        },
        new Date(END),
      );
      times.push(performance.now() - started);
      if (answer.overlay.outcomes.started === 0) throw new Error('the overlay read nothing');
    }
    console.log(
      `overlay over ${days} days (one version ≈ ${Math.round(EXECUTIONS / (FLOWS * VERSIONS))} executions): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
  }
  await store.close();
}

const dir = mkdtempSync(join(tmpdir(), 'flowdesk-flow-rollup-bench-'));
try {
  await intakeCost(dir);
  await overlayLatency(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
