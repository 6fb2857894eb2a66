import { openSqliteStore } from '@flowdesk/store';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { BENCH_MESSAGES, benchFlow } from '../bench-flow.ts';
import { startFlowdeskServer } from '../demo-load/capture-prototypes.ts';

/**
 * Intake throughput on a database file: the intake benchmark's six-node flow
 * (bench-flow.ts) is the only live flow (the file's own flows are switched
 * off, so a full and an empty database run the same work), then POST
 * /api/v1/requests at 64 connections, as `npm run bench` does.
 */

export interface IntakeFigure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total2xx: number;
  failures: number;
  /** Growth of the file (and its WAL, checkpointed at close) per 1,000 answered requests. */
  bytesPer1000: number;
}

/** Bytes in use (pages minus free pages): a file with free pages from the retention prune reuses them before it grows. */
function usedBytes(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  } finally {
    db.close();
  }
}

async function prepareIntake(path: string): Promise<string> {
  const store = await openSqliteStore({ path });
  const now = new Date().toISOString();
  for (const flow of await store.flows.list({ workspaceId: 'default' })) {
    if (flow.enabled && flow.id !== 'scale-intake') await store.flows.setEnabled(flow.id, false);
  }
  if (!(await store.flows.get('scale-intake'))) {
    await store.flows.create({
      id: 'scale-intake',
      workspaceId: 'default',
      name: 'scale-intake',
      draft: benchFlow(),
      createdBy: 'bench',
      now,
    });
    await store.versions.publish('scale-intake', benchFlow(), 'scale bench', 'bench', now);
  }
  await store.teams.put({
    id: 'support',
    workspaceId: 'default',
    name: { 'zh-CN': '客服', en: 'Support' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  for (let n = 1; n <= 4; n++) {
    if (await store.agents.get(`scale-agent-${n}`)) continue;
    await store.agents.create({
      id: `scale-agent-${n}`,
      workspaceId: 'default',
      userId: null,
      name: `Agent ${n}`,
      teams: ['support'],
      skills: [],
      capacity: 10_000_000,
      online: true,
      activeCount: 0,
      lastAssignedAt: null,
    });
  }
  const { secret } = await createApiKey(store, {
    id: `scale-key-${Date.now()}`,
    name: 'scale',
    role: 'agent',
    now: new Date(),
  });
  await store.close();
  return secret;
}

function load(url: string, apiKey: string, seconds: number, connections: number): Promise<autocannon.Result> {
  let index = 0;
  return autocannon({
    url: `${url}/api/v1/requests`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    requests: [
      {
        setupRequest: (request) => {
          const message = BENCH_MESSAGES[index++ % BENCH_MESSAGES.length];
          const body = {
            channel: 'api',
            customer: { phone: `1380000${String(index % 5000).padStart(4, '0')}` },
            message,
          };
          return { ...request, body: JSON.stringify(body) };
        },
      },
    ],
  });
}

export async function measureIntake(path: string, seconds: number, connections = 64): Promise<IntakeFigure> {
  const apiKey = await prepareIntake(path);
  const before = usedBytes(path);
  const server = await startFlowdeskServer(path, { demo: false });
  let result: autocannon.Result;
  let warm: autocannon.Result;
  try {
    warm = await load(server.url, apiKey, 3, connections);
    result = await load(server.url, apiKey, seconds, connections);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  const answered = warm['2xx'] + result['2xx'];
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total2xx: result['2xx'],
    failures: result.non2xx + result.errors,
    // Warm-up and measured requests both grew it; the server checkpoints the WAL when it stops.
    bytesPer1000: Math.round(((usedBytes(path) - before) / Math.max(1, answered)) * 1000),
  };
}
