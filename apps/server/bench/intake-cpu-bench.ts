import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore, type SqliteStore } from '@flowdesk/store';
import { refreshKpiRollups } from '../src/analytics/kpi-rollup-job.ts';
import { silentLogger } from '../src/app-deps.ts';
import { wireServer } from '../src/boot/wire-server.ts';
import { loadRuntimeOptions } from '../src/config/runtime-config.ts';
import { loadServerConfig } from '../src/config/server-config.ts';
import { IntakeRequestSchema } from '../src/rest/intake.schema.ts';
import { prepareDatabase, tempDatabase } from '../test/process-kit.ts';
import { BENCH_MESSAGES, benchFlow } from './bench-flow.ts';
import { turnKpiMarksOff } from './kpi-marks-off.ts';

/**
 * CPU per intake without HTTP: the bench flow's request through the wired
 * runtime (the store's group commit, engine, desk activities), `CONCURRENCY`
 * at a time, timed with process.cpuUsage. Steadier than req/s on a shared
 * machine, so before/after comparisons of the runtime and store use it:
 *   npx tsx bench/intake-cpu-bench.ts [requests] [rounds]
 * BENCH_FOLD=1 also folds the KPI rollups after each round (what the background
 * job does for these tickets, kpi-rollup-schedule.ts) and prints its CPU per
 * intake: the price of keeping the dashboard current, beside the intake's own
 * (issue 14). BENCH_NO_MARKS=1 turns the tickets repository's KPI marks off
 * (kpi-marks-off.ts), to price them; BENCH_SQL runs statements on the prepared
 * database first (e.g. dropping an index, to price it).
 */
const REQUESTS = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCY = 64;

const dbPath = tempDatabase();
await prepareDatabase(dbPath, { intake: benchFlow() });
const seed = await openSqliteStore({ path: dbPath });
await seed.teams.put({
  id: 'support',
  workspaceId: 'default',
  name: { 'zh-CN': '客服', en: 'Support' },
  skills: [],
  calendar: null,
  supervisorQueue: null,
});
for (let n = 1; n <= 4; n++) {
  await seed.agents.create({
    id: `agent-${n}`,
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
// BENCH_SQL: statements run on the prepared database first (e.g. "DROP INDEX x; DROP INDEX y"), to price an index.
if (process.env.BENCH_SQL) seed.database.exec(process.env.BENCH_SQL);
await seed.close();

const env = {
  FLOWDESK_DB: dbPath,
  FLOWDESK_ADMIN_EMAIL: 'bench@example.com',
  FLOWDESK_ADMIN_PASSWORD: 'bench-password-123',
  FLOWDESK_DEMO: '0',
};
const wiring = await wireServer(loadServerConfig(env), loadRuntimeOptions(env), silentLogger, {
  now: () => new Date(),
});

const marksOff =
  process.env.BENCH_NO_MARKS === '1' ? turnKpiMarksOff(wiring.services.store as SqliteStore) : null;

let index = 0;
let latencies: number[] = [];
async function one(): Promise<void> {
  const n = index++;
  const started = performance.now();
  const request = IntakeRequestSchema.parse({
    channel: 'api',
    message: BENCH_MESSAGES[n % BENCH_MESSAGES.length],
    customer: { phone: `1380000${String(n % 5000).padStart(4, '0')}` },
  });
  await wiring.runtime.intake(request, { apiKeyId: 'key-1' });
  latencies.push(performance.now() - started);
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

async function round(requests: number): Promise<{ cpuUs: number; wallMs: number; p50: number; p99: number }> {
  latencies = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let left = requests;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const used = process.cpuUsage(cpu);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    cpuUs: (used.user + used.system) / requests,
    wallMs: performance.now() - started,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

/** The rollup job over every ticket marked so far; CPU per intake of the round. */
async function fold(requests: number): Promise<string> {
  if (process.env.BENCH_FOLD !== '1') return '';
  const cpu = process.cpuUsage();
  await refreshKpiRollups(wiring.services);
  const used = process.cpuUsage(cpu);
  return `; KPI rollup fold ${((used.user + used.system) / requests).toFixed(0)} µs CPU per intake`;
}

await round(500);
await fold(500);
for (let r = 0; r < ROUNDS; r++) {
  const { cpuUs, wallMs, p50, p99 } = await round(REQUESTS);
  const folded = await fold(REQUESTS);
  process.stdout.write(
    `round ${r + 1}: ${cpuUs.toFixed(0)} µs CPU per intake, ${Math.round((REQUESTS / wallMs) * 1000)} intakes/s wall, ` +
      `latency p50 ${p50.toFixed(0)} ms p99 ${p99.toFixed(0)} ms at ${CONCURRENCY} at a time${folded}\n`,
  );
}
marksOff?.check();
await wiring.close();
rmSync(dirname(dbPath), { recursive: true, force: true });
