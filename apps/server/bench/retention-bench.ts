import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { silentLogger } from '../src/app-ports.ts';
import { RetentionJanitor } from '../src/runtime/retention-janitor.ts';
import { freePort, prepareDatabase, tempDatabase, waitFor } from '../test/process-kit.ts';
import { BENCH_MESSAGES, benchFlow } from './bench-flow.ts';

/**
 * `npm run bench:retention` (issue 17, item 2): intake throughput of the real server
 * (POST /api/v1/requests, 10 connections) on a database holding OLD executions that
 * finished 200 days ago (six ~450-byte steps each) and as many old finished jobs, first
 * alone, then while the retention sweep (RetentionJanitor, default batches) prunes them
 * from a second process on the same file (the pessimistic case: the lock passes between processes by SQLite's busy wait, not by the server's own queue), as a worker replica's sweep would.
 * Usage: npx tsx bench/retention-bench.ts [old=100000]
 * (internally: retention-bench.ts prune <db> runs the sweep and prints its figures.)
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'apps/server/bin/flowdesk.mjs');
const SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const DAY_MS = 86_400_000;

interface PruneFigures {
  executions: number;
  jobs: number;
  batches: number;
  seconds: number;
}

async function pruneMode(path: string): Promise<void> {
  const store = await openSqliteStore({ path });
  const started = performance.now();
  const done = await new RetentionJanitor({
    store,
    clock: { now: () => new Date() },
    log: silentLogger,
  }).sweep();
  const figures: PruneFigures = { ...done, seconds: (performance.now() - started) / 1000 };
  await store.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** OLD finished executions with six steps and OLD finished jobs, written straight into the file (setup only). */
