import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import autocannon from 'autocannon';
import { freePort, prepareDatabase, tempDatabase, waitFor } from '../test/process-kit.ts';
import { BENCH_MESSAGES, benchFlow } from './bench-flow.ts';

/**
 * `npm run bench`: drives POST /api/v1/requests on the real server (embedded
 * SQLite, every answer sent only after the execution's steps are committed) and
 * on a bare Express endpoint doing the same logic without persistence, then
 * prints and records req/s, latency, peak memory and the ratio.
 */
// 64 connections give the throughput and the ratio; 10 the latency a lightly loaded desk sees.
const CONNECTION_COUNTS = [64, 10] as const;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15);
// BENCH_NO_RECORD=1 prints without touching BENCHMARKS.md (before/after runs while working);
// BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the FlowDesk server's node.
// BENCH_PROCESSES=N (default 1) runs N FlowDesk server processes on the one database file, each
// loaded by its share of the connections at once; such runs are printed, never recorded.
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
// Every process gets at least one of the fewest connections measured.
const MOST_PROCESSES = Math.min(...CONNECTION_COUNTS);
if (!Number.isInteger(PROCESSES) || PROCESSES < 1 || PROCESSES > MOST_PROCESSES) {
  process.stderr.write(`BENCH_PROCESSES must be a whole number from 1 to ${MOST_PROCESSES}\n`);
  process.exit(2);
}
const RECORD = process.env.BENCH_NO_RECORD !== '1' && PROCESSES === 1;
const SERVER_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg.length > 0);
const WARMUP_S = 3;
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'apps/server/bin/flowdesk.mjs');

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total2xx: number;
  peakRssMb: number;
  /** The server process's CPU time (all threads) over the measured window per 2xx: steadier than req/s on a shared machine. */
  cpuMsPerRequest: number;
}

/** User + system CPU of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  let index = 0;
  return autocannon({
    url: `${url}/api/v1/requests`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
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

type FiguresByConnections = Record<(typeof CONNECTION_COUNTS)[number], Figures>;

interface Server {
  child: ChildProcess;
  url: string;
}

/**
 * One warm-up, then each connection count in turn on the same servers (64 first, as the earlier
 * records). With several servers the connections are shared out and all are loaded at once.
 */
async function measure(
  servers: readonly Server[],
  headers: Record<string, string>,
): Promise<FiguresByConnections> {
  // Server i gets its even share, the first ones one more each while a remainder is left.
  const share = (connections: number, i: number) =>
    Math.floor(connections / servers.length) + (i < connections % servers.length ? 1 : 0);
  await Promise.all(
    servers.map(({ url }, i) => load(url, headers, WARMUP_S, share(CONNECTION_COUNTS[0], i))),
  );
  const figures: Partial<FiguresByConnections> = {};
  const cpuOfAll = () => servers.reduce((sum, { child }) => sum + cpuMs(child.pid as number), 0);
  for (const connections of CONNECTION_COUNTS) {
    const cpuBefore = cpuOfAll();
    const results = await Promise.all(
      servers.map(({ url }, i) => load(url, headers, DURATION_S, share(connections, i))),
    );
    figures[connections] = figuresOf(results, servers, cpuOfAll() - cpuBefore);
  }
  return figures as FiguresByConnections;
}

/** Summed over the servers; latency and memory are the worst server's (percentiles do not add up). */
function figuresOf(
  results: readonly autocannon.Result[],
  servers: readonly Server[],
  cpuSpentMs: number,
): Figures {
  const total2xx = results.reduce((sum, result) => sum + result['2xx'], 0);
  return {
    requestsPerSecond: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    total2xx,
    peakRssMb: Math.max(...servers.map(({ child }) => peakRssMb(child.pid as number))),
    cpuMsPerRequest: cpuSpentMs / Math.max(1, total2xx),
  };
}

function spawnQuiet(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  return child;
}

