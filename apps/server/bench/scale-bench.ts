/**
 * Usage (repository root):
 *
 *   npm run bench:scale [-- --db data/demo-load-1m.sqlite] [--tickets 1000000] [--runs 30]
 *                          [--intake-seconds 15] [--no-intake] [--record]
 *
 * "Flat as the data grows" (issue 17 item 2, issue 14 performance): on a
 * generated database (made once with the demo-load generator when the file is
 * missing, then reused) times the desk's reads through the tRPC caller
 * (p50/p95, scale/scale-queries.ts), then measures intake throughput on a copy
 * of that file against a fresh demo workspace (scale/scale-intake.ts; target
 * ≥ 80 %), and the database size per 1,000 requests. Not part of `npm run
 * bench`: generating 1,000,000 tickets takes long (BENCHMARKS.md). --record
 * replaces the scale-bench section of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { openSqliteStore } from '@flowdesk/store';
import { tempDatabase } from '../test/process-kit.ts';
import { captureDemoWorkspace } from './demo-load/capture-prototypes.ts';
import { type IntakeFigure, measureIntake } from './scale/scale-intake.ts';
import { measureQueries, type QueryFigure } from './scale/scale-queries.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const TARGET_MS = 100;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const dbPath = resolve(process.env.INIT_CWD ?? ROOT, option('--db', 'data/demo-load-1m.sqlite'));
const tickets = Number(option('--tickets', '1000000'));
const runs = Number(option('--runs', '30'));
const intakeSeconds = Number(option('--intake-seconds', '15'));
const withIntake = !process.argv.includes('--no-intake');

const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

if (!existsSync(dbPath)) {
  process.stdout.write(`${dbPath} is missing: generating ${tickets} tickets once\n`);
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(import.meta.dirname, 'demo-load/seed-demo-load.ts'),
      '--tickets',
      String(tickets),
      '--db',
      dbPath,
    ],
    { stdio: 'inherit' },
  );
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}

const store = await openSqliteStore({ path: dbPath });
const count = (sql: string) => (store.database.prepare(sql).get() as { n: number }).n;
const data = {
  tickets: count('SELECT COUNT(*) AS n FROM tickets'),
  executions: count('SELECT COUNT(*) AS n FROM executions'),
  steps: count('SELECT COUNT(*) AS n FROM execution_steps'),
  history: count('SELECT COUNT(*) AS n FROM ticket_history'),
  customers: count('SELECT COUNT(*) AS n FROM customers'),
  fileMb: Math.round(statSync(dbPath).size / 2 ** 20),
};
process.stdout.write(`${JSON.stringify(data)}; load ${load()}\n`);
const loadBefore = load();
const queries = await measureQueries(store, runs);
const loadAfterQueries = load();
let intake: { full: IntakeFigure; empty: IntakeFigure; loadAfter: string } | null = null;
if (withIntake) {
  // The bench writes into a copy, so the generated file stays as generated.
  const copy = tempDatabase();
  await store.database.backup(copy);
  if (existsSync(`${dbPath}.key`)) copyFileSync(`${dbPath}.key`, `${copy}.key`);
  await store.close();
  const full = await measureIntake(copy, intakeSeconds);
  for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${copy}${suffix}`, { force: true });
  const empty = await measureIntake(await captureDemoWorkspace(), intakeSeconds);
  intake = { full, empty, loadAfter: load() };
} else {
  await store.close();
}

function queryRow(figure: QueryFigure): string {
  const verdict = figure.p95 < TARGET_MS ? 'yes' : '**no**';
  return `| ${figure.name} | ${figure.p50} | ${figure.p95} | ${figure.max} | ${figure.size} | ${verdict} |`;
}

function intakeRow(name: string, figure: IntakeFigure): string {
  return `| ${name} | ${figure.requestsPerSecond} | ${figure.p50} | ${figure.p99} | ${figure.total2xx} | ${figure.failures} | ${figure.bytesPer1000 >= 0 ? Math.round(figure.bytesPer1000 / 1024) : '—'} |`;
}

const section = [
  '<!-- scale-bench:start -->',
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore} before the queries, ${loadAfterQueries} after${intake ? `, ${intake.loadAfter} after intake` : ''}.`,
  `Database: ${data.tickets} tickets, ${data.executions} executions, ${data.steps} step rows (older ones pruned by retention), ${data.history} history rows, ${data.customers} customers; file ${data.fileMb} MB.`,
  '',
  `Reads through the tRPC caller, ${runs} runs each after 3 warm-ups (ms):`,
  '',
  '| Query | p50 | p95 | max | answer size | p95 < 100 ms |',
  '| --- | --- | --- | --- | --- | --- |',
  ...queries.map(queryRow),
  ...(intake
    ? [
        '',
        `Intake, bench-flow.ts only, 64 connections, ${intakeSeconds} s after a 3 s warm-up:`,
        '',
        '| Database | req/s | p50 ms | p99 ms | 2xx | non-2xx + errors | KiB per 1,000 requests |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        intakeRow(`generated (${data.tickets} tickets)`, intake.full),
        intakeRow('fresh demo workspace', intake.empty),
        '',
        `Ratio generated / fresh: **${(intake.full.requestsPerSecond / Math.max(1, intake.empty.requestsPerSecond)).toFixed(2)}** (target ≥ 0.80).`,
      ]
    : []),
  '<!-- scale-bench:end -->',
].join('\n');
process.stdout.write(`${section}\n`);

if (process.argv.includes('--record')) {
  const path = resolve(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const pattern = /<!-- scale-bench:start -->[\s\S]*?<!-- scale-bench:end -->/;
  writeFileSync(
    path,
    pattern.test(current)
      ? current.replace(pattern, section)
      : `${current.trimEnd()}\n\n## 1,000,000 tickets (issues 14 and 17)\n\n${section}\n`,
  );
}