function seedOld(path: string, old: number): void {
  const db = new Database(path);
  const finished = new Date(Date.now() - 200 * DAY_MS).toISOString();
  const state = JSON.stringify({ data: { request: { message: 'x'.repeat(900) } } });
  const execution = db.prepare(
    `INSERT INTO executions (id, flow_id, version, status, current_node_id, state, revision, started_at, updated_at, finished_at)
     VALUES (?, 'intake', 1, 'completed', NULL, ?, 3, ?, ?, ?)`,
  );
  const step = db.prepare(
    `INSERT INTO execution_steps (execution_id, seq, node_id, node_type, visit, input, output, port, started_at, finished_at, error)
     VALUES (?, ?, ?, 'action.create_ticket', 1, ?, ?, 'next', ?, ?, NULL)`,
  );
  const job = db.prepare(
    `INSERT INTO jobs (id, kind, status, run_at, payload, idempotency_key, attempts, max_attempts, created_at, updated_at, finished_at)
     VALUES (?, 'outbox.deliver', 'completed', ?, ?, ?, 1, 5, ?, ?, ?)`,
  );
  const input = JSON.stringify({ config: { title: 'y'.repeat(150) }, ticket: { number: 'CS2026050100001' } });
  const output = JSON.stringify({ ticket: { id: 't', number: 'CS2026050100001', summary: 'z'.repeat(120) } });
  const payload = JSON.stringify({ channel: 'email', to: 'someone@example.com', body: 'b'.repeat(300) });
  db.transaction(() => {
    for (let n = 0; n < old; n++) {
      const id = randomUUID();
      execution.run(id, state, finished, finished, finished);
      for (let seq = 1; seq <= 6; seq++) step.run(id, seq, `node${seq}`, input, output, finished, finished);
      job.run(randomUUID(), Date.parse(finished), payload, `old:${id}`, finished, finished, finished);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function startServer(path: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWDESK_DB: path,
      FLOWDESK_ADMIN_EMAIL: 'bench@example.com',
      FLOWDESK_ADMIN_PASSWORD: 'bench-password-123',
      FLOWDESK_LOG_LEVEL: 'error',
      // The server's own hourly sweep (first after 2 minutes) stays out of it: the measured sweep is the child's.
      FLOWDESK_EXECUTION_RETENTION_DAYS: '36500',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, 30_000);
  return { child, url };
}

function load(url: string, apiKey: string, seconds: number): Promise<autocannon.Result> {
  let index = 0;
  return autocannon({
    url: `${url}/api/v1/requests`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    requests: [
      {
        setupRequest: (request) => {
          const message = BENCH_MESSAGES[index++ % BENCH_MESSAGES.length];
          const phone = `1390000${String(index % 5000).padStart(4, '0')}`;
          return { ...request, body: JSON.stringify({ channel: 'api', customer: { phone }, message }) };
        },
      },
    ],
  });
}

function runPrune(path: string): Promise<PruneFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'prune', path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((done, fail) =>
    child.once('exit', (code) =>
      code === 0 ? done(JSON.parse(out) as PruneFigures) : fail(new Error(`prune exited ${code}`)),
    ),
  );
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

const figures = (result: autocannon.Result): Figures => ({
  rps: Math.round(result.requests.average),
  p50: result.latency.p50,
  p99: result.latency.p99,
  bad: result.non2xx + result.errors,
});

async function main(old: number): Promise<void> {
  const loadBefore = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const path = tempDatabase();
  const apiKey = await prepareDatabase(path, { intake: benchFlow() });
  const store = await openSqliteStore({ path });
  await store.teams.put({
    id: 'support',
    workspaceId: 'default',
    name: { 'zh-CN': '客服', en: 'Support' },
    skills: [],
    calendar: null,
    supervisorQueue: null,
  });
  await store.agents.create({
    id: 'agent-1',
    workspaceId: 'default',
    userId: null,
    name: 'Agent 1',
    teams: ['support'],
    skills: [],
    capacity: 10_000_000,
    online: true,
    activeCount: 0,
    lastAssignedAt: null,
  });
  await store.close();
  seedOld(path, old);
  const sizeBefore = statSync(path).size;
  const { child, url } = await startServer(path);
  await load(url, apiKey, 3);
  const alone = figures(await load(url, apiKey, SECONDS));
  const pruning = runPrune(path);
  const during = figures(await load(url, apiKey, SECONDS));
  const prune = await pruning;
  const after = figures(await load(url, apiKey, SECONDS));
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
  const check = new Database(path, { readonly: true });
  const left = check
    .prepare(
      `SELECT (SELECT count(*) FROM executions WHERE steps_pruned_at IS NULL AND finished_at < ?) AS executions,
        (SELECT count(*) FROM jobs WHERE finished_at < ?) AS jobs`,
    )
    .get(new Date(Date.now() - 90 * DAY_MS).toISOString(), new Date(Date.now() - 90 * DAY_MS).toISOString());
  check.close();
  const loadAfter = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const ratio = (during.rps / alone.rps).toFixed(2);
  const section = [
    '<!-- retention-bench:start -->',
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore} before, ${loadAfter} after.`,
    `\`npm run bench:retention\` (\`tsx apps/server/bench/retention-bench.ts ${old}\`): ${old} executions finished 200 days ago (${old * 6} step rows) and ${old} finished jobs,`,
    `database ${Math.round(sizeBefore / 2 ** 20)} MB; intake by autocannon, ${CONNECTIONS} connections, ${SECONDS} s each; the sweep runs in a second process on the same file.`,
    '',
    '| Intake | req/s | p50 ms | p99 ms | non-2xx + errors |',
    '| --- | --- | --- | --- | --- |',
    `| alone | ${alone.rps} | ${alone.p50} | ${alone.p99} | ${alone.bad} |`,
    `| while the sweep prunes | ${during.rps} | ${during.p50} | ${during.p99} | ${during.bad} |`,
    `| after the sweep | ${after.rps} | ${after.p50} | ${after.p99} | ${after.bad} |`,
    '',
    `Ratio during / alone: **${ratio}**. The sweep pruned ${prune.executions} step logs and ${prune.jobs} jobs in ${prune.batches} batches, ${prune.seconds.toFixed(1)} s (${Math.round(prune.executions / prune.seconds)} executions/s) while intake ran; left unpruned: ${JSON.stringify(left)}.`,
    '<!-- retention-bench:end -->',
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (process.env.BENCH_RECORD !== '0') record(section);
}

function record(section: string): void {
  const path = resolve(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const pattern = /<!-- retention-bench:start -->[\s\S]*?<!-- retention-bench:end -->/;
  let next: string;
  if (pattern.test(current)) next = current.replace(pattern, section);
  else if (current.includes('<!-- timer-bench:end -->'))
    next = current.replace('<!-- timer-bench:end -->', `<!-- timer-bench:end -->\n\n${section}`);
  else next = `${current.trimEnd()}\n\n## Timers at volume and retention\n\n${section}\n`;
  writeFileSync(path, next);
}

if (process.argv[2] === 'prune') await pruneMode(process.argv[3] ?? '');
else await main(Number(process.argv[2] ?? 100_000));