async function benchFlowDesk(): Promise<{ figures: FiguresByConnections; executions: number }> {
  const dbPath = tempDatabase();
  const apiKey = await prepareDatabase(dbPath, { intake: benchFlow() });
  const store = await openSqliteStore({ path: dbPath });
  await store.teams.put({
    id: 'support',
    workspaceId: 'default',
    name: { 'zh-CN': '客服', en: 'Support' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  for (let n = 1; n <= 4; n++) {
    await store.agents.create({
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
  await store.close();
  const servers: Server[] = [];
  for (let n = 0; n < PROCESSES; n++) {
    const port = await freePort();
    const child = spawnQuiet([...SERVER_NODE_ARGS, BIN, 'serve'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWDESK_DB: dbPath,
      FLOWDESK_ADMIN_EMAIL: 'bench@example.com',
      FLOWDESK_ADMIN_PASSWORD: 'bench-password-123',
      FLOWDESK_LOG_LEVEL: 'error',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, 30_000);
    servers.push({ child, url });
  }
  const figures = await measure(servers, { authorization: `Bearer ${apiKey}` });
  for (const { child } of servers) {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
  const check = await openSqliteStore({ path: dbPath });
  const counts = await check.executions.countRunning();
  const completed = await check.executions.list({ status: 'completed', limit: 1 });
  await check.close();
  return { figures, executions: counts.length + completed.items.length };
}

async function benchBaseline(): Promise<FiguresByConnections> {
  const port = await freePort();
  const child = spawnQuiet(['--import', 'tsx', resolve(import.meta.dirname, 'bare-express-baseline.ts')], {
    PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () =>
      (await fetch(`${url}/api/v1/requests`, { method: 'POST' }).catch(() => undefined)) !== undefined,
    30_000,
  );
  const figures = await measure([{ child, url }], {});
  child.kill('SIGTERM');
  return figures;
}

function row(name: string, f: Figures): string {
  return `| ${name} | ${f.requestsPerSecond} | ${f.p50} | ${f.p99} | ${f.peakRssMb} | ${f.cpuMsPerRequest.toFixed(2)} | ${f.total2xx} | ${f.non2xx} + ${f.errors} |`;
}

function ratio(flowdesk: Figures, baseline: Figures): string {
  return (flowdesk.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
}

function report(flowdesk: FiguresByConnections, baseline: FiguresByConnections): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const tables = CONNECTION_COUNTS.flatMap((connections) => [
    '',
    `${connections} connections:`,
    '',
    '| Server | req/s | p50 ms | p99 ms | peak RSS MB | server CPU ms per 2xx | 2xx | non-2xx + errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row(
      PROCESSES === 1 ? 'FlowDesk (SQLite, durable)' : `FlowDesk (SQLite, durable), ${PROCESSES} processes`,
      flowdesk[connections],
    ),
    row('Bare Express, same logic, no persistence', baseline[connections]),
    '',
    `Ratio FlowDesk / baseline at ${connections} connections: **${ratio(flowdesk[connections], baseline[connections])}**.`,
  ]);
  return [
    '<!-- intake-bench:start -->',
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} at the end;`,
    `${WARMUP_S} s warm-up at ${CONNECTION_COUNTS[0]} connections, then ${DURATION_S} s measured at each of ${CONNECTION_COUNTS.join(' and ')} connections on the same server (in that order)${PROCESSES > 1 ? `, FlowDesk as ${PROCESSES} server processes on one database file sharing the connections` : ''}, autocannon in the same machine.`,
    ...tables,
    '<!-- intake-bench:end -->',
  ].join('\n');
}

function record(section: string): void {
  const path = resolve(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const pattern = /<!-- intake-bench:start -->[\s\S]*?<!-- intake-bench:end -->/;
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n## Intake throughput (npm run bench)\n\n${section}\n`;
  writeFileSync(path, next);
}

const flowdesk = await benchFlowDesk();
const baseline = await benchBaseline();
const section = report(flowdesk.figures, baseline);
process.stdout.write(`${section}\n`);
if (RECORD) record(section);
