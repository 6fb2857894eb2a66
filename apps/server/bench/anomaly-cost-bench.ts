import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANOMALY_SETTINGS, HOUR_MS, lastCompleteHour } from '@flowdesk/desk';
import { createStore, type Store, type Ticket } from '@flowdesk/store';
import type Database from 'better-sqlite3';
import { findAnomalies } from '../src/runtime/anomaly-jobs.ts';

/**
 * What the anomaly early warning costs (issue 14, item 5; BENCHMARKS.md):
 * 1. intake: creating a ticket with and without migration 030's due-time
 *    index (the only thing the feature adds to the intake path);
 * 2. the hourly check: findAnomalies over a year of tickets (5 single hours read).
 * Usage: npx tsx bench/anomaly-cost-bench.ts [ticketsPerYear=300000]
 */

const PER_YEAR = Number(process.argv[2] ?? 300_000);
const YEAR_MS = 365 * 24 * HOUR_MS;
const END = Date.parse('2026-12-02T03:00:00Z');
const CATEGORIES = ['electrical', 'mechanical', 'software', 'complaint', 'returns'];
const CHANNELS = ['web_form', 'email', 'chat', 'phone'];

function ticket(index: number, createdAt: number): Ticket {
  const iso = new Date(createdAt).toISOString();
  return {
    id: `t${index}`,
    number: `CS${String(index).padStart(12, '0')}`,
    workspaceId: 'default',
    title: '报修',
    description: '设备故障',
    channel: CHANNELS[index % CHANNELS.length] ?? 'web_form',
    category: CATEGORIES[index % CATEGORIES.length] ?? null,
    priority: 'medium',
    status: 'new',
    team: null,
    assignee: null,
    customerId: null,
    vipLevel: 0,
    customFields: { deviceModel: `M-${index % 40}` },
    tags: index % 11 === 0 ? ['complaint'] : [],
    solution: null,
    slaPolicyId: null,
    firstResponseDueAt: null,
    resolutionDueAt: new Date(createdAt + 24 * HOUR_MS).toISOString(),
    firstRespondedAt: null,
    pausedAt: null,
    pausedMs: 0,
    slaState: index % 9 === 0 ? 'breached' : 'running',
    slaRevision: 0,
    createdByKey: null,
    createdAt: iso,
    updatedAt: iso,
    resolvedAt: null,
    closedAt: null,
  };
}

async function insertCost(withIndex: boolean, count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-anomaly-bench-'));
  const store = (await createStore({ sqlitePath: join(dir, 'bench.sqlite') })) as Store & {
    database: Database.Database;
  };
  if (!withIndex) store.database.exec('DROP INDEX tickets_by_resolution_due');
  // The index's own cost: rows written in one database transaction, so commits and fsyncs (the same
  // with or without the index, and noisy on a shared machine) stay out of the figure.
  const insert = store.database.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++)
      void store.tickets.create(ticket(index, END - index * 60_000));
  });
  insert(0, 2000);
  const started = process.hrtime.bigint();
  insert(2000, 2000 + count);
  const micros = Number(process.hrtime.bigint() - started) / 1000 / count;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return micros;
}

async function detectionCost(): Promise<{ ms: number; findings: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-anomaly-bench-'));
  const store = (await createStore({ sqlitePath: join(dir, 'bench.sqlite') })) as Store & {
    database: Database.Database;
  };
  const step = YEAR_MS / PER_YEAR;
  const insert = store.database.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) void store.tickets.create(ticket(index, END - index * step));
  });
  for (let from = 0; from < PER_YEAR; from += 10_000) insert(from, Math.min(PER_YEAR, from + 10_000));
  await store.tickets.get('t0');
  const hour = lastCompleteHour(END);
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < 20; run++) {
    const started = process.hrtime.bigint();
    findings = (await findAnomalies(store, 'default', hour - run * HOUR_MS, DEFAULT_ANOMALY_SETTINGS)).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, findings };
}

const rounds = 5;
for (let round = 0; round < rounds; round++) {
  const without = await insertCost(false, 20_000);
  const withIndex = await insertCost(true, 20_000);
  console.log(
    `ticket insert (CPU and page writes, no commit): without due index ${without.toFixed(1)} µs, with ${withIndex.toFixed(1)} µs (${(((withIndex - without) / without) * 100).toFixed(1)} %)`,
  );
}
const detection = await detectionCost();
console.log(
  `hourly check over ${PER_YEAR} tickets in a year: median ${detection.ms.toFixed(1)} ms, findings ${detection.findings}`,
);
